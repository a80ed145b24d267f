using System.CommandLine;
using System.Globalization;
using BlindSpot.Cli.Commands;
using BlindSpot.Cli.Hosting;
using BlindSpot.Hosting.Composition;
using BlindSpot.Hosting.Failures;

namespace BlindSpot.Cli;

/// <summary>The `blindspot` command line: one file per command under Commands/.</summary>
public static class CliApp
{
    /// <summary>
    /// Exit codes (docs/operations.md): 0 done; 1 a file was rejected whole, a step failed, or the environment failed
    /// (database down, login refused, a folder that cannot be written, a corrupt store); 2 usage or configuration error
    /// (a bad option or value, a --db that names no store).
    /// </summary>
    public const int Ok = 0, Failed = 1, UsageError = 2;

    /// <param name="input">Standard input (`users add --password-stdin`); Console.In when null.</param>
    public static RootCommand Build(TextWriter output, TextWriter error, TextReader? input = null)
    {
        var root = new RootCommand("BlindSpot: finds the households that welfare misses (영등포구 복지사각지대 발굴).");
        root.Subcommands.Add(RunCommand.Create(output, error));
        root.Subcommands.Add(SamplesCommand.Create(output, error));
        root.Subcommands.Add(IngestCommand.Create(output, error));
        root.Subcommands.Add(WorklistsCommand.Create(output, error));
        root.Subcommands.Add(TargetsCommand.Create(output, error));
        root.Subcommands.Add(TrainCommand.Create(output, error));
        root.Subcommands.Add(ModelsCommand.Create(output, error));
        root.Subcommands.Add(PromoteCommand.Create(output, error));
        root.Subcommands.Add(ScoreCommand.Create(output, error));
        root.Subcommands.Add(WebCommand.Create(output, error));
        root.Subcommands.Add(UsersCommand.Create(output, error, input ?? Console.In));
        return root;
    }

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, TextReader? input = null)
    {
        var root = Build(output, error, input);
        ParseResult parsed;
        var culture = CultureInfo.CurrentUICulture;
        try
        {
            // System.CommandLine's own messages in English whatever the machine's language (its Korean resources would
            // repeat a stray value, and cover only some messages): UsageLine tells them from ours and words them itself.
            CultureInfo.CurrentUICulture = CultureInfo.InvariantCulture;
            parsed = root.Parse(args);
        }
        finally
        {
            CultureInfo.CurrentUICulture = culture;
        }
        if (parsed.Errors.Count > 0)
        {
            // One Korean line: the first problem with what was typed (the others usually follow from it) and where to look.
            await error.WriteLineAsync(UsageLine.Describe(parsed));
            return UsageError;
        }
        try
        {
            return await parsed.InvokeAsync(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
        }
        catch (Exception e) when (StartupCheck.FileProblem(e) is { } line)
        {
            // appsettings.json in the working folder that is not valid JSON: a configuration error, one line.
            await error.WriteLineAsync(line);
            return UsageError;
        }
        catch (Exception e) when (EnvironmentFailure.Describe(e, Db(parsed)) is { } line)
        {
            // The operator can fix this (a server, a password, a folder): one line, no stack trace.
            await error.WriteLineAsync(line);
            return Failed;
        }
    }

    /// <summary>The store the command was pointed at (--db, else the configuration), to name it in a failure line.</summary>
    static string? Db(ParseResult parsed)
    {
        try
        {
            var flag = parsed.CommandResult.Command.Options.OfType<Option<string?>>().FirstOrDefault(o => o.Name == "--db");
            return (flag is null ? null : parsed.GetValue(flag)) is { Length: > 0 } db
                ? db
                : CliServices.Configuration(new Dictionary<string, string?>())[BlindSpotKeys.Db] ?? new BlindSpotOptions().Db;
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or IOException or InvalidDataException)
        {
            return null; // an unreadable appsettings.json: the line names no database
        }
    }
}
