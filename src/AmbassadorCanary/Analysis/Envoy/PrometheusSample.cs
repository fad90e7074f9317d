namespace AmbassadorCanary.Analysis.Envoy;

/// <summary>One sample line of the Prometheus text format.</summary>
internal sealed record PrometheusSample(string Name, IReadOnlyDictionary<string, string> Labels, double Value, long? TimestampMs)
{
    public string? Label(string name) => Labels.TryGetValue(name, out var value) ? value : null;
}

/// <summary>A parsed exposition: the samples in order, and the TYPE declared per metric family.</summary>
internal sealed record PrometheusExposition(IReadOnlyList<PrometheusSample> Samples, IReadOnlyDictionary<string, string> Types);
