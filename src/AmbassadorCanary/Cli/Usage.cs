namespace AmbassadorCanary.Cli;

internal static class Usage
{
    public const string Text = """
        ambassador-canary: canary releases for Kubernetes workloads routed by Ambassador / Emissary.

        usage: ambassador-canary <command> [--flag value]...

        commands:
          rollout          drive the rollout to its end (promoted or rolled back)
          step             make at most one transition, then exit (scheduled workflows)
          promote          promote the rollout in progress now
          rollback         roll the rollout in progress back now
          status           show the rollout's state (--output json for machines)
          plan             print the exact objects a rollout would write, as YAML; change nothing
          preview          deploy a pull request's version behind a header route (docs/preview.md)
          preview-cleanup  remove a preview (Mapping, then Service, then Deployment)
          sandbox          run a full rollout against a built-in simulated cluster (no cluster needed)
                           --scenario healthy|unready|errors|slow
          sandbox serve    keep a simulated cluster running; --kubeconfig-out FILE writes its kubeconfig

        cluster: --kubeconfig FILE [--context NAME]; in a pipeline the kubeconfig input (content or base64).
        rollout settings: --file rollout.yaml and/or flags such as --namespace, --deployment, --image c=img,
          --mapping, --step-weights 10,25,50, --interval 1m (see docs/spec.md for all of them).

        exit codes: 0 promoted or progressing, 1 rolled back or failed, 2 bad input, 3 infrastructure error.
        """;
}
