using System.Net;
using System.Text.Json.Nodes;
using k8s.Autorest;

namespace AmbassadorCanary.Workloads;

/// <summary>Reads the API server's Status out of a failed call.</summary>
internal static class KubernetesErrors
{
    public static bool IsNotFound(this HttpOperationException e) => e.Response?.StatusCode == HttpStatusCode.NotFound;

    public static bool IsConflict(this HttpOperationException e) => e.Response?.StatusCode == HttpStatusCode.Conflict;

    /// <summary>"409 Conflict: the object has been modified..." from the Status body, or the HTTP reason when there is none.</summary>
    public static string Describe(this HttpOperationException e)
    {
        var code = e.Response is null ? "no response" : ((int)e.Response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
        try
        {
            if (e.Response?.Content is { Length: > 0 } content && JsonNode.Parse(content) is JsonObject status)
            {
                return $"{code} {(string?)status["reason"]}: {(string?)status["message"]}";
            }
        }
        catch (System.Text.Json.JsonException)
        {
            // Not a Status object; fall back to the HTTP reason.
        }

        return $"{code} {e.Response?.ReasonPhrase ?? e.Message}";
    }
}
