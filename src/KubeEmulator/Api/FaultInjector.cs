namespace KubeEmulator.Api;

/// <summary>Planned failures: each rule answers its next N matching requests, then the emulator behaves normally again.</summary>
public sealed class FaultInjector
{
    private readonly Lock _gate = new();
    private readonly List<(FaultRule Rule, int Remaining)> _rules = [];

    public void Add(FaultRule rule)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rule.Count);
        lock (_gate)
        {
            _rules.Add((rule, rule.Count));
        }
    }

    /// <summary>Faults not yet used up.</summary>
    public int Pending
    {
        get
        {
            lock (_gate)
            {
                return _rules.Sum(r => r.Remaining);
            }
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _rules.Clear();
        }
    }

    /// <summary>The first rule matching the request, counted down; null when none applies.</summary>
    internal FaultRule? Take(ApiRequest request)
    {
        lock (_gate)
        {
            for (var i = 0; i < _rules.Count; i++)
            {
                var (rule, remaining) = _rules[i];
                if (!Matches(rule, request))
                {
                    continue;
                }

                if (remaining <= 1)
                {
                    _rules.RemoveAt(i);
                }
                else
                {
                    _rules[i] = (rule, remaining - 1);
                }

                return rule;
            }

            return null;
        }
    }

    private static bool Matches(FaultRule rule, ApiRequest request)
    {
        var rbacResource = request.Subresource is null ? request.Resource : $"{request.Resource}/{request.Subresource}";
        return (rule.Verb is null || rule.Verb == request.Verb)
            && (rule.Resource is null || rule.Resource == request.Resource || rule.Resource == rbacResource)
            && (rule.Name is null || rule.Name == request.Name);
    }
}
