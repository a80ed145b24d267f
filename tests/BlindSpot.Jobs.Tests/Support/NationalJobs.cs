using BlindSpot.Hosting.Composition;
using BlindSpot.Jobs.Hosting;
using BlindSpot.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace BlindSpot.Jobs.Tests.Support;

/// <summary>The national jobs as a test gets them: options under a temp folder, and the jobs host's container (no server).</summary>
internal static class NationalJobs
{
    /// <summary>The national database <paramref name="national"/>, with inbox, out and quarantine folders under <paramref name="dir"/>.</summary>
    public static BlindSpotOptions Options(string national, TempDir dir) =>
        new() { Db = national, Inbox = dir.File("inbox"), Out = dir.File("out"), Quarantine = dir.File("quarantine") };

    /// <summary>The jobs host's composition root over <paramref name="o"/> (and <paramref name="districts"/>, when given), from which Hangfire's activator gets the jobs.</summary>
    public static ServiceProvider Container(BlindSpotOptions o, string? districts = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["BlindSpot:Db"] = o.Db, ["BlindSpot:Inbox"] = o.Inbox, ["BlindSpot:Out"] = o.Out, ["BlindSpot:Quarantine"] = o.Quarantine,
        };
        if (districts is not null) settings["BlindSpot:Jobs:Districts"] = districts;
        return new ServiceCollection().AddBlindSpotJobs(new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), withServer: false).BuildServiceProvider();
    }
}
