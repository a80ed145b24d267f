using System.CommandLine;

namespace BlindSpot.Cli.Commands;

internal static class IngestCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var command = new Command("ingest", "Ingests every file of the inbox not ingested yet and prints the per-file ledger.");
        command.SetAction((_, _) => { error.WriteLine("ingest: not built yet"); return Task.FromResult(CliApp.Failed); });
        return command;
    }
}
