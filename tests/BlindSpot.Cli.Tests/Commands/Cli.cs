namespace BlindSpot.Cli.Tests.Commands;

/// <summary>Runs the real command line in-process and captures what it prints.</summary>
internal static class Cli
{
    public sealed record Result(int ExitCode, string Output, string Error);

    public static async Task<Result> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CliApp.RunAsync(args, output, error);
        return new Result(code, output.ToString(), error.ToString());
    }
}
