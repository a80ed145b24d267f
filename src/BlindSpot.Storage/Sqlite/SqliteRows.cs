using System.Buffers;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace BlindSpot.Storage.Sqlite;

/// <summary>
/// One INSERT statement prepared on the connection's own handle and stepped once per row, inside the connection's open
/// transaction. Values are bound as Microsoft.Data.Sqlite 10 binds a parameter of the same .NET type: null as NULL;
/// bool, integers as INTEGER; double and float as REAL; string as TEXT; byte[] as BLOB; DateOnly as "yyyy-MM-dd", a
/// DateTime of unspecified kind as "yyyy-MM-dd HH:mm:ss.FFFFFFF" and decimal as "0.0###..." (TEXT; the column's
/// affinity then applies as before). A value of any other type (or a DateTime with a kind) is bound by
/// Microsoft.Data.Sqlite itself: its text or number is asked of SQLite once (<c>SELECT @p</c>) and kept for the
/// statement. <c>SqliteRowsTests</c> holds the storage class and value of each kind equal to the parameter's.
/// </summary>
internal sealed class SqliteRows : IDisposable
{
    readonly SqliteConnection connection;
    readonly SqliteTransaction transaction;
    readonly sqlite3 db;
    readonly sqlite3_stmt statement;
    readonly int columns;
    // Values of the types bound through Microsoft.Data.Sqlite (rare: none of the store's tables writes one today).
    readonly Dictionary<object, object?> asked = [];
    // The value each parameter was last bound to. SQLite keeps a parameter's binding across sqlite3_reset, so a value that
    // is the same string instance (the file's hash on every row; the canonical dong, housing type and tenure) or the same
    // date as the one bound last is not bound again: the statement steps with exactly the value it would have been given.
    readonly object?[] bound;
    byte[] utf8 = ArrayPool<byte>.Shared.Rent(1024);

    public SqliteRows(SqliteConnection connection, SqliteTransaction transaction, string sql, int columns)
    {
        this.connection = connection;
        this.transaction = transaction;
        db = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        this.columns = columns;
        bound = new object?[columns];
        Check(raw.sqlite3_prepare_v2(db, sql, out statement));
    }

    /// <summary>Writes one row; returns the rows the statement changed (0 when ON CONFLICT DO NOTHING skipped it).</summary>
    public int Write(object?[] row)
    {
        if (row.Length != columns) throw new ArgumentException($"A row of {row.Length} values for {columns} columns.", nameof(row));
        try
        {
            for (var i = 0; i < columns; i++)
            {
                var value = row[i];
                if (Unchanged(bound[i], value)) continue;
                Check(Bind(i + 1, value));
                bound[i] = value;
            }
            var rc = raw.sqlite3_step(statement);
            if (rc != raw.SQLITE_DONE && rc != raw.SQLITE_ROW) Check(rc);
            return raw.sqlite3_changes(db);
        }
        finally
        {
            // The bindings stay (see bound): every parameter is bound by the first row, then whenever its value changes.
            raw.sqlite3_reset(statement);
        }
    }

    /// <summary>
    /// The same instance (a string, or a shared box: Sql.Boxes), both null, or the same date: binding it again would bind the
    /// same value. (A parameter never bound is NULL, so a first null needs no bind either.)
    /// </summary>
    static bool Unchanged(object? previous, object? value) =>
        ReferenceEquals(previous, value) || value is DateOnly d && previous is DateOnly p && p == d;

    int Bind(int index, object? value) => value switch
    {
        null or DBNull => raw.sqlite3_bind_null(statement, index),
        string s => BindText(index, s),
        bool b => raw.sqlite3_bind_int64(statement, index, b ? 1L : 0L),
        int n => raw.sqlite3_bind_int64(statement, index, n),
        long n => raw.sqlite3_bind_int64(statement, index, n),
        double d when !double.IsNaN(d) => raw.sqlite3_bind_double(statement, index, d),
        float f when !float.IsNaN(f) => raw.sqlite3_bind_double(statement, index, f),
        byte[] { Length: > 0 } bytes => raw.sqlite3_bind_blob(statement, index, bytes),
        DateOnly d => BindAscii(index, d, "yyyy\\-MM\\-dd"),
        DateTime t when t.Kind == DateTimeKind.Unspecified => BindAscii(index, t, "yyyy\\-MM\\-dd HH\\:mm\\:ss.FFFFFFF"),
        decimal m => BindAscii(index, m, "0.0###########################"),
        _ => BindAsked(index, value),
    };

    int BindText(int index, string s)
    {
        // (An empty span would reach SQLite as a null pointer, i.e. NULL; Microsoft.Data.Sqlite binds "".)
        if (s.Length == 0) return raw.sqlite3_bind_text(statement, index, "");
        var max = Encoding.UTF8.GetMaxByteCount(s.Length);
        if (max > utf8.Length)
        {
            ArrayPool<byte>.Shared.Return(utf8);
            utf8 = ArrayPool<byte>.Shared.Rent(max);
        }
        var n = Encoding.UTF8.GetBytes(s, utf8);
        return raw.sqlite3_bind_text(statement, index, utf8.AsSpan(0, n));
    }

    int BindAscii<T>(int index, T value, string format) where T : IUtf8SpanFormattable
    {
        Span<byte> text = stackalloc byte[64];
        if (!value.TryFormat(text, out var n, format, CultureInfo.InvariantCulture)) throw new FormatException("A date that does not fit 64 bytes.");
        return raw.sqlite3_bind_text(statement, index, text[..n]);
    }

    /// <summary>A value of another type: bound as Microsoft.Data.Sqlite binds it, by asking SQLite what it made of it.</summary>
    int BindAsked(int index, object value)
    {
        if (!asked.TryGetValue(value, out var stored))
        {
            using var cmd = connection.CreateCommand();
            cmd.Transaction = transaction;
            cmd.CommandText = "SELECT @p";
            cmd.Parameters.AddWithValue("@p", value);
            using var r = cmd.ExecuteReader();
            r.Read();
            asked[value] = stored = r.IsDBNull(0) ? null : r.GetValue(0);
        }
        return stored switch
        {
            null => raw.sqlite3_bind_null(statement, index),
            long n => raw.sqlite3_bind_int64(statement, index, n),
            double d => raw.sqlite3_bind_double(statement, index, d),
            string s => BindText(index, s),
            byte[] { Length: 0 } => raw.sqlite3_bind_zeroblob(statement, index, 0),
            byte[] bytes => raw.sqlite3_bind_blob(statement, index, bytes),
            _ => throw new InvalidOperationException($"SQLite stored a {stored.GetType().Name}."),
        };
    }

    void Check(int rc)
    {
        if (rc != raw.SQLITE_OK) SqliteException.ThrowExceptionForRC(rc, db);
    }

    public void Dispose()
    {
        statement.Dispose();
        ArrayPool<byte>.Shared.Return(utf8);
    }
}
