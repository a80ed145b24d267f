using Spectre.Console;

namespace BlindSpot.Cli.Terminal;

/// <summary>
/// A progress display for long work (`samples`, `ingest`, `train`, `run`): a Spectre.Console status line on standard
/// error that says which step is running, shown only when the command writes to a terminal. Redirected to a file or a
/// pipe, run by the jobs host or a test, nothing extra is printed: the command's plain report lines are all there is.
/// </summary>
internal static class LiveStatus
{
    /// <summary>True when <paramref name="output"/> is this process's console and both streams reach a terminal.</summary>
    public static bool IsTerminal(TextWriter output) =>
        ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected && !Console.IsErrorRedirected;

    /// <summary>
    /// Runs <paramref name="work"/>, showing <paramref name="first"/> and then whatever the work reports through the
    /// callback it is given, while it runs, when the output is a terminal.
    /// </summary>
    public static async Task<T> RunAsync<T>(TextWriter output, string first, Func<Action<string>, Task<T>> work)
    {
        if (!IsTerminal(output)) return await work(_ => { });
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        return await console.Status()
            .Spinner(Spinner.Known.Line)
            .StartAsync(Markup.Escape(first), async context => await work(step => context.Status(Markup.Escape(step))));
    }
}
