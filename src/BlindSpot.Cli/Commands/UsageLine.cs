using System.CommandLine;
using System.CommandLine.Parsing;
using System.Text.RegularExpressions;

namespace BlindSpot.Cli.Commands;

/// <summary>
/// A command line that cannot be parsed, told as one Korean line (exit 2). System.CommandLine's own messages are
/// English (its Korean resources cover only some of them), so the line is built from what the parse found, not from
/// its text: the problem with what was typed comes first (an unknown option, a value that cannot be read), then what
/// is missing (a required option, the command). Our own validators already speak Korean and are kept as they are.
/// A typed value is never repeated (it may be a name or a phone number typed in the wrong place); an unknown token is
/// named only when it has the shape of an option or a command word.
/// </summary>
internal static partial class UsageLine
{
    public static string Describe(ParseResult parsed)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        var line = Own(parsed) ?? Unknown(parsed) ?? BadValue(parsed) ?? MissingOptions(parsed) ?? MissingCommand(parsed)
            ?? "명령줄을 읽을 수 없습니다.";
        return $"{line} (--help: 명령과 옵션 보기)";
    }

    /// <summary>A message of BlindSpot's own parsers and validators (already one Korean sentence).</summary>
    static string? Own(ParseResult parsed) => parsed.Errors.FirstOrDefault(e => HasHangul(Quoted().Replace(e.Message, "")))?.Message;

    static string? Unknown(ParseResult parsed) => parsed.UnmatchedTokens.Count == 0 ? null
        : parsed.UnmatchedTokens[0] is var token && Word().IsMatch(token)
            ? $"알 수 없는 옵션이나 명령입니다: {token}."
            : $"알 수 없는 인수가 있습니다 ({parsed.UnmatchedTokens.Count}개; 값은 옵션 뒤에 주세요, 예: --out 폴더).";

    /// <summary>An option given without its value, twice, or with a value of the wrong kind.</summary>
    static string? BadValue(ParseResult parsed)
    {
        foreach (var error in parsed.Errors)
        {
            var result = error.SymbolResult is ArgumentResult { Parent: OptionResult o } ? o : error.SymbolResult as OptionResult;
            if (result is null || Untyped(result)) continue;
            var name = result.Option.Name;
            if (result.Tokens.Count == 0) return $"{name} 뒤에 값을 주세요.";
            if (result.Tokens.Count > 1 && result.Option.Arity.MaximumNumberOfValues == 1) return $"{name}는 한 번만 줄 수 있습니다.";
            return $"{name}에는 {Expected(result.Option.ValueType)}.";
        }
        return null;
    }

    static string? MissingOptions(ParseResult parsed)
    {
        var missing = new List<string>();
        for (var c = parsed.CommandResult; c is not null; c = c.Parent as CommandResult)
            missing.AddRange(c.Command.Options.Where(o => o.Required && (parsed.GetResult(o) is not OptionResult r || Untyped(r))).Select(o => o.Name));
        return missing.Count == 0 ? null : $"꼭 필요한 옵션이 빠졌습니다: {string.Join(", ", missing)}.";
    }

    static string? MissingCommand(ParseResult parsed) =>
        parsed.CommandResult.Command is { Subcommands.Count: > 0 } command && command.Action is null
            ? $"명령을 주세요: {string.Join(", ", command.Subcommands.Select(s => s.Name))}."
            : null;

    static string Expected(Type type) => (Nullable.GetUnderlyingType(type) ?? type) switch
    {
        var t when t == typeof(int) || t == typeof(long) => "2026처럼 정수를 주세요",
        var t when t == typeof(double) || t == typeof(decimal) || t == typeof(float) => "0.05처럼 숫자를 주세요 (소수점은 .)",
        var t when t == typeof(DateOnly) => "2026-10-30처럼 yyyy-MM-dd 형식의 날짜를 주세요",
        var t when t == typeof(bool) => "true나 false를 주세요",
        _ => "알맞은 형식의 값을 주세요",
    };

    /// <summary>An option the command line does not name (its default, or the place System.CommandLine reports it missing).</summary>
    static bool Untyped(OptionResult result) => result.Implicit || result.IdentifierToken is null;

    static bool HasHangul(string text) => text.Any(c => c is >= '\uAC00' and <= '\uD7A3');

    /// <summary>A token System.CommandLine quotes in its own messages ('홍길동'): not a Korean message of ours.</summary>
    [GeneratedRegex("'[^']*'")]
    private static partial Regex Quoted();

    /// <summary>An option (-x, --some-name) or a command word: safe to repeat. Anything else may be a value.</summary>
    [GeneratedRegex("^(--?[A-Za-z][A-Za-z0-9-]{0,40}|[a-z][a-z-]{0,30})$")]
    private static partial Regex Word();
}
