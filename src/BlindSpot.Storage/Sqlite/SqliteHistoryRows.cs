using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using BlindSpot.Storage.Sql;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace BlindSpot.Storage.Sqlite;

/// <summary>
/// A history query (registry versions, crisis rows: ~620,000 rows at 190,000 households) read through SQLite's own API:
/// the statement is prepared on the connection's handle, stepped, and each value taken from SQLite as
/// Microsoft.Data.Sqlite's reader takes it (<c>sqlite3_column_text</c>'s UTF-8 bytes, <c>sqlite3_column_int64</c>), without
/// the reader's checks and copies per value: a household's id is decoded once for all its rows, a shared value (dong,
/// indicator ...) once per read, a date parsed from its bytes.
/// <para>
/// Only the values the store writes are read here, and each exactly as the ADO.NET reader reads it: TEXT as a string, NULL
/// where a value may be missing, INTEGER as a number or boolean, an INTEGER or REAL as a decimal (the REAL through
/// SQLite's own text of it, parsed as the provider parses it), "yyyy-MM-dd" text as a date. Any other value (a NULL where
/// the reader would throw, a number in a text column, another date text, an integer out of range ...) makes
/// <see cref="TryRead"/> give up the statement's rows, and the caller reads the statement again through ADO.NET, which
/// gives that value's result or exception as before. So does a parameter of another type, or a busy first step.
/// <c>SqliteHistoryRowsTests</c> reads values of every storage class in columns of every affinity both ways.
/// </para>
/// <para>
/// The reading methods are compiled optimized at once (<c>AggressiveOptimization</c>): they run ~10 million times early in
/// the process, when the runtime would otherwise run them unoptimized for much of it (Microsoft.Data.Sqlite's reader is
/// precompiled; measured, this reader at tier 0 cost more CPU than the provider's).
/// </para>
/// </summary>
internal sealed class SqliteHistoryRows : IHistoryRow, IDisposable
{
    /// <summary>Thrown inside a read for a value this reader does not take as the provider would: the statement is read again through ADO.NET.</summary>
    sealed class Declined : Exception;

    [DoesNotReturn, MethodImpl(MethodImplOptions.NoInlining)]
    static T Decline<T>() => throw new Declined();

    readonly sqlite3_stmt statement;
    // The statement's pointer for SQLite's column functions called directly (SqliteColumns), held by a reference on its handle.
    readonly IntPtr handle;
    readonly bool direct;
    readonly SharedValues shared = new();
    readonly RunIds runIds = new();
    byte[] previousId = new byte[64];
    int previousIdLength = -1;
    string? previousIdString;

    SqliteHistoryRows(sqlite3_stmt statement, bool directColumns)
    {
        this.statement = statement;
        if (!directColumns || !SqliteColumns.Direct) return;
        var added = false;
        statement.DangerousAddRef(ref added);
        (handle, direct) = (statement.DangerousGetHandle(), added);
    }

