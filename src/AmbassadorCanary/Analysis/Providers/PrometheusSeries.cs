namespace AmbassadorCanary.Analysis.Providers;

/// <summary>One element of an instant query's answer: its labels and its value (a scalar answer has no labels).</summary>
public sealed record PrometheusSeries(IReadOnlyDictionary<string, string> Labels, double Value)
{
    public string? Label(string name) => Labels.TryGetValue(name, out var value) ? value : null;
}
