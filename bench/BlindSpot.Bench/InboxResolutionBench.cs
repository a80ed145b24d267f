using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using BlindSpot.Core.Contract;
using BlindSpot.Core.Domain;
using BlindSpot.Core.Files;
using BlindSpot.Core.Ingest;
using BlindSpot.Csv.Ingest;
using BlindSpot.Resolution;
using BlindSpot.Resolution.Registry;

namespace BlindSpot.Bench;

/// <summary>
/// Resolves every tip of an inbox (its hotline calls and officer tips, read by the real CSV readers) against the
/// registry of its household snapshots (the newest version of each household, in the order the files give them), as
/// ingest does, and prints one SHA-256 digest of every result: the dongs inferred for calls without one (in the order
/// asked), then each <see cref="TipResolution"/> (status, household, method, confidence to full precision, every
/// candidate with its probability and method; in the order read). Two builds of the resolver that print the same digest
/// resolve every tip of the inbox alike. (Builds before the eleventh pass of issue 11 printed the two interleaved, row by
/// row; their --dump, dong lines first, gives this digest: docs/benchmarks.md.) Every tip is also resolved again one by
/// one and side by side (<see cref="TipResolver.ResolveAll"/>), which must give the same.
/// With --kept the registry goes through the kept copy first (<see cref="KeptRegistry"/>: what a daily run reads). Prints
/// counts, CPU seconds and the digest, no personal data; --dump writes the result lines (tip and household ids only).
/// </summary>
internal static class InboxResolutionBench
{
    public static int Run(string inbox, DateTime nowKst, bool kept, int indexRepeat, string? dump)
    {
        var inv = CultureInfo.InvariantCulture;
        var files = Directory.EnumerateFiles(inbox, "*.csv").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        var context = new IngestContext();
        var cpu = Cpu();
        // Snapshots in date order (households_20260430 before households_20261030_part1), as ingest commits them.
        foreach (var name in files.Where(f => Feeds.FromFileName(f!) == Feed.Households))
        {
            var bytes = File.ReadAllBytes(Path.Combine(inbox, name!));
            context.Include(IngestFileReader.Read(name!, bytes, IngestFileReader.Identity(name!, bytes), context, nowKst));
        }
        var registryCpu = Cpu() - cpu;

        KeptIndex? keptIndex = null;
        IReadOnlyCollection<HouseholdRef> households = context.Households.Values;
        double keptCpu = 0;
        if (kept)
        {
            // What a daily run does: the copy the previous run kept (households and their index's parts), read back.
            var copy = KeptRegistry.Write(context.Households.Values, new RegistryIndex(context.Households.Values));
            cpu = Cpu();
            if (!KeptRegistry.TryReadIndexed(copy, out var read, out KeptIndex parts, out _)) throw new InvalidOperationException("the kept copy did not read back");
            keptCpu = Cpu() - cpu;
            (households, keptIndex) = (read, parts);
        }

        var indexCpus = new List<double>();
        var indexAllocated = new List<double>();
        var indexCollections = new List<int>();
        RegistryIndex? index = null;
        for (var i = 0; i < Math.Max(1, indexRepeat); i++)
        {
            cpu = Cpu();
            var allocated = GC.GetAllocatedBytesForCurrentThread();
            var collections = GC.CollectionCount(0);
            // From a kept copy: the index's parts as read (each repetition builds its own index from them).
            index = keptIndex is null ? new RegistryIndex(households) : RegistryIndex.FromKept((IReadOnlyList<HouseholdRef>)households, keptIndex);
            indexCpus.Add(Cpu() - cpu);
            indexAllocated.Add((GC.GetAllocatedBytesForCurrentThread() - allocated) / 1e6);
            indexCollections.Add(GC.CollectionCount(0) - collections);
        }
        var resolver = new TipResolver(index!);

        var linker = new RecordingLinker(resolver);
        cpu = Cpu();
        var tipFiles = 0;
        foreach (var name in files.Where(f => Feeds.FromFileName(f!) is Feed.TipsHotline or Feed.TipsOfficer))
        {
            var bytes = File.ReadAllBytes(Path.Combine(inbox, name!));
            var batch = IngestFileReader.Read(name!, bytes, IngestFileReader.Identity(name!, bytes), context, nowKst, tips: linker);
            context.Include(batch);
            tipFiles++;
        }
        var readCpu = Cpu() - cpu;
        // The resolver alone, warm (the index's road and name lookups cached): every tip again.
        var again = new TipResolver(index!);
        cpu = Cpu();
        foreach (var a in linker.Addresses) again.Index.InferDong(a);
        var watch = Stopwatch.StartNew();
        foreach (var e in linker.Evidence) again.Resolve(e);
        var resolveCpu = Cpu() - cpu;
        var resolveWall = watch.Elapsed.TotalSeconds;
        // And every tip once more, side by side (TipResolver.ResolveAll over all of them at once), which must give the same.
        cpu = Cpu();
        watch.Restart();
        var all = again.ResolveAll(linker.Evidence);
        var allWall = watch.Elapsed.TotalSeconds;
        var allCpu = Cpu() - cpu;
        for (var i = 0; i < all.Length; i++)
            if (Line(linker.Tips[i], all[i]) != linker.TipLines[i]) throw new InvalidOperationException($"tip {i} resolved otherwise side by side");

        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', linker.Lines)));
        var r = linker.Results;
        Console.WriteLine(string.Create(inv, $"registry {index!.Count:N0} households ({context.Households.Count:N0} read, {(kept ? "through the kept copy" : "as read")}); " +
            $"{tipFiles} tips files: {r.Count:N0} tips resolved ({linker.Inferred:N0} dongs inferred): linked {r.Count(x => x.Status == TipLinkStatus.Linked):N0}, " +
            $"candidates {r.Count(x => x.Status == TipLinkStatus.Candidates):N0}, unresolved {r.Count(x => x.Status == TipLinkStatus.Unresolved):N0}"));
        Console.WriteLine(string.Create(inv, $"cpu: registry files {registryCpu:F2} s{(kept ? $", kept copy read {keptCpu:F2} s" : "")}, " +
            $"index {string.Join(" / ", indexCpus.Select(c => c.ToString("F2", inv)))} s " +
            $"({string.Join(" / ", indexAllocated.Select(a => a.ToString("F0", inv)))} MB allocated, {string.Join(" / ", indexCollections)} gen0 collections), " +
            $"tips files read and resolved {readCpu:F2} s (resolving again {resolveCpu:F2} s, {resolveCpu * 1e6 / Math.Max(1, r.Count):F0} µs a tip, " +
            $"{resolveWall:F2} s of wall; side by side {allCpu:F2} s, {allWall:F2} s of wall, the same); load average {LoadAverage()}"));
        Console.WriteLine($"digest {Convert.ToHexStringLower(digest)}");
        if (dump is not null)
        {
            File.WriteAllLines(dump, linker.Lines);
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(dump, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        return 0;
    }

    /// <summary>
    /// Links as ingest's linker does (<see cref="ResolverCache"/>: a file's tips side by side, <see cref="TipResolver.ResolveAll"/>)
    /// and records every answer in the order read.
    /// </summary>
    sealed class RecordingLinker(TipResolver resolver) : ITipLinker
    {
        // The dongs inferred, in the order asked; the tips' resolutions, in the order read.
        public List<string> DongLines { get; } = [];
        public List<string> TipLines { get; } = [];
        /// <summary>
        /// Every line: the dongs inferred, then the resolutions (a file's tips are linked once it is read, after its dongs
        /// are inferred: builds before that interleaved the two; their dumps, partitioned so, are these lines).
        /// </summary>
        public IEnumerable<string> Lines => DongLines.Concat(TipLines);
        public List<TipResolution> Results { get; } = [];
        public int Inferred { get; private set; }
        public List<TipEvidence> Evidence { get; } = [];
        public List<Tip> Tips { get; } = [];
        public List<string> Addresses { get; } = [];

        public string? InferDong(string address)
        {
            var dong = resolver.Index.InferDong(address);
            Addresses.Add(address);
            Inferred++;
            DongLines.Add($"dong\t{dong ?? "-"}");
            return dong;
        }

        public Tip Link(Tip tip, bool dongGiven) => LinkAll([tip], [dongGiven])[0];

        public IReadOnlyList<Tip> LinkAll(IReadOnlyList<Tip> tips, IReadOnlyList<bool> dongGiven)
        {
            var evidence = tips.Select((t, i) => TipEvidence.Of(t, dongGiven[i])).ToList();
            var resolved = resolver.ResolveAll(evidence);
            var linked = new Tip[tips.Count];
            for (var i = 0; i < linked.Length; i++)
            {
                var r = resolved[i];
                Evidence.Add(evidence[i]);
                Tips.Add(tips[i]);
                Results.Add(r);
                TipLines.Add(Line(tips[i], r));
                linked[i] = r.ApplyTo(tips[i], resolver.Index.NewestSnapshot);
            }
            return linked;
        }
    }

    static string Line(Tip tip, TipResolution r)
    {
        var inv = CultureInfo.InvariantCulture;
        return string.Create(inv, $"{tip.Source}\t{tip.TipId}\t{r.Status}\t{r.HouseholdId ?? "-"}\t{r.Method}\t{r.Confidence:R}\t") +
            string.Join(' ', r.Candidates.Select(c => string.Create(inv, $"{c.HouseholdId}:{c.Probability:R}:{c.Method}")));
    }

    static double Cpu() => Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;

    static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";
}
