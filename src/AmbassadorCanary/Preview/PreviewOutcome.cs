using AmbassadorCanary.Spec;

namespace AmbassadorCanary.Preview;

/// <summary>How a preview or a preview cleanup ended, and how to reach the preview.</summary>
internal sealed record PreviewOutcome
{
    public required bool Succeeded { get; init; }

    public required PreviewNames Names { get; init; }

    /// <summary>The header-route Mapping (web-pr-123); null when the route was never looked up.</summary>
    public string? Mapping { get; init; }

    public required HeaderRouteSpec Route { get; init; }

    /// <summary>Base URL + the route's prefix, when a base URL was given.</summary>
    public string? Url { get; init; }

    /// <summary>What happened, one line (why it failed, or what was removed).</summary>
    public required string Message { get; init; }
}
