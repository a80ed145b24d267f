using BlindSpot.Hosting.Composition;
using BlindSpot.Hosting.Logging;
using BlindSpot.Jobs.Configuration;
using BlindSpot.Jobs.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

// dotnet run --project jobs/BlindSpot.Jobs -- --db ./blindspot.db --inbox data-samples --out out
var builder = Host.CreateApplicationBuilder(args);
builder.Configuration.AddCommandLine(args, JobsOptions.SwitchMappings);
builder.Logging.AddBlindSpotLogging(builder.Configuration,
    new LoggingOptions { File = "logs/blindspot-jobs-.clef", Application = "blindspot-jobs" });
builder.Services.AddBlindSpotJobs(builder.Configuration);
using var host = builder.Build();
if (StartupCheck.Problem(host.Services) is { } problem)
{
    await Console.Error.WriteLineAsync(problem);
    return 2;
}
await host.RunAsync();
return 0;
