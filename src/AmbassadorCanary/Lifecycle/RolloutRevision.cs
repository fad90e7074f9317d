using System.Security.Cryptography;
using System.Text;

namespace AmbassadorCanary.Lifecycle;

/// <summary>
/// A rollout's identity: a hash of the container → image map. Only the images count, so promotion (which writes
/// the same images into the primary) and unrelated edits to the primary do not look like a new revision.
/// </summary>
public static class RolloutRevision
{
    public static string Of(IReadOnlyDictionary<string, string> images)
    {
        var canonical = string.Join("\n", images.OrderBy(i => i.Key, StringComparer.Ordinal).Select(i => $"{i.Key}={i.Value}"));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)))[..10];
    }
}
