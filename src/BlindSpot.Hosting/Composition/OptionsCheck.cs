using Microsoft.Extensions.Options;

namespace BlindSpot.Hosting.Composition;

/// <summary>An options class's own guard clauses as an <see cref="IValidateOptions{TOptions}"/>: one sentence, or success.</summary>
internal sealed class OptionsCheck<T>(Func<T, string?> validate) : IValidateOptions<T> where T : class
{
    public ValidateOptionsResult Validate(string? name, T options) =>
        validate(options) is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
}

/// <summary>
/// Runs every ValidateOnStart check of a container and turns a failure into one line for a person (no stack trace,
/// no configured value echoed except a file name). Hosts call it right after building, before anything runs, and
/// exit with code 2 when it returns a line.
/// </summary>
public static partial class StartupCheck
{
    /// <summary>Null when the configuration is valid, else one line saying which key is wrong and why.</summary>
    public static string? Problem(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        try
        {
            (services.GetService(typeof(IStartupValidator)) as IStartupValidator)?.Validate();
            return null;
        }
        catch (Exception e) when (Line(e) is { } line)
        {
            return line;
        }
    }

    /// <summary>The start of every configuration line (the keys themselves stay as they are written: BlindSpot:Section:Key).</summary>
    public const string Prefix = "설정이 잘못되었습니다: ";

    static string? Line(Exception e) => Problems(e) is { } problems ? Prefix + string.Join(" ", problems) : null;

    static IReadOnlyList<string>? Problems(Exception e) => e switch
    {
        OptionsValidationException v => [.. v.Failures],
        AggregateException a => a.InnerExceptions.Select(Problems).ToList() is var all && all.All(p => p is not null)
            ? [.. all.SelectMany(p => p!)]
            : null,
        // The configuration binder: "Failed to convert configuration value at 'BlindSpot:…' to type '…'." (the value is not repeated)
        InvalidOperationException i when BinderFailure().Match(i.Message) is { Success: true } m =>
            [$"{m.Groups["key"].Value} 값을 읽을 수 없습니다 ({Kind(m.Groups["type"].Value)}이어야 합니다)."],
        _ => null,
    };

    static string Kind(string type) => type switch
    {
        "System.Int32" or "System.Int64" => "정수",
        "System.Double" or "System.Decimal" or "System.Single" => "숫자",
        "System.Boolean" => "true나 false",
        "System.TimeSpan" => "hh:mm:ss 형식의 시간",
        "System.DateOnly" => "yyyy-MM-dd 형식의 날짜",
        _ => type.Split('.')[^1] + " 형식",
    };

    [System.Text.RegularExpressions.GeneratedRegex("configuration value.* at '(?<key>[^']+)' to type '(?<type>[^']+)'")]
    private static partial System.Text.RegularExpressions.Regex BinderFailure();
}
