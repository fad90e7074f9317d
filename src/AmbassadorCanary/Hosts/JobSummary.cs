using System.Text;

namespace AmbassadorCanary.Hosts;

/// <summary>The job summary size rule shared by the hosts.</summary>
internal static class JobSummary
{
    /// <summary>GitHub rejects a step summary over 1 MiB; Azure has no documented cap, we use the same.</summary>
    public const int MaxBytes = 1024 * 1024;

    private const string TruncatedNote = "\n\n_(summary truncated at 1 MiB)_\n";

    /// <summary>Returns <paramref name="markdown"/>, cut at a line boundary with a note when it exceeds <see cref="MaxBytes"/>.</summary>
    public static string Cap(string markdown)
    {
        if (Encoding.UTF8.GetByteCount(markdown) <= MaxBytes)
        {
            return markdown;
        }

        var budget = MaxBytes - Encoding.UTF8.GetByteCount(TruncatedNote);
        var builder = new StringBuilder();
        var used = 0;
        foreach (var line in markdown.Split('\n'))
        {
            var size = Encoding.UTF8.GetByteCount(line) + 1;
            if (used + size > budget)
            {
                break;
            }

            builder.Append(line).Append('\n');
            used += size;
        }

        return builder.Append(TruncatedNote).ToString();
    }
}
