using System.Text.Json.Nodes;

namespace KubeEmulator.Schema;

/// <summary>
/// Walks an object alongside its structural schema the way the API server does on a write:
/// first prune (drop fields the schema does not know, drop non-nullable nulls, apply defaults),
/// then validate what is left. Every violation is collected; nothing short-circuits.
/// </summary>
internal sealed class StructuralValidator
{
    private readonly List<SchemaViolation> _violations = [];
    private readonly List<string> _warnings = [];

    private StructuralValidator()
    {
    }

    /// <summary>Validates an object's body; metadata, apiVersion and kind are copied untouched.</summary>
    public static SchemaValidationResult Validate(StructuralSchema root, JsonObject obj)
    {
        var validator = new StructuralValidator();
        var pruned = new JsonObject();
        foreach (var (key, value) in obj)
        {
            if (key is "metadata" or "apiVersion" or "kind")
            {
                pruned[key] = value?.DeepClone();
                continue;
            }

            if (root.Properties.TryGetValue(key, out var schema))
            {
                validator.Property(pruned, key, value, schema, key);
            }
            else if (root.PreserveUnknownFields)
            {
                pruned[key] = value?.DeepClone();
            }
            else
            {
                validator._warnings.Add($"unknown field \"{key}\"");
            }
        }

        validator.RequiredAndDefaults(pruned, root, "");
        return new SchemaValidationResult(validator._violations, pruned, validator._warnings);
    }

    private void Property(JsonObject target, string key, JsonNode? value, StructuralSchema schema, string path)
    {
        if (value is null && !schema.Nullable)
        {
            return; // pruned, as the server drops nulls of non-nullable fields
        }

        target[key] = Value(value, schema, path);
    }

    private JsonNode? Value(JsonNode? value, StructuralSchema schema, string path)
    {
        if (value is null)
        {
            if (!schema.Nullable)
            {
                TypeError(path, schema.Type ?? "object", value);
            }

            return null;
        }

        if (!TypeMatches(value, schema, path))
        {
            return value.DeepClone();
        }

        switch (value)
        {
            case JsonObject obj:
                return Object(obj, schema, path);
            case JsonArray array:
                return Array(array, schema, path);
            default:
                ScalarRules((JsonValue)value, schema, path);
                EnumRule(value, schema, path);
                return value.DeepClone();
        }
    }

    private bool TypeMatches(JsonNode value, StructuralSchema schema, string path)
    {
        var actual = JsonValueKinds.TypeOf(value);
        if (schema.IntOrString)
        {
            var ok = actual == "string" || actual == "integer" || (actual == "number" && JsonValueKinds.IsIntegral((JsonValue)value));
            return ok || TypeError(path, "integer,string", actual);
        }

        if (schema.StringOrStringList)
        {
            var ok = actual == "string" || (value is JsonArray list && list.All(i => JsonValueKinds.TypeOf(i) == "string"));
            return ok || TypeError(path, "string,array", actual);
        }

        if (schema.Type is null)
        {
            return true;
        }

        var matches = schema.Type == actual
            || (schema.Type == "number" && actual == "integer")
            || (schema.Type == "integer" && actual == "number" && JsonValueKinds.IsIntegral((JsonValue)value));
        return matches || TypeError(path, schema.Type, actual);
    }

    private bool TypeError(string path, string expected, JsonNode? value) => TypeError(path, expected, JsonValueKinds.TypeOf(value));

    private bool TypeError(string path, string expected, string actual)
    {
        var quoted = JsonValueKinds.GoQuote(actual);
        Add(path, $"Invalid value: {quoted}: {InBody(path)} must be of type {expected}: {quoted}");
        return false;
    }

    private JsonObject Object(JsonObject obj, StructuralSchema schema, string path)
    {
        var result = new JsonObject();
        foreach (var (key, child) in obj)
        {
            var childPath = Join(path, key);
            if (schema.Properties.TryGetValue(key, out var childSchema))
            {
                Property(result, key, child, childSchema, childPath);
            }
            else if (schema.AdditionalProperties is { } mapValues)
            {
                Property(result, key, child, mapValues, childPath);
            }
            else if (schema.PreserveUnknownFields || schema.AdditionalPropertiesAllowed)
            {
                result[key] = child?.DeepClone();
            }
            else
            {
                _warnings.Add($"unknown field \"{childPath}\"");
            }
        }

        RequiredAndDefaults(result, schema, path);
        EnumRule(result, schema, path);
        return result;
    }

