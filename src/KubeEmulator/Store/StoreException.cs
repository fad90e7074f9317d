namespace KubeEmulator.Store;

/// <summary>A write the API server would refuse. Code and Reason are those of a Kubernetes Status object.</summary>
public sealed class StoreException : Exception
{
    public StoreException(int code, string reason, string message)
        : base(message)
    {
        Code = code;
        Reason = reason;
    }

    public StoreException()
    {
        Reason = "InternalError";
        Code = 500;
    }

    public StoreException(string message)
        : base(message)
    {
        Reason = "InternalError";
        Code = 500;
    }

    public StoreException(string message, Exception innerException)
        : base(message, innerException)
    {
        Reason = "InternalError";
        Code = 500;
    }

    public int Code { get; }

    public string Reason { get; }

    public static StoreException NotFound(ResourceType type, string name) =>
        new(404, "NotFound", $"{type} \"{name}\" not found");

    public static StoreException AlreadyExists(ResourceType type, string name) =>
        new(409, "AlreadyExists", $"{type} \"{name}\" already exists");

    public static StoreException Conflict(ResourceType type, string name) =>
        new(409, "Conflict", $"Operation cannot be fulfilled on {type} \"{name}\": the object has been modified; please apply your changes to the latest version and try again");

    public static StoreException Invalid(ResourceType type, string name, string details) =>
        new(422, "Invalid", $"{type.Kind} \"{name}\" is invalid: {details}");
}
