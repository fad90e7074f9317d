using System.Text;
using AmbassadorCanary.Spec;

namespace AmbassadorCanary.Preview;

/// <summary>What users read about a preview: how to reach it (the header or cookie, a curl line), for the job summary and the PR comment.</summary>
internal static class PreviewMarkdown
{
    /// <summary>"header `x-preview: pr-123`" or "cookie `preview=pr-123`".</summary>
    public static string HowToReach(HeaderRouteSpec route) => route switch
    {
        { Cookie: { } cookie } => $"cookie `{cookie}`",
        { Header: { } header, Value: { } value } => $"header `{header}: {value}`",
        { Header: { } header } => $"header `{header}` (any value)",
        _ => "the configured header",
    };

    /// <summary>A curl command that reaches the preview.</summary>
    public static string Curl(HeaderRouteSpec route, string url) => route switch
    {
        { Cookie: { } cookie } => $"curl --cookie '{cookie}' {url}",
        { Header: { } header } => $"curl -H '{header}: {route.Value ?? "1"}' {url}",
        _ => $"curl {url}",
    };

    public static string Deployed(PreviewOutcome outcome)
    {
        var md = new StringBuilder();
        md.Append("## ").Append(outcome.Succeeded ? "✅ Preview ready: " : "❌ Preview not ready: ").Append('`').Append(outcome.Names.Name).Append("`\n\n");
        md.Append(outcome.Message).Append("\n\n");
        if (!outcome.Succeeded)
        {
            return md.ToString();
        }

        md.Append("Only requests with the ").Append(HowToReach(outcome.Route)).Append(" reach this preview; all other traffic is untouched.\n\n");
        md.Append("| | |\n|---|---|\n");
        md.Append("| URL | ").Append(outcome.Url ?? "(set `preview-base-url` to get one)").Append(" |\n");
        md.Append("| Send | ").Append(HowToReach(outcome.Route)).Append(" |\n");
        md.Append("| Deployment / Service | `").Append(outcome.Names.Namespace).Append('/').Append(outcome.Names.Workload).Append("` |\n");
        md.Append("| Mapping | `").Append(outcome.Mapping).Append("` |\n\n");
        md.Append("```sh\n").Append(Curl(outcome.Route, outcome.Url ?? "https://<your-host>/<prefix>")).Append("\n```\n");
        return md.ToString();
    }

    public static string Removed(PreviewOutcome outcome) =>
        $"## 🧹 Preview removed: `{outcome.Names.Name}`\n\n{outcome.Message}.\n";
}
