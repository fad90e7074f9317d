// Benchmarks arrive with the analysis issue.
Console.WriteLine("usage: dotnet run --project bench/AmbassadorCanary.Bench -c Release -- <benchmark>");
return 2;
