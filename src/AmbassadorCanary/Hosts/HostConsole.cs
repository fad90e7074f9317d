namespace AmbassadorCanary.Hosts;

/// <summary>
/// The single, synchronous way hosts write to stdout: whole lines, in call order, secrets redacted.
/// Only mask registration bypasses redaction, since that command must carry the value.
/// </summary>
internal sealed class HostConsole(TextWriter stdout, SecretMasker masker)
{
    private readonly Lock _gate = new();

    public void WriteLine(string line) => WriteUnredacted(masker.Redact(line));

    /// <summary>For commands that register a secret: the value has to reach the host as is.</summary>
    public void WriteUnredacted(string line)
    {
        lock (_gate)
        {
            stdout.Write(line);
            stdout.Write('\n');
            stdout.Flush();
        }
    }
}
