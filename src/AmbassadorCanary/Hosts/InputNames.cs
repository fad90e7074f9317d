using System.Text;

namespace AmbassadorCanary.Hosts;

/// <summary>Name conversions between CLI flags (kebab-case), Azure inputs (camelCase) and INPUT_* variables.</summary>
internal static class InputNames
{
    /// <summary>step-weights → stepWeights; max-latency-p99 → maxLatencyP99.</summary>
    public static string ToCamelCase(string kebab)
    {
        var result = new StringBuilder(kebab.Length);
        var upperNext = false;
        foreach (var c in kebab)
        {
            if (c is '-' or '_' or ' ')
            {
                upperNext = result.Length > 0;
                continue;
            }

            result.Append(upperNext ? char.ToUpperInvariant(c) : char.ToLowerInvariant(c));
            upperNext = false;
        }

        return result.ToString();
    }

    /// <summary>stepWeights → step-weights; maxLatencyP99 → max-latency-p99 (digits stay with their word).</summary>
    public static string ToKebabCase(string camel)
    {
        var result = new StringBuilder(camel.Length + 4);
        foreach (var c in camel)
        {
            if (char.IsUpper(c))
            {
                if (result.Length > 0)
                {
                    result.Append('-');
                }

                result.Append(char.ToLowerInvariant(c));
            }
            else
            {
                result.Append(c);
            }
        }

        return result.ToString();
    }

    /// <summary>GitHub: the input name uppercased, spaces to underscores, hyphens kept (INPUT_STEP-WEIGHTS).</summary>
    public static string GitHubVariable(string inputName) => "INPUT_" + inputName.Replace(' ', '_').ToUpperInvariant();

    /// <summary>Azure: the camelCase task input name uppercased (INPUT_STEPWEIGHTS).</summary>
    public static string AzureVariable(string inputName) => "INPUT_" + ToCamelCase(inputName).Replace(' ', '_').ToUpperInvariant();
}
