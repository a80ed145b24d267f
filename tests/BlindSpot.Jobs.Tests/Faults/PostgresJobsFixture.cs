using BlindSpot.Testing;

namespace BlindSpot.Jobs.Tests.Faults;

/// <summary>
/// The clean run, made once for the fault tests: the scenario's jobs called once each, directly, on a fresh
/// PostgreSQL database. Every fault test must end in exactly this state.
/// </summary>
public sealed class CleanRunFixture : IAsyncLifetime
{
    readonly TempDir dir = new();

    public string Expected { get; private set; } = "";
    public PostgresServer Server { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = await PostgresServer.SharedAsync();
        Expected = await Support.Scenario.CleanRunAsync(await Server.CreateDatabaseAsync("clean"), dir.Path);
    }

    public Task DisposeAsync()
    {
        dir.Dispose();
        return Task.CompletedTask;
    }
}

[CollectionDefinition(Name)]
public sealed class FaultsCollection : ICollectionFixture<CleanRunFixture>
{
    public const string Name = "jobs against one PostgreSQL";
}
