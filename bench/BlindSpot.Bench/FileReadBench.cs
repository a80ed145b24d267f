using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using BlindSpot.Core.Contract;
using BlindSpot.Core.Ingest;
using BlindSpot.Csv.Ingest;
using BlindSpot.Resolution;

namespace BlindSpot.Bench;

/// <summary>
/// Reads files of an inbox with the contract's reader as ingest reads them (the snapshots first, in date order, each
/// included in the context; the other files against that registry, each on a copy of it so every repetition reads the
/// same), several times each, and prints per file the fastest and the median wall time, the bytes allocated by one read
/// and a SHA-256 digest of everything the read gave (the ledger line, every row, every quarantined row): two builds
/// that print the same digests read the files alike. No value is printed.
/// </summary>
internal static class FileReadBench
{
    public static int Run(string inbox, IReadOnlyList<string> names, int repeat, DateTime nowKst)
    {
        var inv = CultureInfo.InvariantCulture;
        var registry = new IngestContext();
        var all = names.Count > 0 ? names : Directory.EnumerateFiles(inbox, "*.csv").Select(f => Path.GetFileName(f)!).ToList();
        foreach (var name in all.OrderBy(n => Feeds.FromFileName(n) == Feed.Households ? 0 : 1).ThenBy(n => n, StringComparer.Ordinal))
        {
            var bytes = File.ReadAllBytes(Path.Combine(inbox, name));
            var identity = IngestFileReader.Identity(name, bytes);
            var isSnapshot = Feeds.FromFileName(name) == Feed.Households;
            var times = new List<double>();
            long allocated = 0;
            string digest = "";
            IngestBatch? last = null;
            for (var r = 0; r < Math.Max(1, repeat); r++)
            {
                // A snapshot against the keys before it (none of its own date); any other file against the registry.
                var context = isSnapshot ? new IngestContext() : Copy(registry);
                var before = GC.GetAllocatedBytesForCurrentThread();
                var watch = Stopwatch.StartNew();
                last = IngestFileReader.Read(name, bytes, identity, context, nowKst, tips: ResolverCache.Linker(context));
                times.Add(watch.Elapsed.TotalMilliseconds);
                allocated = GC.GetAllocatedBytesForCurrentThread() - before;
                digest = Digest(last);
            }
            if (isSnapshot) registry.Include(last!);
            times.Sort();
            Console.WriteLine(string.Create(inv,
                $"{name,-34} {bytes.Length / 1e6,6:F1} MB  min {times[0],7:F0} ms  median {times[times.Count / 2],7:F0} ms  allocated {allocated / 1e6,6:F0} MB  " +
                $"{last!.File.RowsRead} rows  digest {digest}"));
        }
        return 0;
    }

    static IngestContext Copy(IngestContext registry)
    {
        var copy = new IngestContext();
        foreach (var (id, h) in registry.Households) copy.Households[id] = h;
        return copy;
    }

    static string Digest(IngestBatch b)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        void Add(object o) => hash.AppendData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(o) + "\n"));
        Add(b.File with { IngestedAt = default });
        foreach (var h in b.Households) Add(h);
        foreach (var c in b.Crisis) Add(c);
        foreach (var t in b.Tips) Add(t);
        foreach (var o in b.Outcomes) Add(o);
        foreach (var o in b.OutcomeCorrections) Add(o);
        foreach (var q in b.Quarantine) Add(q);
        return Convert.ToHexStringLower(hash.GetHashAndReset())[..16];
    }
}
