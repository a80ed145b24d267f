using BlindSpot.Core.Files;
using BlindSpot.Core.Storage;
using BlindSpot.Storage.Postgres;
using BlindSpot.Storage.Schema;
using BlindSpot.Storage.Sql;
using BlindSpot.Storage.Sqlite;
using Microsoft.Extensions.Logging;

namespace BlindSpot.Storage;

/// <summary>What opening a store gave: the store, or one Korean sentence saying why --db names no store (exit code 2).</summary>
public sealed record StoreOpening(IBlindSpotStore? Store, string? Problem);

/// <summary>
/// Opens the store named by --db / BlindSpot:Db (<see cref="StoreAddress"/>): a SQLite file path, or a PostgreSQL
/// connection string. Only the commands that bring data in (ingest, run) and the hosts create a store; every other
/// command opens an existing one or creates nothing at all (no file, no folder), so a mistyped --db never answers
/// with an empty district.
/// </summary>
public static class StoreFactory
{
    /// <summary>True when <paramref name="db"/> is a PostgreSQL connection string (Host=...; or postgres://...).</summary>
    public static bool IsPostgres(string db) => StoreAddress.Parse(db).IsPostgres;

    /// <summary>Opens and migrates the store, creating it (a SQLite file 0600 in a 0700 folder, the schema) when missing.</summary>
    public static async Task<IBlindSpotStore> OpenAsync(string db, CancellationToken ct, string? districtCache = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(db);
        var opening = await OpenAsync(db, create: true, ct, districtCache: districtCache);
        return opening.Store ?? throw new ArgumentException(opening.Problem, nameof(db));
    }

    /// <summary>
    /// Opens and migrates the store. With <paramref name="create"/> false, a SQLite file that does not exist, or a
    /// database without BlindSpot's tables, is a <see cref="StoreOpening.Problem"/> and nothing is created. Failures of
    /// the environment (a server down, a wrong password, a corrupt file) are exceptions.
    /// </summary>
    /// <param name="clock">The clock of the timestamps the store writes itself (default: the system's).</param>
    /// <param name="loggers">Where the store's own warnings go (a kept district history that cannot be read or written, an
    /// inbox lock not released explicitly); none when null.</param>
    /// <param name="districtCache">
    /// Where the district's history is kept between runs (docs/adr/0006, "Third pass"; the hosts bind it from
    /// BlindSpot:DistrictCache): null or empty, beside a SQLite store ("&lt;file&gt;.district-cache") and nowhere for
    /// PostgreSQL (several hosts share it; each keeps its own copy only when given a folder); a folder: there, one
    /// file per store; "off": nowhere.
    /// </param>
    public static async Task<StoreOpening> OpenAsync(string db, bool create, CancellationToken ct, TimeProvider? clock = null, string? districtCache = null,
        ILoggerFactory? loggers = null)
    {
        var address = StoreAddress.Parse(db);
        if (address.Problem is { } problem) return new StoreOpening(null, problem);
        if (!address.IsPostgres && SqliteFileProblem(address.Target, create) is { } fileProblem) return new StoreOpening(null, fileProblem);

        SqlDialect dialect = address.IsPostgres ? new PostgresDialect(address.Target, loggers?.CreateLogger<PostgresDialect>()) : new SqliteDialect(address.Target);
        var store = new SqlStore(dialect, clock, HistoryCache(address, districtCache, loggers?.CreateLogger<DistrictHistoryCache>()));
        try
        {
            // A look first (SQLite: read-only), so that a database that is not a store is left byte for byte as it was.
            var state = address.IsPostgres ? await store.InspectAsync(ct) : await SqliteDialect.InspectAsync(address.Target, ct);
            if (Refusal(state, address, create) is { } refusal)
            {
                await store.DisposeAsync();
                return new StoreOpening(null, refusal);
            }
            await store.MigrateAsync(ct);
        }
        catch
        {
            await store.DisposeAsync();
            throw;
        }
        return new StoreOpening(store, null);
    }