    private void RequiredAndDefaults(JsonObject result, StructuralSchema schema, string path)
    {
        foreach (var (key, childSchema) in schema.Properties)
        {
            if (!result.ContainsKey(key) && childSchema.Default is { } fallback)
            {
                result[key] = fallback.DeepClone();
            }
        }

        foreach (var key in schema.Required.Where(k => !result.ContainsKey(k)))
        {
            Add(Join(path, key), "Required value");
        }
    }

    private JsonArray Array(JsonArray array, StructuralSchema schema, string path)
    {
        var result = new JsonArray();
        for (var i = 0; i < array.Count; i++)
        {
            var itemPath = $"{path}[{i}]";
            result.Add(schema.Items is { } items ? Value(array[i], items, itemPath) : array[i]?.DeepClone());
        }

        if (schema.MinItems is { } min && result.Count < min)
        {
            Add(path, $"Invalid value: {result.Count}: {InBody(path)} should have at least {min} items");
        }

        if (schema.MaxItems is { } max && result.Count > max)
        {
            Add(path, $"Too many: {result.Count}: must have at most {max} items");
        }

        EnumRule(result, schema, path);
        return result;
    }

    private void ScalarRules(JsonValue value, StructuralSchema schema, string path)
    {
        var shown = JsonValueKinds.FormatBadValue(value);
        if (JsonValueKinds.AsDouble(value) is { } number)
        {
            NumberRules(number, shown, schema, path);
        }

        if (JsonValueKinds.TypeOf(value) != "string")
        {
            return;
        }

        var text = value.GetValue<string>();
        var length = new System.Globalization.StringInfo(text).LengthInTextElements;
        if (schema.MinLength is { } minLength && length < minLength)
        {
            Add(path, $"Invalid value: {shown}: {InBody(path)} should be at least {minLength} chars long");
        }

        if (schema.MaxLength is { } maxLength && length > maxLength)
        {
            Add(path, $"Too long: may not be more than {maxLength} bytes");
        }

        if (schema.Pattern is { } pattern && !pattern.IsMatch(text))
        {
            Add(path, $"Invalid value: {shown}: {InBody(path)} should match '{schema.PatternText}'");
        }

        if (schema.Format is { } format && !FormatCheck.Matches(format, text))
        {
            Add(path, $"Invalid value: {shown}: {InBody(path)} must be of type {format}: {shown}");
        }
    }

    private void NumberRules(double number, string shown, StructuralSchema schema, string path)
    {
        if (schema.Minimum is { } min && (schema.ExclusiveMinimum ? number <= min : number < min))
        {
            var relation = schema.ExclusiveMinimum ? "greater than" : "greater than or equal to";
            Add(path, $"Invalid value: {shown}: {InBody(path)} should be {relation} {JsonValueKinds.FormatNumber(min)}");
        }

        if (schema.Maximum is { } max && (schema.ExclusiveMaximum ? number >= max : number > max))
        {
            var relation = schema.ExclusiveMaximum ? "less than" : "less than or equal to";
            Add(path, $"Invalid value: {shown}: {InBody(path)} should be {relation} {JsonValueKinds.FormatNumber(max)}");
        }

        if (schema.Format is "int32" or "int64" && !FormatCheck.IntegerInRange(schema.Format, number))
        {
            Add(path, $"Invalid value: {shown}: {InBody(path)} must be of type {schema.Format}: {shown}");
        }
    }

    private void EnumRule(JsonNode value, StructuralSchema schema, string path)
    {
        if (schema.Enum is not { } allowed || allowed.Any(a => JsonNode.DeepEquals(a, value) || SameNumber(a, value)))
        {
            return;
        }

        var supported = string.Join(", ", allowed.Select(JsonValueKinds.FormatSupported));
        Add(path, $"Unsupported value: {JsonValueKinds.FormatBadValue(value)}: supported values: {supported}");
    }

    private static bool SameNumber(JsonNode? a, JsonNode? b) =>
        a is JsonValue x && b is JsonValue y && JsonValueKinds.AsDouble(x) is { } dx && JsonValueKinds.AsDouble(y) is { } dy && dx == dy;

    private void Add(string path, string message) => _violations.Add(new SchemaViolation(path, message));

    private static string Join(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";

    private static string InBody(string path) => $"{(path.Length == 0 ? "." : path)} in body";
}