    /// <summary>The rows of <paramref name="sql"/> (one SELECT, parameters @p0, @p1 ... of string or DateOnly), mapped in
    /// order; null when a value or parameter is not one this reader takes (read the statement through ADO.NET instead).
    /// <paramref name="directColumns"/> false: the column functions through SQLitePCL even when they can be called directly (tests).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static List<T>? TryRead<T>(SqliteConnection connection, string sql, object?[] args, Func<IHistoryRow, T> map, CancellationToken ct,
        bool directColumns = true)
    {
        var db = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        var rc = raw.sqlite3_prepare_v2(db, sql, out var statement);
        if (rc != raw.SQLITE_OK)
        {
            statement.Dispose();
            return null; // the provider reports it (the same statement fails there alike)
        }
        using var rows = new SqliteHistoryRows(statement, directColumns);
        try
        {
            if (!rows.Bind(args)) return null;
            var list = new List<T>();
            rc = raw.sqlite3_step(statement);
            if (rc != raw.SQLITE_ROW && rc != raw.SQLITE_DONE) return null; // busy, locked, an error: the provider's retries and exceptions
            while (rc == raw.SQLITE_ROW)
            {
                ct.ThrowIfCancellationRequested();
                list.Add(map(rows));
                rc = raw.sqlite3_step(statement);
            }
            if (rc != raw.SQLITE_DONE) SqliteException.ThrowExceptionForRC(rc, db); // as the provider's Read does
            return list;
        }
        catch (Declined)
        {
            return null;
        }
    }

    /// <summary>Binds @p0, @p1 ... as Microsoft.Data.Sqlite binds a string or a DateOnly (TEXT; <c>SqliteRowsTests</c>); false for anything else.</summary>
    bool Bind(object?[] args)
    {
        if (raw.sqlite3_bind_parameter_count(statement) != args.Length) return false;
        for (var i = 0; i < args.Length; i++)
        {
            var index = raw.sqlite3_bind_parameter_index(statement, $"@p{i}");
            if (index == 0) return false;
            var rc = args[i] switch
            {
                string { Length: 0 } => raw.sqlite3_bind_text(statement, index, ""),
                string s => raw.sqlite3_bind_text(statement, index, Encoding.UTF8.GetBytes(s)),
                DateOnly d => raw.sqlite3_bind_text(statement, index, d.ToString("yyyy\\-MM\\-dd", CultureInfo.InvariantCulture)),
                _ => -1,
            };
            if (rc != raw.SQLITE_OK) return false;
        }
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    int Type(int i) => direct ? SqliteColumns.sqlite3_column_type(handle, i) : raw.sqlite3_column_type(statement, i);

    /// <summary>The UTF-8 bytes of a TEXT value: those the provider decodes (<c>sqlite3_column_text</c>, <c>sqlite3_column_bytes</c> long).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    ReadOnlySpan<byte> Utf8(int i, int type) => type == raw.SQLITE_TEXT ? ColumnText(i) : Decline<byte[]>();

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    ReadOnlySpan<byte> ColumnText(int i)
    {
        if (direct)
        {
            var pointer = SqliteColumns.sqlite3_column_text(handle, i);
            return SqliteColumns.Bytes(pointer, SqliteColumns.sqlite3_column_bytes(handle, i));
        }
        var text = raw.sqlite3_column_text(statement, i);
        var length = raw.sqlite3_column_bytes(statement, i);
        return length == 0 ? [] : MemoryMarshal.CreateReadOnlySpan(ref Unsafe.AsRef(in text.GetPinnableReference()), length);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public string Id(int i)
    {
        var bytes = Utf8(i, Type(i));
        if (previousIdString is not null && bytes.SequenceEqual(previousId.AsSpan(0, previousIdLength))) return previousIdString;
        // (The provider's string of these bytes, through the same run of ids: equal bytes decode to an equal string.)
        var id = runIds.Of(Encoding.UTF8.GetString(bytes));
        if (bytes.Length > previousId.Length) previousId = new byte[bytes.Length * 2];
        bytes.CopyTo(previousId);
        previousIdLength = bytes.Length;
        previousIdString = id;
        return id;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public string Shared(int i) => shared.Of(Utf8(i, Type(i)));

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    long Integer(int i, int type) => type == raw.SQLITE_INTEGER ? Int64(i) : Decline<long>();

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    long Int64(int i) => direct ? SqliteColumns.sqlite3_column_int64(handle, i) : raw.sqlite3_column_int64(statement, i);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int Int32(int i)
    {
        var n = Integer(i, Type(i));
        return n is >= int.MinValue and <= int.MaxValue ? (int)n : Decline<int>(); // the provider throws OverflowException
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool Boolean(int i) => Integer(i, Type(i)) != 0;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool? NullableBoolean(int i)
    {
        var type = Type(i);
        return type == raw.SQLITE_NULL ? null : Integer(i, type) != 0;
    }

    /// <summary>The provider parses the value's text (decimal.Parse, Number | AllowExponent, invariant): an INTEGER's text is
    /// its digits, i.e. the same decimal of scale 0; a REAL's text is SQLite's own, parsed here the same way.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public decimal Decimal(int i)
    {
        switch (Type(i))
        {
            case raw.SQLITE_INTEGER:
                return Int64(i);
            case raw.SQLITE_FLOAT:
                var text = Encoding.UTF8.GetString(ColumnText(i));
                return decimal.TryParse(text, NumberStyles.Number | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var value)
                    ? value : Decline<decimal>();
            default:
                return Decline<decimal>();
        }
    }

    /// <summary>"yyyy-MM-dd" text, read by the same rule as <see cref="Db.Date"/> reads it from the provider's string (its
    /// bytes are ASCII, so they are that string's chars); any other value is the provider's to read.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public DateOnly Date(int i)
    {
        var bytes = Utf8(i, Type(i));
        if (bytes.Length != 10) return Decline<DateOnly>();
        Span<char> chars = stackalloc char[10];
        for (var k = 0; k < 10; k++)
        {
            if (bytes[k] >= 0x80) return Decline<DateOnly>();
            chars[k] = (char)bytes[k];
        }
        return Db.TryIsoDate(chars, out var date) ? date : Decline<DateOnly>();
    }

    public void Dispose()
    {
        if (direct) statement.DangerousRelease();
        statement.Dispose();
    }

    /// <summary>
    /// One string for each distinct UTF-8 value, decoded once, pooled as <see cref="StringPool"/> pools the decoded strings
    /// (two byte sequences that decode alike, invalid UTF-8, share the pool's instance).
    /// </summary>
    sealed class SharedValues
    {
        readonly Dictionary<int, Entry[]> byHash = [];
        readonly StringPool pool = new();

        readonly record struct Entry(byte[] Bytes, string Value);

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public string Of(ReadOnlySpan<byte> bytes)
        {
            var hash = Hash(bytes);
            if (byHash.TryGetValue(hash, out var entries))
                foreach (var e in entries)
                    if (bytes.SequenceEqual(e.Bytes)) return e.Value;
            var value = pool.Of(Encoding.UTF8.GetString(bytes));
            byHash[hash] = entries is null ? [new(bytes.ToArray(), value)] : [.. entries, new(bytes.ToArray(), value)];
            return value;
        }

        static int Hash(ReadOnlySpan<byte> bytes)
        {
            var h = new HashCode();
            h.AddBytes(bytes);
            return h.ToHashCode();
        }
    }
}
