using System.Runtime.CompilerServices;
using System.Text;
using BlindSpot.Core.Domain;
using BlindSpot.Core.Files;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace BlindSpot.Storage.Sql;

/// <summary>
/// What a store's history tables held when a run last read them, and the key that says so (docs/adr/0006,
/// "Third pass"): the store's id, its history change counter and the two tables' row counts.
/// </summary>
internal sealed record DistrictHistoryKey(string StoreId, long Changes, long Versions, long CrisisRows)
{
    public override string ToString() => $"{StoreId}|{Changes}|{Versions}|{CrisisRows}";
}

/// <summary>Every registry version and every crisis row of a store (all months), in the store's read order.</summary>
internal sealed record DistrictHistory(List<Household> Versions, List<CrisisRecord> Crisis);

/// <summary>
/// The district's history (household_versions and crisis: ~620,000 rows at 190,000 households, ~3 CPU-seconds to read
/// from the store) kept in one binary file between runs, so that a daily run (new tips and visit results, no new
/// snapshot) reads it in a fraction of that. Tips, visits and the configuration are always read from the store.
/// The file holds no names, phones or addresses (a district's versions do not carry them), but it does hold household ids
/// and their circumstances, which are personal data: it gets the store's own mode (<see cref="Core.Files.PrivateFiles"/>:
/// owner-only 0600 unless the operator made personal-data files group-readable), is written to a temporary name and
/// renamed, and is never named in a log. A file that
/// is missing, unreadable, of another format or of another key is ignored: the store is read as without a cache. A file
/// that cannot be read, written or deleted is logged as a warning (the exception's type only: its text names the file).
/// </summary>
internal sealed class DistrictHistoryCache(string path, ILogger? logger = null)
{
    readonly ILogger logger = logger ?? NullLogger.Instance;

    /// <summary>"BSDH" and the layout's version: a file of another layout is read as missing.</summary>
    const int Magic = 0x48445342;
    // 3: a version's address, name and phone equal to its household's previous version are not written again (most
    // households are unchanged between snapshots): read back as that version's strings, half the strings to decode.
    // 4: strings (but the key) as ASCII or UTF-16 (BinaryText), nothing to decode.
    // 5: no contact details (address, name, phone): a district's versions do not carry them (Household).
    const int Layout = 5;

    int hits;

    /// <summary>The writes and deletes started by <see cref="KeepBeside"/> and <see cref="Delete"/>, one after the other.</summary>
    Task keeping = Task.CompletedTask;
    readonly Lock gate = new();

    public string Path { get; } = path;

    /// <summary>
    /// Completes when every write started by <see cref="KeepBeside"/> (and every delete) before this call is over: a
    /// read of the file, the store's disposal and the tests await it. Faults when one of them met an unexpected exception
    /// (a failure to write or delete is a warning only, as for <see cref="TryWrite"/>).
    /// </summary>
    public Task Kept
    {
        get { lock (gate) return keeping; }
    }

    /// <summary>Waits for <see cref="Kept"/> before a read of the file, without its fault (a write that failed leaves no file
    /// or an older one: the read then misses, and the store's disposal reports the fault).</summary>
    public async Task WaitForKeepingAsync(CancellationToken ct)
    {
        try { await Kept.WaitAsync(ct); }
        catch (Exception) when (!ct.IsCancellationRequested) { }
    }

    /// <summary>Test hook: awaited by a write started by <see cref="KeepBeside"/> before it writes (holds it pending).</summary>
    internal Func<Task>? BeforeKeeping { get; set; }

    /// <summary>
    /// Writes <paramref name="history"/> under <paramref name="key"/> on the thread pool, after the writes and deletes
    /// started before it (docs/adr/0006, "The kept history written beside training"): the load that read the tables
    /// returns at once, and the ~0.5 s of writing a first run's history runs beside what the load's caller does next.
    /// The history's lists are the load's (never changed afterwards); what the write adds is its string tables and buffer.
    /// </summary>
    public Task KeepBeside(DistrictHistoryKey key, DistrictHistory history)
    {
        lock (gate)
        {
            var before = keeping;
            var hold = BeforeKeeping;
            return keeping = Task.Run(async () =>
            {
                await Settled(before);
                if (hold is not null) await hold();
                TryWrite(key, history);
            });
        }
    }

