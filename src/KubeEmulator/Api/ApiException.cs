using System.Text.Json.Nodes;
using KubeEmulator.Store;

namespace KubeEmulator.Api;

/// <summary>An API error, answered as a Kubernetes <c>Status</c> body with the matching HTTP code.</summary>
internal sealed class ApiException : Exception
{
    public ApiException(int code, string reason, string message, JsonObject? details = null)
        : base(message)
    {
        Code = code;
        Reason = reason;
        Details = details;
    }

    public ApiException()
        : this(500, "InternalError", "internal error")
    {
    }

    public ApiException(string message)
        : this(500, "InternalError", message)
    {
    }

    public ApiException(string message, Exception innerException)
        : base(message, innerException)
    {
        Code = 500;
        Reason = "InternalError";
    }

    public int Code { get; }

    public string Reason { get; }

    public JsonObject? Details { get; }

    public static ApiException FromStore(StoreException e, ResourceType type, string? name)
    {
        if (e.Code != 422)
        {
            return new(e.Code, e.Reason, e.Message, StatusBodies.Details(type, name));
        }

        // The server names the kind with its group ("Deployment.apps") and lists the field in details.causes.
        var qualified = type.Group.Length == 0 ? type.Kind : $"{type.Kind}.{type.Group}";
        var message = e.Message.StartsWith(type.Kind + " ", StringComparison.Ordinal) ? qualified + e.Message[type.Kind.Length..] : e.Message;
        var details = StatusBodies.Details(type, name);
        details["kind"] = type.Kind;
        var at = message.IndexOf(" is invalid: ", StringComparison.Ordinal);
        var fieldError = at < 0 ? message : message[(at + " is invalid: ".Length)..];
        var colon = fieldError.IndexOf(": ", StringComparison.Ordinal);
        details["causes"] = new JsonArray(new JsonObject
        {
            ["reason"] = "FieldValueInvalid",
            ["message"] = colon > 0 ? fieldError[(colon + 2)..] : fieldError,
            ["field"] = colon > 0 ? fieldError[..colon] : "",
        });
        return new(422, "Invalid", message, details);
    }

    public static ApiException NotFound(ResourceType type, string name) =>
        new(404, "NotFound", $"{type} \"{name}\" not found", StatusBodies.Details(type, name));

    public static ApiException BadRequest(string message) => new(400, "BadRequest", message);

    public static ApiException NoRoute() => new(404, "NotFound", "the server could not find the requested resource");

    public static ApiException MethodNotAllowed() => new(405, "MethodNotAllowed", "the server does not allow this method on the requested resource");
}
