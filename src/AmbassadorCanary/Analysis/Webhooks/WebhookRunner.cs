using System.Net.Http.Headers;
using System.Text.Json;
using AmbassadorCanary.Analysis.Providers;
using AmbassadorCanary.Spec;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AmbassadorCanary.Analysis.Webhooks;

/// <summary>
/// Calls webhooks: a JSON POST per hook, each attempt bounded by the hook's Timeout, retried up to Retries more times
/// on a 5xx answer, a timeout or a connection error (never on 4xx: the hook said no). Passed only on 2xx.
/// </summary>
internal sealed class WebhookRunner(HttpClient http, TimeProvider time, ILogger? logger = null, TimeSpan? retryDelay = null)
{
    private const int BodyExcerpt = 200;

    private readonly ILogger log = logger ?? NullLogger.Instance;
    private readonly TimeSpan delay = retryDelay ?? TimeSpan.FromSeconds(1);

    /// <summary>Calls every hook of this kind in order, each with the payload (its Hook and Metadata filled per hook).</summary>
    public async Task<IReadOnlyList<WebhookResult>> RunAsync(IEnumerable<WebhookSpec> hooks, WebhookKind kind, WebhookPayload payload, CancellationToken cancellationToken)
    {
        var results = new List<WebhookResult>();
        foreach (var hook in hooks.Where(h => h.Kind == kind))
        {
            results.Add(await CallAsync(hook, payload, cancellationToken));
        }

        return results;
    }

    /// <summary>The confirm-promotion gate: open only when every confirm-promotion hook answered 2xx (open when there are none).</summary>
    public async Task<PromotionGate> ConfirmPromotionAsync(IEnumerable<WebhookSpec> hooks, WebhookPayload payload, CancellationToken cancellationToken)
    {
        var results = await RunAsync(hooks, WebhookKind.ConfirmPromotion, payload, cancellationToken);
        return new PromotionGate(results.All(r => r.Passed), results);
    }

    public async Task<WebhookResult> CallAsync(WebhookSpec hook, WebhookPayload payload, CancellationToken cancellationToken)
    {
        var kindName = WebhookKindNames.Of(hook.Kind);
        var body = JsonSerializer.SerializeToUtf8Bytes(payload with { Hook = kindName, Metadata = hook.Metadata }, WebhookJsonContext.Default.WebhookPayload);
        var attempts = Math.Max(0, hook.Retries) + 1;
        for (var attempt = 1; ; attempt++)
        {
            var (result, retryable) = await AttemptAsync(hook, kindName, body, attempt, cancellationToken);
            if (result.Passed || !retryable || attempt >= attempts)
            {
                WebhookLog.Finished(log, hook.Name, kindName, result.Passed, result.Attempts, result.Message);
                return result;
            }

            WebhookLog.Retrying(log, hook.Name, kindName, attempt, attempts, result.Message);
            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay * attempt, time, cancellationToken);
            }
        }
    }

    private async Task<(WebhookResult Result, bool Retryable)> AttemptAsync(WebhookSpec hook, string kindName, byte[] body, int attempt, CancellationToken cancellationToken)
    {
        var where = $"webhook {hook.Name} ({kindName}) {UrlForLogs.Of(hook.Url)}";
        using var timeout = new CancellationTokenSource(hook.Timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        using var request = new HttpRequestMessage(HttpMethod.Post, hook.Url) { Content = content };
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, linked.Token);
            var text = await response.Content.ReadAsStringAsync(linked.Token);
            var code = (int)response.StatusCode;
            var passed = code is >= 200 and < 300;
            var message = $"{where}: answered {code} {response.ReasonPhrase}{Excerpt(text)}{Tries(attempt)}";
            return (new WebhookResult(hook.Name, hook.Kind, passed, code, attempt, message), code >= 500);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            var message = $"{where}: no answer within {hook.Timeout.TotalSeconds:0.###} s{Tries(attempt)}";
            return (new WebhookResult(hook.Name, hook.Kind, false, null, attempt, message), true);
        }
        catch (HttpRequestException e)
        {
            var message = $"{where}: request failed: {e.Message}{Tries(attempt)}";
            return (new WebhookResult(hook.Name, hook.Kind, false, null, attempt, message), true);
        }
    }

    private static string Tries(int attempt) => attempt == 1 ? "" : $" (attempt {attempt})";

    private static string Excerpt(string body)
    {
        var oneLine = body.ReplaceLineEndings(" ").Trim();
        if (oneLine.Length == 0)
        {
            return "";
        }

        return ": " + (oneLine.Length <= BodyExcerpt ? oneLine : oneLine[..BodyExcerpt] + "...");
    }
}
