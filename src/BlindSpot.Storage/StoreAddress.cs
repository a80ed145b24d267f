using System.Data.Common;
using Npgsql;

namespace BlindSpot.Storage;

/// <summary>
/// What --db / BlindSpot:Db names, read once: a PostgreSQL database (a key=value Npgsql string with Host or Server,
/// or a postgres:// / postgresql:// URL), a SQLite file (a path, or "Data Source=path"), or nothing usable. A value
/// with ';' or '=' is never taken as a file path: a mistyped connection string must not become a local file whose
/// name holds a password.
/// </summary>
/// <param name="Target">The Npgsql connection string, or the SQLite file's full path; empty when <see cref="Problem"/> is set.</param>
/// <param name="Display">A name safe to print: the SQLite path, or host:port/database (never a password).</param>
/// <param name="Problem">One Korean sentence saying why the value names no store (it never repeats the value: it may hold a password).</param>
public sealed record StoreAddress(bool IsPostgres, string Target, string Display, string? Problem)
{
    static readonly string[] PostgresHostKeys = ["host", "server"];
    static readonly string[] SqliteFileKeys = ["data source", "datasource", "filename"];

    public bool IsValid => Problem is null;

    public static StoreAddress Parse(string? db)
    {
        var value = db?.Trim() ?? "";
        if (value.Length == 0) return Invalid("--db(BlindSpot:Db)가 비어 있습니다: SQLite 파일 경로나 PostgreSQL 연결 문자열을 주세요.");
        if (value.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) || value.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
            return FromUrl(value);
        if (value.Contains('=', StringComparison.Ordinal)) return FromKeyValues(value);
        if (value.Contains(';', StringComparison.Ordinal))
            return Invalid("--db(BlindSpot:Db)에 ';'가 있지만 연결 문자열이 아닙니다: 파일 경로에는 ';'나 '='를 쓸 수 없습니다.");
        return Sqlite(value);
    }

    static StoreAddress FromUrl(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Host.Length == 0 || uri.AbsolutePath.Trim('/').Length == 0)
            return Invalid("--db(BlindSpot:Db)의 postgresql:// 주소를 읽을 수 없습니다: postgresql://사용자:암호@호스트:포트/데이터베이스 형식이어야 합니다.");
        var userInfo = uri.UserInfo.Split(':', 2);
        var builder = new NpgsqlConnectionStringBuilder { Host = uri.Host, Database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/')) };
        if (uri.Port > 0) builder.Port = uri.Port;
        if (userInfo[0].Length > 0) builder.Username = Uri.UnescapeDataString(userInfo[0]);
        if (userInfo.Length > 1) builder.Password = Uri.UnescapeDataString(userInfo[1]);
        return Postgres(builder);
    }

    static StoreAddress FromKeyValues(string value)
    {
        var generic = new DbConnectionStringBuilder();
        try
        {
            generic.ConnectionString = value;
        }
        catch (ArgumentException)
        {
            return Invalid("--db(BlindSpot:Db)에 '='가 있지만 연결 문자열로 읽을 수 없습니다 (키=값;키=값 형식). 파일 경로에는 ';'나 '='를 쓸 수 없습니다.");
        }
        var keys = generic.Keys.Cast<string>().Select(k => k.Trim().ToLowerInvariant()).ToList();
        if (keys.Any(PostgresHostKeys.Contains))
        {
            try
            {
                return Postgres(new NpgsqlConnectionStringBuilder(value));
            }
            catch (Exception e) when (e is ArgumentException or KeyNotFoundException or FormatException or InvalidCastException)
            {
                return Invalid("--db(BlindSpot:Db)의 PostgreSQL 연결 문자열에 Npgsql이 모르는 키나 잘못된 값이 있습니다.");
            }
        }
        if (keys.Count == 1 && SqliteFileKeys.Contains(keys[0]) && generic[generic.Keys.Cast<string>().Single()] is string path && path.Trim().Length > 0)
            return path.Contains(';', StringComparison.Ordinal) || path.Contains('=', StringComparison.Ordinal)
                ? Invalid("--db(BlindSpot:Db)의 SQLite 파일 경로에는 ';'나 '='를 쓸 수 없습니다.")
                : Sqlite(path.Trim());
        return Invalid("--db(BlindSpot:Db)가 연결 문자열처럼 보이지만 Host(PostgreSQL)도 Data Source(SQLite)도 없습니다. 파일 경로에는 ';'나 '='를 쓸 수 없습니다.");
    }

    static StoreAddress Postgres(NpgsqlConnectionStringBuilder b)
    {
        if (string.IsNullOrWhiteSpace(b.Host)) return Invalid("--db(BlindSpot:Db)의 PostgreSQL 연결 문자열에 Host가 비어 있습니다.");
        if (string.IsNullOrWhiteSpace(b.Database)) return Invalid("--db(BlindSpot:Db)의 PostgreSQL 연결 문자열에 Database가 없습니다.");
        // Npgsql takes any integer here and fails only when it connects, with an exception no caller expects (issue 10 replay).
        if (b.Port is < 1 or > 65535) return Invalid("--db(BlindSpot:Db)의 PostgreSQL 연결 문자열의 Port는 1에서 65535 사이여야 합니다.");
        return new StoreAddress(true, b.ConnectionString, $"{b.Host}:{b.Port}/{b.Database}", null);
    }

    static StoreAddress Sqlite(string path)
    {
        string full;
        try
        {
            full = Path.GetFullPath(path);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return Invalid("--db(BlindSpot:Db)를 파일 경로로 읽을 수 없습니다.");
        }
        return new StoreAddress(false, full, full, null);
    }

    static StoreAddress Invalid(string problem) => new(false, "", "", problem);
}
