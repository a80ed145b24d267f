using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using SQLitePCL;

namespace BlindSpot.Storage.Sqlite;

/// <summary>
/// SQLite's column functions called directly on a statement's pointer: the same functions of the same library that
/// SQLitePCL calls (Microsoft.Data.Sqlite's bundle loads <c>e_sqlite3</c>), without its layers (a static method, an
/// interface call into the provider, the statement's <c>SafeHandle</c> marshalled per call): on ~20 million calls of a
/// first run's history read those layers cost more CPU than the calls. When the bundle's library is another one, or
/// cannot be called so, the calls go through SQLitePCL as before (<see cref="Direct"/>).
/// </summary>
internal static class SqliteColumns
{
    const string Library = "e_sqlite3";

    /// <summary>True when the functions below reach the library SQLitePCL was initialized with (asked once).</summary>
    public static readonly bool Direct = Probe();

    static bool Probe()
    {
        try
        {
            if (raw.GetNativeLibraryName() != Library) return false;
            // The same library answers the same version (a different copy or build would not be used).
            return sqlite3_libversion_number() == raw.sqlite3_libversion_number();
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException)
        {
            return false;
        }
    }

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    static extern int sqlite3_libversion_number();

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    public static extern int sqlite3_column_type(IntPtr statement, int column);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    public static extern long sqlite3_column_int64(IntPtr statement, int column);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    public static extern IntPtr sqlite3_column_text(IntPtr statement, int column);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    public static extern int sqlite3_column_bytes(IntPtr statement, int column);

    /// <summary>The <paramref name="length"/> bytes at <paramref name="pointer"/> (SQLite's memory, valid until the next
    /// call on that column or statement).</summary>
    public static ReadOnlySpan<byte> Bytes(IntPtr pointer, int length) =>
        length == 0 ? [] : MemoryMarshal.CreateReadOnlySpan(ref Unsafe.AddByteOffset(ref Unsafe.NullRef<byte>(), pointer), length);
}
