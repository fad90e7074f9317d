using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using AmbassadorCanary.Hosts;
using AmbassadorCanary.Lifecycle;

namespace AmbassadorCanary.Cli;

/// <summary>Prints `status`: a table for people, or JSON (--output json) for machines.</summary>
internal static class StatusOutput
{
    public static void Write(IPipelineHost host, RolloutStatus status, bool json) =>
        host.WriteLine(json ? ToJson(status).ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }) : ToTable(status));

    public static JsonObject ToJson(RolloutStatus status)
    {
        var state = status.State;
        return new JsonObject
        {
            ["phase"] = state?.Phase.ToString() ?? "None",
            ["step"] = state?.StepIndex,
            ["weight"] = state?.Weight,
            ["routeWeight"] = status.RouteWeight,
            ["revision"] = state?.Revision,
            ["specRevision"] = status.SpecRevision,
            ["dialect"] = status.Dialect.ToString(),
            ["primaryMapping"] = status.PrimaryMapping,
            ["canary"] = status.Canary.ToString(),
            ["primary"] = status.Primary.ToString(),
            ["failedChecks"] = state?.FailedChecks,
            ["message"] = state?.Message,
            ["startedAt"] = state?.StartedAt,
            ["lastTransitionAt"] = state?.LastTransitionAt,
            ["history"] = new JsonArray([.. (state?.History ?? []).Select(h => (JsonNode)new JsonObject
            {
                ["at"] = h.At,
                ["from"] = h.From.ToString(),
                ["to"] = h.To.ToString(),
                ["step"] = h.Step,
                ["weight"] = h.Weight,
                ["reason"] = h.Reason,
            })]),
            ["analysis"] = new JsonArray([.. (state?.Analysis ?? []).Select(a => (JsonNode)new JsonObject
            {
                ["at"] = a.At,
                ["step"] = a.Step,
                ["weight"] = a.Weight,
                ["verdict"] = a.Verdict.ToString(),
                ["checks"] = new JsonArray([.. a.Checks.Select(c => (JsonNode)new JsonObject
                {
                    ["name"] = c.Name,
                    ["outcome"] = c.Outcome.ToString(),
                    ["value"] = c.Value,
                    ["threshold"] = c.Threshold,
                    ["detail"] = c.Detail,
                })]),
            })]),
        };
    }

    public static string ToTable(RolloutStatus status)
    {
        var state = status.State;
        var text = new StringBuilder();
        void Row(string name, string? value) => text.Append(CultureInfo.InvariantCulture, $"{name,-16}{value ?? "-"}\n");
        Row("primary route", $"{status.PrimaryMapping} ({status.Dialect})");
        Row("phase", state is null ? "no rollout in progress" : $"{state.Phase} (step {state.StepIndex + 1})");
        Row("weight", state is null ? null : $"{state.Weight} % (route says {status.RouteWeight?.ToString(CultureInfo.InvariantCulture) ?? "no canary route"})");
        Row("revision", state is null ? status.SpecRevision : $"{state.Revision} (this spec: {status.SpecRevision})");
        Row("canary", status.Canary.ToString());
        Row("primary", status.Primary.ToString());
        Row("failed checks", state?.FailedChecks.ToString(CultureInfo.InvariantCulture));
        Row("message", state?.Message);
        if (state is { History.Count: > 0 })
        {
            text.Append("\nhistory\n");
            foreach (var h in state.History)
            {
                text.Append(CultureInfo.InvariantCulture, $"  {h.At:yyyy-MM-dd HH:mm:ss}  {h.From,-15} -> {h.To,-15} {h.Weight,3} %  {h.Reason}\n");
            }
        }

        if (state is { Analysis.Count: > 0 })
        {
            var last = state.Analysis[^1];
            text.Append(CultureInfo.InvariantCulture, $"\nlast analysis ({last.At:HH:mm:ss}, weight {last.Weight} %): {last.Verdict}\n");
            foreach (var c in last.Checks)
            {
                var value = c.Value?.ToString("0.###", CultureInfo.InvariantCulture) ?? "no data";
                text.Append(CultureInfo.InvariantCulture, $"  {c.Name,-24}{c.Outcome,-8}{value,-12}{c.Threshold}  {c.Detail}\n");
            }
        }

        return text.ToString().TrimEnd();
    }
}
