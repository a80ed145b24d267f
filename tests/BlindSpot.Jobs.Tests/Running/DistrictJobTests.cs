using System.Runtime.CompilerServices;
using BlindSpot.Jobs.Running;
using BlindSpot.Jobs.Tests.Support;
using BlindSpot.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace BlindSpot.Jobs.Tests.Running;

/// <summary>
/// A national server runs district after district in one process: what a district's job held is collected when the job
/// ends, before the server takes its next one, so the next district does not grow beside the last one's garbage.
/// </summary>
public sealed class DistrictJobTests : IDisposable
{
    readonly TempDir dir = new();

    [Fact]
    public async Task WhatADistrictsJobHeldIsCollectedWhenItEnds()
    {
        var server = await PostgresServer.SharedAsync();
        var national = await server.CreateDatabaseAsync("natgc");
        await using var provider = NationalJobs.Container(NationalJobs.Options(national, dir));
        var job = provider.GetRequiredService<DistrictJob>();
        WeakReference? held = null;

        await job.RunOnceAsync("memory-check", "m1", Scenario.BaseDay, (scope, ct) =>
        {
            held = Hold(); // a large object: only a collection of the whole heap takes it
            return Task.FromResult(JobWork.Done("held 4 MB"));
        }, CancellationToken.None);

        Assert.NotNull(held);
        Assert.False(held.IsAlive); // no collection asked for here: the job's end collected it
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    static WeakReference Hold() => new(new byte[4 << 20]);

    public void Dispose() => dir.Dispose();
}
