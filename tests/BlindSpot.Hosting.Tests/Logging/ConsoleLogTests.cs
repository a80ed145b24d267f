using BlindSpot.Hosting.Logging;
using Serilog.Events;

namespace BlindSpot.Hosting.Tests.Logging;

[CollectionDefinition(nameof(ConsoleCollection), DisableParallelization = true)]
public sealed class ConsoleCollection;

/// <summary>The console sink as the CLI and the jobs host set it up; the process's standard error is swapped for the test.</summary>
[Collection(nameof(ConsoleCollection))]
public sealed class ConsoleLogTests
{
    static string Capture(LoggingOptions options, Action<Serilog.ILogger> write)
    {
        var original = Console.Error;
        var captured = new StringWriter();
        Console.SetError(captured);
        try
        {
            using var logger = LoggingSetup.CreateLogger(options);
            write(logger);
        }
        finally { Console.SetError(original); }
        return captured.ToString();
    }

    [Fact]
    public void DatesAreWrittenYearFirstNotInTheUsOrder()
    {
        var text = Capture(new LoggingOptions { StandardError = true, MinimumLevel = LogEventLevel.Warning, Application = "t" },
            l => l.Warning("Refused the household snapshot of {SnapshotDate}", new DateOnly(2026, 11, 1)));

        Assert.Contains("snapshot of 2026-11-01", text);
        Assert.DoesNotContain("11/01/2026", text);
    }

    [Fact]
    public void AnErrorsOnlyMinimumSilencesTheLibrariesWarningsToo()
    {
        var options = new LoggingOptions { StandardError = true, MinimumLevel = LogEventLevel.Error, Application = "t" };
        var text = Capture(options, l =>
        {
            l.ForContext(Serilog.Core.Constants.SourceContextPropertyName, "Microsoft.Extensions.Hosting").Warning("library warning");
            l.Warning("pipeline warning");
            l.Error("pipeline error");
        });

        Assert.DoesNotContain("library warning", text);
        Assert.DoesNotContain("pipeline warning", text);
        Assert.Contains("pipeline error", text);
    }
}
