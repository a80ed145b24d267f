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

    /// <summary>
    /// One line for a configuration file that cannot be read (appsettings.json that is not valid JSON), or null when
    /// <paramref name="e"/> is something else. The configuration sources throw it while the configuration is built,
    /// before any option can be checked; hosts exit with code 2. The file's content is not repeated, only where.
    /// </summary>
    public static string? FileProblem(Exception e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (e is not InvalidDataException || ConfigurationFile().Match(e.Message) is not { Success: true } file) return null;
        var line = e.InnerException?.InnerException is { } json && JsonLine().Match(json.Message) is { Success: true } l
            && int.TryParse(l.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture, out var n) ? $" ({n + 1}번째 줄 근처)" : "";
        return $"{Prefix}설정 파일 {file.Groups[1].Value}을(를) 읽을 수 없습니다: JSON 형식이 잘못되었습니다{line}.";
    }

    [System.Text.RegularExpressions.GeneratedRegex("configuration from file '([^']+)'")]
    private static partial System.Text.RegularExpressions.Regex ConfigurationFile();

    [System.Text.RegularExpressions.GeneratedRegex(@"LineNumber: (\d+)")]
    private static partial System.Text.RegularExpressions.Regex JsonLine();

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
