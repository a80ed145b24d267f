// dotnet run --project jobs/BlindSpot.Jobs -- --db ./blindspot.db --inbox data-samples --out out   (--help: the switches)
return await BlindSpot.Jobs.Hosting.JobsHost.RunAsync(args, Console.Out, Console.Error);
