using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Numerics;
using BlindSpot.Core.Contract;
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

    public static Option<bool> Json() => new("--json") { Description = "Print the result as JSON for machines (snake_case names, Korean as is)." };

    /// <summary>
    /// The one style of every --json output (docs/operations.md): the model card's, since cards are printed as stored —
    /// property names and dictionary keys in snake_case, enum values by their names, Korean unescaped, indented.
    /// </summary>
    public static JsonSerializerOptions JsonStyle { get; } =
        new(BlindSpot.Model.Registry.ModelCard.Json) { DictionaryKeyPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>The configuration key --db sets, with its value (null when not given: the configuration decides).</summary>
    public static KeyValuePair<string, string?> DbFlag(ParseResult parse, Option<string?> db) =>
        KeyValuePair.Create(BlindSpotKeys.Db, parse.GetValue(db) is { Length: > 0 } v ? v : null);

    /// <summary>
    /// A day option (yyyy-MM-dd) within the years BlindSpot can work on (<see cref="DateWindows.FirstAsOf"/> to
    /// <see cref="DateWindows.LastAsOf"/>: the years whose public holidays are computed). Anything else is a usage
    /// error (exit 2) with one Korean line, before any store is opened.
    /// </summary>
    public static Option<DateOnly?> Date(string name, string description) => new(name)
    {
        Description = description + string.Create(CultureInfo.InvariantCulture, $" (yyyy-MM-dd, {DateWindows.FirstAsOf:yyyy-MM-dd}..{DateWindows.LastAsOf:yyyy-MM-dd})"),
        CustomParser = r =>
        {
            var token = r.Tokens.Count > 0 ? r.Tokens[0].Value : "";
            if (!DateOnly.TryParseExact(token, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            {
                r.AddError($"{name}에는 2026-10-30처럼 yyyy-MM-dd 형식의 날짜를 주세요.");
                return null;
            }
            if (!DateWindows.IsPlausibleAsOf(d))
            {
                r.AddError(string.Create(CultureInfo.InvariantCulture,
                    $"{name}는 {DateWindows.FirstAsOf:yyyy-MM-dd}부터 {DateWindows.LastAsOf:yyyy-MM-dd} 사이여야 합니다 (공휴일을 계산할 수 있는 기간)."));
                return null;
            }
            return d;
        },
    };

    /// <summary>
    /// The value of <paramref name="option"/> for a command's own validator, or default when it could not be read (the
    /// parse reports that itself; System.CommandLine throws when a validator asks for a value it failed to convert).
    /// </summary>
    public static T? ValueOrDefault<T>(this System.CommandLine.Parsing.CommandResult result, Option<T> option)
    {
        try
        {
            return result.GetValue(option);
        }
        catch (InvalidOperationException)
        {
            return default;
        }
    }

    /// <summary>Adds a range check to a number option: a value outside [min, max] is a usage error (exit 2) with one Korean line.</summary>
    public static Option<T> InRange<T>(this Option<T> option, T min, T max) where T : struct, INumber<T> =>
        option.Checked(v => v >= min && v <= max, min, max);

    /// <inheritdoc cref="InRange{T}(Option{T}, T, T)"/>
    public static Option<T?> InRange<T>(this Option<T?> option, T min, T max) where T : struct, INumber<T> =>
        option.Checked(v => v is not { } x || (x >= min && x <= max), min, max);

    static Option<TValue> Checked<TValue, T>(this Option<TValue> option, Func<TValue?, bool> ok, T min, T max) where T : struct, INumber<T>
    {
        option.Validators.Add(r =>
        {
            TValue? value;
            try
            {
                value = r.GetValueOrDefault<TValue>();
            }
            catch (InvalidOperationException)
            {
                return; // not a number at all: the parse reports it (UsageLine), there is no range to check
            }
            if (!ok(value))
                r.AddError(string.Create(CultureInfo.InvariantCulture, $"{option.Name}는 {min}부터 {max} 사이여야 합니다."));
        });
        return option;
    }
}