    /// <summary>Waits for <paramref name="task"/> without its fault (that one is seen through <see cref="Kept"/> by whoever
    /// awaits the write that failed, not again by every later write).</summary>
    static async Task Settled(Task task)
    {
        try { await task; }
        catch (Exception) { /* reported by the awaiter of that task */ }
    }

    /// <summary>How many reads this instance answered from the file (tests prove with it that the file was used).</summary>
    public int Hits => hits;

    /// <summary>The history stored under <paramref name="key"/>, or null (no file, another key, a damaged file).</summary>
    public DistrictHistory? TryRead(DistrictHistoryKey key)
    {
        try
        {
            // Read in large sequential reads, the values cut from the buffer (BinaryInput: as BinaryReader reads them, in
            // about half its CPU); the file is BinaryWriter's.
            using var file = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.SequentialScan);
            using var r = new BinaryInput(file);
            if (Read(r, file, key) is not { } history) return null;
            Interlocked.Increment(ref hits);
            return history;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null; // no file yet (a first run, or the cache was turned on since): nothing to report
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or EndOfStreamException or FormatException
                                      or ArgumentException or IndexOutOfRangeException or InvalidCastException or OverflowException)
        {
            logger.LogWarning("Could not read the kept district history ({ErrorType}): the history is read from the store instead", e.GetType().Name);
            return null;
        }
    }

    /// <summary>The file's history, or null when it is of another layout or key (optimized at once: it runs once per
    /// process, early, when the runtime would otherwise run its loops unoptimized for most of their ~10 million values).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static DistrictHistory? Read(BinaryInput r, FileStream file, DistrictHistoryKey key)
    {
        if (r.ReadInt32() != Magic || r.ReadInt32() != Layout || r.ReadString() != key.ToString()) return null;
        // Ids are written once per household and shared by its versions and crisis rows; the few distinct values of
        // dong, housing type, tenure and indicator once each, and referred to by number.
        var ids = new string[Count(r, file)];
        for (var i = 0; i < ids.Length; i++) ids[i] = r.ReadText();
        var values = new string[Count(r, file)];
        for (var i = 0; i < values.Length; i++) values[i] = r.ReadText();

        var versions = new List<Household>(Count(r, file));
        for (var i = versions.Capacity; i > 0; i--)
        {
            var id = ids[r.ReadInt32()];
            var dong = values[r.ReadInt32()];
            var birthYear = r.ReadInt32();
            var sex = (Sex)r.ReadByte();
            var members = r.ReadInt32();
            var under2 = r.ReadInt32();
            var singleParent = ReadFlag(r);
            var pregnant = ReadFlag(r);
            var disability = ReadFlag(r);
            var housing = values[r.ReadInt32()];
            var tenure = values[r.ReadInt32()];
            var movedIn = DateOnly.FromDayNumber(r.ReadInt32());
            var basic = r.ReadBoolean();
            var managed = r.ReadBoolean();
            var snapshot = DateOnly.FromDayNumber(r.ReadInt32());
            versions.Add(new Household(id, dong, HistoryRows.NoAddress, HistoryRows.NoName, null, birthYear, sex, members, under2, singleParent, pregnant, disability,
                housing, tenure, movedIn, basic, managed, snapshot));
        }

        var crisis = new List<CrisisRecord>(Count(r, file));
        for (var i = crisis.Capacity; i > 0; i--)
            crisis.Add(new CrisisRecord(ids[r.ReadInt32()], DateOnly.FromDayNumber(r.ReadInt32()), values[r.ReadInt32()], r.ReadDecimal(), r.ReadBoolean()));
        return r.ReadInt32() == Magic ? new DistrictHistory(versions, crisis) : null; // else cut short
    }

    /// <summary>Writes <paramref name="history"/> under <paramref name="key"/>; a failure to write only costs the next run a full read.</summary>
    public bool TryWrite(DistrictHistoryKey key, DistrictHistory history)
    {
        var temporary = $"{Path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        try
        {
            Core.Files.PrivateFiles.CreateParent(Path);
            using (var file = Core.Files.PrivateFiles.Create(temporary))
            using (var w = new BinaryWriter(new BufferedStream(file, 1 << 16), Encoding.UTF8))
            {
                w.Write(Magic);
                w.Write(Layout);
                w.Write(key.ToString());
                // Each column looks at the string it numbered last first (StringTable.Last): rows of one household share
                // its id, and the store's reads share the few distinct values, so most rows need no hashing.
                var ids = new StringTable();
                StringTable.Last id = default, dong = default, housing = default, tenure = default, indicator = default;
                foreach (var v in history.Versions) ids.Of(v.HouseholdId, ref id);
                foreach (var c in history.Crisis) ids.Of(c.HouseholdId, ref id);
                var values = new StringTable();
                foreach (var v in history.Versions) { values.Of(v.Dong, ref dong); values.Of(v.HousingType, ref housing); values.Of(v.Tenure, ref tenure); }
                foreach (var c in history.Crisis) values.Of(c.Indicator, ref indicator);
                ids.WriteTo(w);
                values.WriteTo(w);

                w.Write(history.Versions.Count);
                foreach (var h in history.Versions)
                {
                    // No contact details: a district's versions do not carry them, and the file keeps what the load gives.
                    w.Write(ids.Of(h.HouseholdId, ref id));
                    w.Write(values.Of(h.Dong, ref dong));
                    w.Write(h.HeadBirthYear);
                    w.Write((byte)h.HeadSex);
                    w.Write(h.Members);
                    w.Write(h.ChildrenUnder2);
                    WriteFlag(w, h.SingleParent);
                    WriteFlag(w, h.Pregnant);
                    WriteFlag(w, h.Disability);
                    w.Write(values.Of(h.HousingType, ref housing));
                    w.Write(values.Of(h.Tenure, ref tenure));
                    w.Write(h.MovedIn.DayNumber);
                    w.Write(h.BasicLivelihood);
                    w.Write(h.CaseManaged);
                    w.Write(h.SnapshotDate.DayNumber);
                }
                w.Write(history.Crisis.Count);
                foreach (var c in history.Crisis)
                {
                    w.Write(ids.Of(c.HouseholdId, ref id));
                    w.Write(c.Month.DayNumber);
                    w.Write(values.Of(c.Indicator, ref indicator));
                    w.Write(c.Value);
                    w.Write(c.KnownCode);
                }
                w.Write(Magic);
                w.Flush();
                file.Flush(flushToDisk: true);
            }
            File.Move(temporary, Path, overwrite: true);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            logger.LogWarning("Could not keep the district history for the next run ({ErrorType}): that run reads it from the store", e.GetType().Name);
            TryDelete(temporary);
            return false;
        }
    }

    /// <summary>Removes the file (retention's purge: the names it held must not outlive the store's), after any write started
    /// before (which would otherwise put the file back).</summary>
    public Task Delete()
    {
        lock (gate)
        {
            var before = keeping;
            return keeping = Task.Run(async () =>
            {
                await Settled(before);
                TryDelete(Path);
            });
        }
    }

    void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (DirectoryNotFoundException)
        {
            // no folder, so no file: nothing was left behind
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Left for the next write to replace (its key no longer matches the store); until then it still holds personal data.
            logger.LogWarning("Could not delete a district history file ({ErrorType}): it stays until the next write replaces it", e.GetType().Name);
        }
    }

    /// <summary>Distinct strings numbered in order of first use.</summary>
    sealed class StringTable
    {
        readonly Dictionary<string, int> index = new(StringComparer.Ordinal);
        readonly List<string> values = [];

        /// <summary>The string a column numbered last, and its number.</summary>
        public record struct Last(string? Value, int Number);

        /// <summary><see cref="Of(string)"/>, answered without hashing when <paramref name="value"/> is the very string the
        /// column numbered last (the same number: a string's number never changes).</summary>
        public int Of(string value, ref Last last)
        {
            if (ReferenceEquals(last.Value, value)) return last.Number;
            var number = Of(value);
            last = new Last(value, number);
            return number;
        }

        public int Of(string value)
        {
            if (index.TryGetValue(value, out var i)) return i;
            index[value] = values.Count;
            values.Add(value);
            return values.Count - 1;
        }

        public void WriteTo(BinaryWriter w)
        {
            w.Write(values.Count);
            foreach (var v in values) w.WriteText(v);
        }
    }

    /// <summary>A count no larger than the file could hold (a damaged file must not ask for gigabytes).</summary>
    static int Count(BinaryInput r, FileStream file)
    {
        var n = r.ReadInt32();
        return n >= 0 && n <= file.Length ? n : throw new FormatException();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static bool? ReadFlag(BinaryInput r) => r.ReadByte() switch { 0 => null, 1 => false, 2 => true, _ => throw new FormatException() };

    static void WriteFlag(BinaryWriter w, bool? flag) => w.Write((byte)(flag is null ? 0 : flag.Value ? 2 : 1));
}
