namespace AmbassadorCanary.Analysis.Providers;

/// <summary>A URL as shown in messages and logs: no user info and no query, where tokens tend to hide.</summary>
internal static class UrlForLogs
{
    public static string Of(Uri url)
    {
        if (!url.IsAbsoluteUri)
        {
            return url.OriginalString;
        }

        var shown = new UriBuilder(url) { UserName = "", Password = "", Query = "", Fragment = "" }.Uri.AbsoluteUri;
        return url.Query.Length > 1 ? shown + "?…" : shown;
    }
}
