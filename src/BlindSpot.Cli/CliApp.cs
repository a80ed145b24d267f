using System.CommandLine;
using BlindSpot.Cli.Commands;

namespace BlindSpot.Cli;

/// <summary>The `blindspot` command line: one file per command under Commands/.</summary>
public static class CliApp
{
    /// <summary>Exit codes: 0 done, 1 a file was rejected whole or the work failed, 2 usage error.</summary>
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
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var e in parsed.Errors) await error.WriteLineAsync(e.Message);
            await error.WriteLineAsync("Use --help to see the commands and their options.");
            return UsageError;
        }
        return await parsed.InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
    }
}
