using AmbassadorCanary.Analysis;
using AmbassadorCanary.Analysis.Providers;
using AmbassadorCanary.Analysis.Webhooks;
using AmbassadorCanary.Hosts;
using AmbassadorCanary.Lifecycle;
using AmbassadorCanary.Spec;
using k8s;
using k8s.Autorest;
using Microsoft.Extensions.Logging;

namespace AmbassadorCanary.Cli;

/// <summary>
/// Builds the analysis and the engine for one spec and one cluster, runs the command, and tells the pipeline how it
/// went (outputs and job summary). Shared by the cluster commands and the sandbox.
/// </summary>
/// <param name="time">The rollout's clock: the system clock, or the sandbox's virtual clock that <paramref name="pacer"/> advances.</param>
internal sealed class EngineRunner(CommandContext context, IKubernetes client, RolloutSpec spec, IRolloutPacer pacer, TimeProvider time)
{
    public async Task<int> RunAsync(string command)
    {
        var host = context.Host;
        var token = context.Shutdown.RunToken;
        HttpClient? prometheusClient;
        try
        {
            prometheusClient = spec.Analysis.Prometheus is { } prometheusSpec ? PrometheusHttp.CreateClient(prometheusSpec) : null;
        }
        catch (InvalidOperationException e)
        {
            // An unreadable CA file: bad input, reported before the cluster is called.
            host.LogIssue(IssueLevel.Error, $"{command}: {e.Message}");
            return ExitCodes.BadInput;
        }

        using var prometheusHttp = prometheusClient;
        using var webhookHttp = spec.Analysis.Webhooks.Count > 0 ? new HttpClient() : null;
        var prometheus = prometheusHttp is null ? null : new PrometheusClient(prometheusHttp, spec.Analysis.Prometheus!, time);
        var webhooks = webhookHttp is null ? null : new WebhookRunner(webhookHttp, time, context.Loggers.CreateLogger<WebhookRunner>());
        var analysis = CanaryAnalysisFactory.Create(spec, client, prometheus, webhooks);
        var engine = new RolloutEngine(client, spec, analysis, pacer, time, context.Loggers, webhooks: webhooks);
        try
        {
            switch (command)
            {
                case "status":
                    StatusOutput.Write(host, await engine.GetStatusAsync(token), json: context.Option(CliOptions.Output) == "json");
                    return ExitCodes.Success;
                case "plan":
                    var plan = await engine.PlanAsync(token);
                    host.WriteLine($"# dialect {plan.Dialect}, revision {plan.Revision}: the objects a rollout writes (nothing was changed)");
                    host.WriteLine(YamlOutput.Write(plan.Objects));
                    return ExitCodes.Success;
            }

            var outcome = command switch
            {
                "rollout" => await engine.RunAsync(RunMode.Rollout, token),
                "step" => await engine.RunAsync(RunMode.Step, token),
                "promote" => await engine.PromoteAsync(token),
                "rollback" => await engine.RollbackAsync(token),
                _ => throw new ArgumentOutOfRangeException(nameof(command), command, "not an engine command"),
            };
            var report = RolloutReportBuilder.Build(command, spec, outcome);
            host.WriteLine(JobSummaryMarkdown.Headline(report));
            context.Session.Finish(report, outcome.ExitCode == ExitCodes.Success);
            return outcome.ExitCode;
        }
        catch (RolloutInputException e)
        {
            host.LogIssue(IssueLevel.Error, e.Message);
            return ExitCodes.BadInput;
        }
        catch (RolloutLockedException e)
        {
            host.LogIssue(IssueLevel.Error, e.Message);
            return ExitCodes.InfrastructureError;
        }
        catch (Exception e) when (e is ClusterOperationException or HttpOperationException or HttpRequestException or PrometheusQueryException)
        {
            host.LogIssue(IssueLevel.Error, $"{command}: {e.Message}");
            return ExitCodes.InfrastructureError;
        }
    }
}
