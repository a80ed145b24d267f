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
public static class StartupCheck
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

    static string? Line(Exception e) => e switch
    {
        OptionsValidationException v => "Invalid configuration: " + string.Join(" ", v.Failures),
        AggregateException a => a.InnerExceptions.Select(Line).ToList() is var lines && lines.All(l => l is not null)
            ? "Invalid configuration: " + string.Join(" ", lines.Select(l => l!.Replace("Invalid configuration: ", "", StringComparison.Ordinal)))
            : null,
        // The configuration binder: "Failed to convert configuration value at 'BlindSpot:…' to type '…'."
        InvalidOperationException i when i.Message.Contains("configuration value", StringComparison.Ordinal) =>
            "Invalid configuration: " + i.Message.ReplaceLineEndings(" "),
        _ => null,
    };
}
