using AmbassadorCanary.Lifecycle;
using k8s.Autorest;

namespace AmbassadorCanary.Workloads;

/// <summary>
/// Idempotent writes against a live API server: create when absent, replace with the read resourceVersion when present,
/// and re-read on every race (409 on create or replace, 404 on replace).
/// </summary>
internal static class CreateOrReplace
{
    private const int Attempts = 5;

    public static async Task<T> RunAsync<T>(
        string what,
        Func<CancellationToken, Task<T?>> read,
        Func<CancellationToken, Task<T>> create,
        Func<T, CancellationToken, Task<T>> replace,
        CancellationToken cancellationToken)
        where T : class
    {
        HttpOperationException? last = null;
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var current = await ReadAsync(what, read, cancellationToken);
            try
            {
                return current is null ? await create(cancellationToken) : await replace(current, cancellationToken);
            }
            catch (HttpOperationException e) when (e.IsConflict() || (current is not null && e.IsNotFound()))
            {
                last = e;
            }
            catch (HttpOperationException e)
            {
                throw new ClusterOperationException($"{what}: {(current is null ? "create" : "update")} failed: {e.Describe()}", e);
            }
        }

        throw new ClusterOperationException($"{what}: still conflicting after {Attempts} attempts: {last?.Describe()}", last!);
    }

    /// <summary>The object, or null on 404.</summary>
    public static async Task<T?> ReadAsync<T>(string what, Func<CancellationToken, Task<T?>> read, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            return await read(cancellationToken);
        }
        catch (HttpOperationException e) when (e.IsNotFound())
        {
            return null;
        }
        catch (HttpOperationException e)
        {
            throw new ClusterOperationException($"{what}: read failed: {e.Describe()}", e);
        }
    }

    /// <summary>Deletes; an object already gone is fine.</summary>
    public static async Task<bool> DeleteAsync(string what, Func<CancellationToken, Task> delete, CancellationToken cancellationToken)
    {
        try
        {
            await delete(cancellationToken);
            return true;
        }
        catch (HttpOperationException e) when (e.IsNotFound())
        {
            return false;
        }
        catch (HttpOperationException e)
        {
            throw new ClusterOperationException($"{what}: delete failed: {e.Describe()}", e);
        }
    }
}
