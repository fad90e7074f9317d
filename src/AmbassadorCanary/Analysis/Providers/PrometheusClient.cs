using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AmbassadorCanary.Spec;

namespace AmbassadorCanary.Analysis.Providers;

/// <summary>
/// A small client of Prometheus' HTTP API (instant queries, /api/v1/query) with bearer or basic auth. The HttpClient
/// is injected: build it with <see cref="PrometheusHttp.CreateClient"/> to trust a custom CA. Each query is bounded by
/// QueryTimeout; every failure is a <see cref="PrometheusQueryException"/> naming the server and the query.
/// </summary>
internal sealed class PrometheusClient(HttpClient http, PrometheusSpec spec, TimeProvider time)
{
    private const int BodyExcerpt = 300;

    public TimeSpan QueryTimeout { get; init; } = TimeSpan.FromSeconds(10);

    public Uri Url => spec.Url;

    /// <summary>Evaluates an instant query at the given time (the server's now when null) and returns its series.</summary>
    public async Task<IReadOnlyList<PrometheusSeries>> QueryAsync(string promql, DateTimeOffset? at, CancellationToken cancellationToken)
    {
        var query = "query=" + Uri.EscapeDataString(promql);
        if (at is { } t)
        {
            query += "&time=" + (t.ToUnixTimeMilliseconds() / 1000.0).ToString("0.###", CultureInfo.InvariantCulture);
        }

        var url = new Uri(BaseUrl(), "api/v1/query?" + query);
        using var timeout = new CancellationTokenSource(QueryTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        Authorize(request);
        string body;
        int status;
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, linked.Token);
            status = (int)response.StatusCode;
            body = await response.Content.ReadAsStringAsync(linked.Token);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw Error($"no answer within {QueryTimeout.TotalSeconds:0.###} s", promql, e);
        }
        catch (HttpRequestException e)
        {
            throw Error($"request failed: {e.Message}", promql, e);
        }

        return Parse(body, status, promql);
    }

    /// <summary>
    /// Evaluates a query that should yield one number. Null when the answer is empty (no data); an error when it
    /// holds more than one series, since which one to check would be a guess.
    /// </summary>
    public async Task<double?> QueryScalarAsync(string promql, DateTimeOffset? at, CancellationToken cancellationToken)
    {
        var series = await QueryAsync(promql, at, cancellationToken);
        return series.Count switch
        {
            0 => null,
            1 => series[0].Value,
            _ => throw Error($"query returned {series.Count} series; a check needs exactly one (aggregate it, e.g. with sum())", promql),
        };
    }

    private Uri BaseUrl() => spec.Url.AbsoluteUri.EndsWith('/') ? spec.Url : new Uri(spec.Url.AbsoluteUri + "/");

    private void Authorize(HttpRequestMessage request)
    {
        if (!string.IsNullOrEmpty(spec.BearerToken))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", spec.BearerToken);
        }
        else if (!string.IsNullOrEmpty(spec.Username))
        {
            var pair = Encoding.UTF8.GetBytes($"{spec.Username}:{spec.Password}");
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(pair));
        }
    }

    private List<PrometheusSeries> Parse(string body, int status, string promql)
    {
        JsonObject? answer;
        try
        {
            answer = JsonNode.Parse(body) as JsonObject;
        }
        catch (JsonException)
        {
            answer = null;
        }

        if (answer is null)
        {
            throw Error($"answered {status} with a body that is not a Prometheus API response: {Excerpt(body)}", promql, status: status);
        }

        if ((string?)answer["status"] != "success")
        {
            var kind = (string?)answer["errorType"] ?? "error";
            var message = (string?)answer["error"] ?? Excerpt(body);
            throw Error($"answered {status}: {kind}: {message}", promql, status: status);
        }

        var data = answer["data"] as JsonObject ?? throw Error("answer has no data", promql, status: status);
        var type = (string?)data["resultType"];
        var result = data["result"];
        return type switch
        {
            "vector" => (result as JsonArray ?? []).Select(e => ReadSeries(e as JsonObject, promql)).ToList(),
            "scalar" => [new PrometheusSeries(new Dictionary<string, string>(), ReadValue(result as JsonArray, promql))],
            _ => throw Error($"answer is a {type}, not an instant vector or scalar", promql, status: status),
        };
    }

    private PrometheusSeries ReadSeries(JsonObject? element, string promql)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in element?["metric"] as JsonObject ?? [])
        {
            labels[name] = (string?)value ?? "";
        }

        return new PrometheusSeries(labels, ReadValue(element?["value"] as JsonArray, promql));
    }

    private double ReadValue(JsonArray? pair, string promql)
    {
        var text = pair is { Count: 2 } ? (string?)pair[1] : null;
        return text switch
        {
            "+Inf" or "Inf" => double.PositiveInfinity,
            "-Inf" => double.NegativeInfinity,
            "NaN" => double.NaN,
            not null when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) => v,
            _ => throw Error($"unreadable sample value {pair?.ToJsonString() ?? "(none)"}", promql),
        };
    }

    private PrometheusQueryException Error(string what, string promql, Exception? inner = null, int? status = null)
    {
        var message = $"Prometheus {UrlForLogs.Of(spec.Url)}: {what}; query: {promql}";
        return inner is null ? new PrometheusQueryException(message) { StatusCode = status } : new PrometheusQueryException(message, inner) { StatusCode = status };
    }

    private static string Excerpt(string body)
    {
        var oneLine = body.ReplaceLineEndings(" ").Trim();
        return oneLine.Length <= BodyExcerpt ? oneLine : oneLine[..BodyExcerpt] + "...";
    }
}
