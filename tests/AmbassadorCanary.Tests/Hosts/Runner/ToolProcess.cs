using System.Diagnostics;
using System.Text;

namespace AmbassadorCanary.Tests.Hosts.Runner;

/// <summary>
/// A child process with exactly the given environment (nothing inherited), its output captured line by line.
/// Dispose kills it (and its children) if it still runs.
/// </summary>
internal sealed class ToolProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly Lock _gate = new();
    private readonly List<(string Text, TaskCompletionSource Seen)> _waiters = [];

    private ToolProcess(Process process) => _process = process;

    public int Id => _process.Id;

    public string Stdout
    {
        get
        {
            lock (_gate)
            {
                return _stdout.ToString();
            }
        }
    }

    public string Stderr
    {
        get
        {
            lock (_gate)
            {
                return _stderr.ToString();
            }
        }
    }

    /// <summary>The built tool: the apphost next to the test assembly's referenced build of AmbassadorCanary.</summary>
    public static string ToolPath()
    {
        var candidate = Path.Combine(AppContext.BaseDirectory, "ambassador-canary");
        return File.Exists(candidate) ? candidate : throw new FileNotFoundException("the built ambassador-canary apphost", candidate);
    }

    public static ToolProcess Start(string fileName, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment, string? workingDirectory = null)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment.Clear();
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        var process = new Process { StartInfo = info };
        var tool = new ToolProcess(process);
        process.OutputDataReceived += (_, e) => tool.Append(tool._stdout, e.Data);
        process.ErrorDataReceived += (_, e) => tool.Append(tool._stderr, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return tool;
    }

    /// <summary>Completes when a stdout or stderr line contains <paramref name="text"/>.</summary>
    public Task WaitForOutputAsync(string text)
    {
        lock (_gate)
        {
            if (_stdout.ToString().Contains(text, StringComparison.Ordinal) || _stderr.ToString().Contains(text, StringComparison.Ordinal))
            {
                return Task.CompletedTask;
            }

            var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((text, seen));
            return seen.Task;
        }
    }

    /// <summary>
    /// Waits until a line contains <paramref name="text"/>; fails (with the output so far) when the process exits first
    /// or <paramref name="limit"/> passes. The limit only guards against a hang.
    /// </summary>
    public async Task WaitForOutputAsync(string text, TimeSpan limit)
    {
        var seen = WaitForOutputAsync(text);
        var exited = _process.WaitForExitAsync();
        var done = await Task.WhenAny(seen, exited, Task.Delay(limit));
        if (done != seen)
        {
            var why = done == exited ? $"the process exited ({_process.ExitCode})" : $"{limit} passed";
            throw new TimeoutException($"'{text}' not seen before {why}.\nstdout:\n{Stdout}\nstderr:\n{Stderr}");
        }
    }

    /// <summary>Waits for exit (and drained output) at most <paramref name="limit"/>, a guard against a hang; returns the exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan limit)
    {
        using var guard = new CancellationTokenSource(limit);
        try
        {
            return await WaitForExitAsync(guard.Token);
        }
        catch (OperationCanceledException) when (guard.IsCancellationRequested)
        {
            throw new TimeoutException($"the process did not exit within {limit}.\nstdout:\n{Stdout}\nstderr:\n{Stderr}");
        }
    }

    public bool HasExited => _process.HasExited;

    /// <summary>Sends a POSIX signal (e.g. "TERM") as the runner would on cancellation.</summary>
    public void Signal(string name)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-" + name, _process.Id.ToString()]) { UseShellExecute = false })!;
        kill.WaitForExit();
    }

    /// <summary>Waits for exit and for the output streams to drain; returns the exit code.</summary>
    public async Task<int> WaitForExitAsync(CancellationToken cancellationToken)
    {
        await _process.WaitForExitAsync(cancellationToken);
        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
    }

    private void Append(StringBuilder target, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_gate)
        {
            target.Append(line).Append('\n');
            foreach (var waiter in _waiters.Where(w => line.Contains(w.Text, StringComparison.Ordinal)).ToList())
            {
                waiter.Seen.TrySetResult();
                _waiters.Remove(waiter);
            }
        }
    }
}
