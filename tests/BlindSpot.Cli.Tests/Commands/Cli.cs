using System.Diagnostics;

namespace BlindSpot.Cli.Tests.Commands;

/// <summary>Runs the real command line, in-process or as its own process, and captures what it prints.</summary>
internal static class Cli
{
    public sealed record Result(int ExitCode, string Output, string Error);

    public static Task<Result> RunAsync(params string[] args) => RunWithInputAsync(null, args);

    /// <summary>Runs with <paramref name="stdin"/> as standard input (e.g. a password for --password-stdin).</summary>
    public static async Task<Result> RunWithInputAsync(string? stdin, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var input = new StringReader(stdin ?? "");
        var code = await CliApp.RunAsync(args, output, error, input);
        return new Result(code, output.ToString(), error.ToString());
    }

    /// <summary>
    /// Runs blindspot.dll (built beside the test assembly) as a process of its own, with <paramref name="environment"/>
    /// added to this one's, in <paramref name="workDir"/>: environment variables and OS locks reach it as from a shell.
    /// </summary>
    public static Task<Result> RunProcessAsync(Dictionary<string, string> environment, string workDir, params string[] args) =>
        RunProcessAsync(environment, workDir, args, umask: null);

    /// <summary>As above; with <paramref name="umask"/> (e.g. "000"), the process starts under that umask (through /bin/sh).</summary>
    public static async Task<Result> RunProcessAsync(Dictionary<string, string> environment, string workDir, string[] args, string? umask)
    {
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        var start = new ProcessStartInfo(umask is null ? dotnet : "/bin/sh")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workDir,
        };
        if (umask is not null)
        {
            foreach (var a in new[] { "-c", $"umask {umask} && exec \"$@\"", "sh", dotnet }) start.ArgumentList.Add(a);
        }
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "blindspot.dll"));
        foreach (var a in args) start.ArgumentList.Add(a);
        foreach (var (k, v) in environment) start.Environment[k] = v;
        using var p = Process.Start(start)!;
        var output = p.StandardOutput.ReadToEndAsync();
        var error = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        return new Result(p.ExitCode, await output, await error);
    }
}
