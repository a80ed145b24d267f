using System.CommandLine;
using BlindSpot.Hosting.Composition;

namespace BlindSpot.Cli.Commands;

/// <summary>Options shared by several commands.</summary>
internal static class CommonOptions
{
    public static Option<string?> Db() => new("--db")
    {
        Description = "SQLite file path (default ./blindspot.db) or a PostgreSQL connection string (Host=...;Database=...). " +
                      "Overrides BlindSpot:Db (appsettings.json, env BlindSpot__Db or BLINDSPOT_DB).",
    };

    public static Option<bool> Json() => new("--json") { Description = "Print the result as JSON for machines." };

    /// <summary>The configuration key --db sets, with its value (null when not given: the configuration decides).</summary>
    public static KeyValuePair<string, string?> DbFlag(ParseResult parse, Option<string?> db) =>
        KeyValuePair.Create(BlindSpotKeys.Db, parse.GetValue(db) is { Length: > 0 } v ? v : null);

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
