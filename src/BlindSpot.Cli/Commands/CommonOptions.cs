using System.CommandLine;

namespace BlindSpot.Cli.Commands;

/// <summary>Options shared by several commands.</summary>
internal static class CommonOptions
{
    public const string DbEnvironmentVariable = "BLINDSPOT_DB";
    public const string DefaultDb = "./blindspot.db";

    public static Option<string?> Db() => new("--db")
    {
        Description = "SQLite file path (default ./blindspot.db) or a PostgreSQL connection string (Host=...;Database=...). Env: BLINDSPOT_DB.",
    };

    public static Option<bool> Json() => new("--json") { Description = "Print the result as JSON for machines." };

    /// <summary>--db, else BLINDSPOT_DB, else ./blindspot.db.</summary>
    public static string ResolveDb(string? value) =>
        !string.IsNullOrWhiteSpace(value) ? value
        : Environment.GetEnvironmentVariable(DbEnvironmentVariable) is { Length: > 0 } env ? env
        : DefaultDb;

    public static Option<DateOnly?> Date(string name, string description) => new(name)
    {
        Description = description + " (yyyy-MM-dd)",
        CustomParser = r =>
        {
            var token = r.Tokens.Count > 0 ? r.Tokens[0].Value : "";
            if (DateOnly.TryParseExact(token, "yyyy-MM-dd", out var d)) return d;
            r.AddError($"{name} takes a date as yyyy-MM-dd, e.g. 2024-04-30 (got '{token}').");
            return null;
        },
    };
}
