using BlindSpot.Hosting.Logging;
using BlindSpot.Jobs.Configuration;
using BlindSpot.Jobs.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

// dotnet run --project jobs/BlindSpot.Jobs -- --db ./blindspot.db --inbox data-samples --out out
var builder = Host.CreateApplicationBuilder(args);
builder.Configuration.AddCommandLine(args, JobsOptions.SwitchMappings);
var options = builder.Configuration.GetSection(JobsOptions.Section).Get<JobsOptions>() ?? new JobsOptions();
builder.Logging.AddBlindSpotLogging(new LoggingOptions { File = options.LogFile, Application = "blindspot-jobs" });
builder.Services.AddBlindSpotJobs(builder.Configuration);
await builder.Build().RunAsync();
