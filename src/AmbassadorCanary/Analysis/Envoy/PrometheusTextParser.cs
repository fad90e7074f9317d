using System.Globalization;
using System.Text;

namespace AmbassadorCanary.Analysis.Envoy;

/// <summary>
/// Parses the Prometheus text exposition format (version 0.0.4), as served by Envoy's /stats/prometheus
/// and Ambassador's :8877/metrics: HELP/TYPE/other comments, labels with \\ \" \n escapes, +Inf/-Inf/NaN, timestamps.
/// </summary>
internal static class PrometheusTextParser
{
    public static PrometheusExposition Parse(string text)
    {
        var samples = new List<PrometheusSample>();
        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        var lineNumber = 0;
        foreach (var rawLine in text.Split('\n'))
        {
            lineNumber++;
            var line = rawLine.TrimEnd('\r').Trim(' ', '\t');
            if (line.Length == 0)
            {
                continue;
            }

            try
            {
                if (line[0] == '#')
                {
                    ReadComment(line, types);
                }
                else
                {
                    samples.Add(ReadSample(line));
                }
            }
            catch (FormatException e)
            {
                throw new FormatException($"metrics line {lineNumber}: {e.Message}: {Shorten(line)}", e);
            }
        }

        return new PrometheusExposition(samples, types);
    }

    private static void ReadComment(string line, Dictionary<string, string> types)
    {
        var parts = line[1..].TrimStart(' ', '\t').Split([' ', '\t'], 3, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 3 && parts[0] == "TYPE")
        {
            types[parts[1]] = parts[2].Trim();
        }
    }

    private static PrometheusSample ReadSample(string line)
    {
        var pos = 0;
        var name = ReadName(line, ref pos, allowColon: true);
        if (name.Length == 0)
        {
            throw new FormatException("missing metric name");
        }

        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        SkipBlanks(line, ref pos);
        if (pos < line.Length && line[pos] == '{')
        {
            pos++;
            ReadLabels(line, ref pos, labels);
        }

        SkipBlanks(line, ref pos);
        var rest = line[pos..].Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        if (rest.Length is < 1 or > 2)
        {
            throw new FormatException("expected a value and an optional timestamp");
        }

        var value = ParseValue(rest[0]);
        long? timestamp = null;
        if (rest.Length == 2)
        {
            if (!long.TryParse(rest[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var ts))
            {
                throw new FormatException($"bad timestamp '{rest[1]}'");
            }

            timestamp = ts;
        }

        return new PrometheusSample(name, labels, value, timestamp);
    }

    private static void ReadLabels(string line, ref int pos, Dictionary<string, string> labels)
    {
        while (true)
        {
            SkipBlanks(line, ref pos);
            if (pos >= line.Length)
            {
                throw new FormatException("unterminated label set");
            }

            if (line[pos] == '}')
            {
                pos++;
                return;
            }

            var labelName = ReadName(line, ref pos, allowColon: false);
            if (labelName.Length == 0)
            {
                throw new FormatException($"bad label name at column {pos + 1}");
            }

            SkipBlanks(line, ref pos);
            Expect(line, ref pos, '=');
            SkipBlanks(line, ref pos);
            Expect(line, ref pos, '"');
            labels[labelName] = ReadQuoted(line, ref pos);
            SkipBlanks(line, ref pos);
            if (pos < line.Length && line[pos] == ',')
            {
                pos++;
            }
            else if (pos >= line.Length || line[pos] != '}')
            {
                throw new FormatException($"expected ',' or '}}' at column {pos + 1}");
            }
        }
    }

    private static string ReadQuoted(string line, ref int pos)
    {
        var value = new StringBuilder();
        while (pos < line.Length)
        {
            var c = line[pos++];
            if (c == '"')
            {
                return value.ToString();
            }

            if (c != '\\')
            {
                value.Append(c);
                continue;
            }

            if (pos >= line.Length)
            {
                break;
            }

            var escaped = line[pos++];
            value.Append(escaped switch
            {
                'n' => '\n',
                '\\' => '\\',
                '"' => '"',
                _ => throw new FormatException($"unknown escape '\\{escaped}' in label value"),
            });
        }

        throw new FormatException("unterminated label value");
    }

    private static string ReadName(string line, ref int pos, bool allowColon)
    {
        var start = pos;
        while (pos < line.Length)
        {
            var c = line[pos];
            var ok = char.IsAsciiLetter(c) || c == '_' || (allowColon && c == ':') || (pos > start && char.IsAsciiDigit(c));
            if (!ok)
            {
                break;
            }

            pos++;
        }

        return line[start..pos];
    }

    private static double ParseValue(string text) => text switch
    {
        "+Inf" or "Inf" or "+inf" or "inf" => double.PositiveInfinity,
        "-Inf" or "-inf" => double.NegativeInfinity,
        "NaN" or "nan" => double.NaN,
        _ when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) => v,
        _ => throw new FormatException($"bad value '{text}'"),
    };

    private static void Expect(string line, ref int pos, char c)
    {
        if (pos >= line.Length || line[pos] != c)
        {
            throw new FormatException($"expected '{c}' at column {pos + 1}");
        }

        pos++;
    }

    private static void SkipBlanks(string line, ref int pos)
    {
        while (pos < line.Length && (line[pos] == ' ' || line[pos] == '\t'))
        {
            pos++;
        }
    }

    private static string Shorten(string line) => line.Length <= 120 ? line : line[..120] + "...";
}