    /// <summary>
    /// Why a database is not opened as a store, or null: another application's database (tables, none of them
    /// BlindSpot's: a mistyped --db must not write personal data into it, even for ingest and run); a store written by
    /// a newer BlindSpot (this one does not know its schema); an empty one for a command that does not create a store.
    /// </summary>
    static string? Refusal(StoreState state, StoreAddress address, bool create) => state switch
    {
        { IsStore: false, Tables: > 0 } =>
            $"{address.Display}는 BlindSpot 저장소가 아닙니다: 다른 프로그램의 표가 {state.Tables}개 있는 데이터베이스라 쓰지 않았습니다. --db 경로를 확인하세요.",
        { IsStore: true } when state.Version > Migrations.Latest =>
            $"{address.Display}의 저장소는 이 프로그램보다 새 BlindSpot이 만들었습니다 (스키마 {state.Version}, 이 프로그램은 {Migrations.Latest}까지): 새 버전으로 실행하세요.",
        { IsStore: false } when !create => $"{address.Display}에 BlindSpot 저장소가 없습니다 (빈 데이터베이스). 새 저장소는 ingest나 run만 만듭니다.",
        _ => null,
    };

    internal static DistrictHistoryCache? HistoryCache(StoreAddress address, string? setting, ILogger? logger = null)
    {
        var folder = setting?.Trim();
        if (string.Equals(folder, "off", StringComparison.OrdinalIgnoreCase)) return null;
        if (string.IsNullOrEmpty(folder)) return address.IsPostgres ? null : new DistrictHistoryCache(address.Target + ".district-cache", logger);
        // The file's name says which store without naming it (a PostgreSQL address may hold a user name).
        var name = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(
            address.IsPostgres ? address.Display : address.Target)))[..24];
        return new DistrictHistoryCache(Path.Combine(Path.GetFullPath(folder), $"{name}.district-cache"), logger);
    }

    /// <summary>Why a SQLite path cannot be opened as a store, or null; creates the empty file (0600) when it may.</summary>
    static string? SqliteFileProblem(string path, bool create)
    {
        if (Directory.Exists(path)) return $"--db {path}는 폴더입니다: SQLite 파일 경로를 주세요.";
        if (File.Exists(path))
            return FileKind.IsRegularFile(path) == false ? $"--db {path}는 일반 파일이 아닙니다 (장치, FIFO 등): SQLite 파일 경로를 주세요." : null;
        if (!create) return $"저장소가 없습니다: {path}. --db 경로를 확인하세요 (새 저장소는 ingest나 run만 만듭니다).";
        // SQLite would create the file with the process's umask (often 0644); it gives -wal and -shm the file's mode.
        PrivateFiles.Touch(path);
        return null;
    }

    /// <summary>The store without touching its schema (tests build an old schema version with it).</summary>
    internal static SqlStore Unmigrated(string db)
    {
        var address = StoreAddress.Parse(db);
        if (address.Problem is { } problem) throw new ArgumentException(problem, nameof(db));
        if (!address.IsPostgres) PrivateFiles.Touch(address.Target);
        return new SqlStore(address.IsPostgres ? new PostgresDialect(address.Target) : new SqliteDialect(address.Target));
    }

    /// <summary>A folder beside the store for files that belong with it (quarantine copies): next to a SQLite file, else the working folder.</summary>
    public static string DataDirectory(string db) =>
        StoreAddress.Parse(db) is { IsPostgres: false, IsValid: true } sqlite ? Path.GetDirectoryName(sqlite.Target)! : Path.GetFullPath(".");

    /// <summary>A Npgsql connection string from either form --db accepts (key=value pairs, or a postgresql:// URL).</summary>
    public static string ToConnectionString(string db) =>
        StoreAddress.Parse(db) is { IsPostgres: true } pg ? pg.Target : throw new ArgumentException("Not a PostgreSQL connection string.", nameof(db));
}
