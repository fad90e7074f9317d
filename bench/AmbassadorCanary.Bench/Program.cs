using System.Globalization;
using AmbassadorCanary.Bench.DecisionQuality;

// usage: dotnet run -c Release --project bench/AmbassadorCanary.Bench -- decision-quality [--rollouts 1000] [--seed N]
if (args.Length == 0 || args[0] != "decision-quality")
{
    Console.Error.WriteLine("usage: dotnet run -c Release --project bench/AmbassadorCanary.Bench -- decision-quality [--rollouts 1000] [--seed N]");
    return 2;
}

var rollouts = 1000;
var seed = 1;
for (var i = 1; i < args.Length; i++)
{
    var value = i + 1 < args.Length ? args[i + 1] : null;
    if (args[i] == "--rollouts" && int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var r) && r > 0)
    {
        rollouts = r;
        i++;
    }
    else if (args[i] == "--seed" && int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var s))
    {
        seed = s;
        i++;
    }
    else
    {
        Console.Error.WriteLine($"decision-quality: unknown or bad option '{args[i]}'");
        return 2;
    }
}

Console.Write(DecisionQualityBenchmark.Run(rollouts, seed));
return 0;
