using System.Collections.Concurrent;

namespace KubeEmulator.Controllers;

/// <summary>
/// Runs work items one at a time, in the order they were posted, on whichever thread posts while the queue is idle.
/// Work posted from inside a running item (the store raises Changed synchronously) runs right after it.
/// No lock is held while an item runs, so an item may call the store while another thread holds the store's lock
/// and posts here: that thread just enqueues and returns. Under a VirtualClock everything therefore happens
/// synchronously inside the write or Advance that caused it, which keeps tests deterministic.
/// </summary>
internal sealed class SerialWorkQueue(Action<Exception> onError)
{
    private readonly ConcurrentQueue<Action> _items = new();
    private int _draining;

    public void Post(Action item)
    {
        _items.Enqueue(item);
        while (!_items.IsEmpty && Interlocked.CompareExchange(ref _draining, 1, 0) == 0)
        {
            try
            {
                while (_items.TryDequeue(out var next))
                {
                    try
                    {
                        next();
                    }
                    catch (Exception ex)
                    {
                        onError(ex);
                    }
                }
            }
            finally
            {
                Volatile.Write(ref _draining, 0);
            }
        }
    }
}
