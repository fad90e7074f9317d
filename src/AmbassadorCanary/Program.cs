namespace AmbassadorCanary;

internal static class Program
{
    public static int Main(string[] args)
    {
        // Composition root arrives with the CLI issue.
        Console.Error.WriteLine($"ambassador-canary: no commands yet ({args.Length} arguments)");
        return ExitCodes.BadInput;
    }
}
