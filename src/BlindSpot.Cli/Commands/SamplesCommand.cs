using System.CommandLine;

namespace BlindSpot.Cli.Commands;

internal static class SamplesCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var command = new Command("samples", "Writes a complete synthetic inbox for a district (all five feeds and the configuration).");
        command.SetAction((_, _) => { error.WriteLine("samples: not built yet"); return Task.FromResult(CliApp.Failed); });
        return command;
    }
}
