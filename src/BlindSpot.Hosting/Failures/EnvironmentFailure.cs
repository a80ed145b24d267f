using System.Net.Sockets;
using System.Text.RegularExpressions;
using BlindSpot.Storage;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace BlindSpot.Hosting.Failures;

/// <summary>
/// The failures of the machine around BlindSpot that an operator can fix (a database down or refusing the login, a
/// folder that cannot be written, a full disk, a corrupt store), told as one Korean line for the CLI and the hosts
/// instead of a stack trace. The line names the database by host, port and name (never the password) and a path
/// at most; it never repeats a value read from a file. Exit code 1 (docs/operations.md, exit codes).
/// </summary>
public static partial class EnvironmentFailure
{
    /// <summary>One line for a person, or null when <paramref name="e"/> is not a failure of the environment (a bug: let it surface).</summary>
    /// <param name="db">The configured --db, to name the database (its display form: no password).</param>
    public static string? Describe(Exception e, string? db)
    {
        ArgumentNullException.ThrowIfNull(e);
        var store = db is null ? "" : StoreAddress.Parse(db) is { IsValid: true } a ? $" ({a.Display})" : "";
        return Unwrap(e) switch
        {
            PostgresException { SqlState: "28P01" or "28000" } => $"PostgreSQL 로그인에 실패했습니다{store}: 사용자 이름과 암호를 확인하세요.",
            PostgresException { SqlState: "3D000" } => $"PostgreSQL 데이터베이스가 없습니다{store}: 이름을 확인하거나 관리자에게 만들어 달라고 하세요.",
            PostgresException { SqlState: "42501" } => $"PostgreSQL 권한이 부족합니다{store}: 처음 시작할 때는 데이터베이스에 CREATE 권한이 필요합니다.",
            PostgresException { SqlState: "57P01" or "57P02" or "57P03" or "53300" } p => $"PostgreSQL 서버가 지금 연결을 받지 않습니다{store} (SQLSTATE {p.SqlState}): 잠시 후 다시 실행하세요.",
            PostgresException p => $"PostgreSQL 오류로 멈췄습니다{store} (SQLSTATE {p.SqlState}).",
            NpgsqlException n when IsUnreachable(n) => $"PostgreSQL 서버에 연결할 수 없습니다{store}: 서버가 켜져 있는지, 주소와 포트가 맞는지 확인하세요.",
            NpgsqlException => $"PostgreSQL과 통신하지 못했습니다{store}: 서버와 네트워크를 확인하세요.",
            SqliteException { SqliteErrorCode: 26 } => $"SQLite 데이터베이스 파일이 아닙니다{store}: --db가 다른 파일을 가리키거나 파일이 손상되었습니다.",
            SqliteException { SqliteErrorCode: 11 } => $"SQLite 저장소가 손상되었습니다{store}: 백업에서 복원하세요.",
            SqliteException { SqliteErrorCode: 14 } => $"SQLite 저장소를 열 수 없습니다{store}: 경로와 권한을 확인하세요.",
            SqliteException { SqliteErrorCode: 8 or 23 } => $"SQLite 저장소에 쓸 권한이 없습니다{store}.",
            SqliteException { SqliteErrorCode: 13 } => $"디스크가 가득 차서 저장소에 쓰지 못했습니다{store}.",
            SqliteException { SqliteErrorCode: 5 or 6 } => $"다른 프로세스가 SQLite 저장소를 잠그고 있습니다{store}: 잠시 후 다시 실행하세요.",
            SqliteException s => $"SQLite 오류로 멈췄습니다{store} (코드 {s.SqliteErrorCode}).",
            BlindSpot.Pipeline.Ingest.IngestService.QuarantineFolderException q => $"격리 폴더에 쓸 수 없습니다: {q.Directory}. --quarantine으로 쓸 수 있는 폴더를 주거나 권한을 확인하세요.",
            UnauthorizedAccessException u => $"권한이 없어 {PathOf(u) ?? "파일이나 폴더"}에 쓰거나 읽지 못했습니다: 다른 폴더를 주거나 권한을 확인하세요.",
            DirectoryNotFoundException d => $"폴더를 찾을 수 없습니다: {PathOf(d) ?? "경로"}.",
            IOException io when io.HResult is 28 or unchecked((int)0x80070070) => "디스크가 가득 차서 파일을 쓰지 못했습니다.",
            IOException io when PathOf(io) is { } path => $"{path}을(를) 쓰거나 읽지 못했습니다: 경로가 읽기 전용이거나 파일이 아닌 것을 가리킵니다.",
            IOException => "파일을 쓰거나 읽지 못했습니다 (입출력 오류): 경로와 디스크를 확인하세요.",
            _ => null,
        };
    }

    /// <summary>True when waiting may help: the database is not up yet, starting, or unreachable for now.</summary>
    public static bool IsTransient(Exception e) => Unwrap(e) switch
    {
        PostgresException { SqlState: "57P01" or "57P02" or "57P03" or "53300" } => true,
        PostgresException => false,
        NpgsqlException n => IsUnreachable(n) || n.IsTransient,
        SqliteException { SqliteErrorCode: 5 or 6 } => true,
        _ => false,
    };

    static Exception Unwrap(Exception e) =>
        e is AggregateException { InnerExceptions.Count: 1 } a ? Unwrap(a.InnerExceptions[0])
        : e is InvalidOperationException { InnerException: NpgsqlException or SqliteException } i ? i.InnerException!
        : e;

    static bool IsUnreachable(NpgsqlException n) =>
        n.InnerException is SocketException or TimeoutException || n.InnerException?.InnerException is SocketException;

    /// <summary>The path .NET quotes in its I/O messages ("... path '/x/y' ..."), if any.</summary>
    static string? PathOf(Exception e) => QuotedPath().Match(e.Message) is { Success: true } m ? m.Groups[1].Value : null;

    [GeneratedRegex("'(/[^']*|[A-Za-z]:\\\\[^']*)'")]
    private static partial Regex QuotedPath();
}
