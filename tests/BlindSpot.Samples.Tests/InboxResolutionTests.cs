using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using BlindSpot.Core.Contract;
using BlindSpot.Core.Domain;
using BlindSpot.Core.Ingest;
using BlindSpot.Csv.Ingest;
using BlindSpot.Resolution;
using BlindSpot.Resolution.Registry;
using BlindSpot.Samples.Measurement;

namespace BlindSpot.Samples.Tests;

/// <summary>
/// Tip resolution over real generated files (issue 11, eleventh pass): the registry index held in arrays of structs
/// resolves the committed samples' tips exactly as the index of objects did, and resolving a file's tips side by side
/// (<see cref="TipResolver.ResolveAll"/>, which the CSV reader asks for once a file is read) gives every tip, note and
/// quarantined row what linking them one by one gives, in the same order.
/// </summary>
public sealed class InboxResolutionTests
{
    // What the bench's `resolve-inbox data-samples` printed before the index was held in arrays and tips were resolved
    // side by side (main at 1722595, its dump with the dong lines first: docs/benchmarks.md, eleventh pass). A change
    // to how tips are resolved changes it on purpose: update it from `resolve-inbox`, and say why in docs/ingest.md.
    const string ResolvedBefore = "075eb0b459915120a4bdf9f42793305f713ba00d77d0de5a04687884f7275ef5";

    static readonly DateTime Now = new(2026, 11, 5, 0, 0, 0);

    [Fact]
    public void TheCommittedSamplesResolveAsBeforeTheIndexWasHeldInArrays()
    {
        var (asRead, linked) = Digest(registry => new TipResolver(new RegistryIndex(registry.Households.Values)));
        Assert.Equal(ResolvedBefore, asRead);
        Assert.True(linked > 600, $"{linked} tips linked");
        // Through the kept copy (what a daily run's index is built from: the index's own parts kept): the same.
        var (kept, _) = Digest(registry =>
        {
            var copy = KeptRegistry.Write(registry.Households.Values, new RegistryIndex(registry.Households.Values));
            Assert.True(KeptRegistry.TryReadIndexed(copy, out var households, out KeptIndex parts, out _));
            return new TipResolver(RegistryIndex.FromKept(households, parts));
        });
        Assert.Equal(ResolvedBefore, kept);
        // And an index built anew from the copy's households with its addresses taken apart (a context whose households
        // changed after the copy was read): the same.
        var (rebuilt, _) = Digest(registry =>
        {
            var copy = KeptRegistry.Write(registry.Households.Values, new RegistryIndex(registry.Households.Values));
            Assert.True(KeptRegistry.TryRead(copy, out var households, out RegistryAddresses addresses, out _));
            return new TipResolver(new RegistryIndex(households, addresses));
        });
        Assert.Equal(ResolvedBefore, rebuilt);
    }

    [Fact]
    public void AFilesTipsLinkedSideBySideAreTheTipsLinkedOneByOne()
    {
        var context = Registry();
        var sideBySide = 0;
        foreach (var name in Files().Where(f => Feeds.FromFileName(f) is Feed.TipsHotline or Feed.TipsOfficer))
        {
            var bytes = File.ReadAllBytes(Path.Combine(Samples, name));
            var identity = IngestFileReader.Identity(name, bytes);
            var together = IngestFileReader.Read(name, bytes, identity, context, Now, tips: ResolverCache.Linker(context));
            var oneByOne = IngestFileReader.Read(name, bytes, identity, context, Now, tips: new OneByOne(ResolverCache.Linker(context)));
            Assert.Equal(Render(oneByOne), Render(together));
            if (together.Tips.Count >= 16) sideBySide++;
            context.Include(together);
        }
        // Most files have enough tips to be resolved side by side.
        Assert.True(sideBySide >= 10, $"{sideBySide} files resolved side by side");
    }

    [Fact]
    public void ResolvingSideBySideGivesEachTipWhatResolvingItAloneGives()
    {
        var sample = ResolutionSample.Draw(new SampleOptions { Households = 6000, Seed = 7 }, 3000, 7);
        var registry = sample.Registry.GroupBy(h => h.HouseholdId).ToDictionary(g => g.Key, g => g.MaxBy(h => h.SnapshotDate)!);
        var alone = new TipResolver(new RegistryIndex(registry.Values));
        var evidence = sample.Tips.Select(t => new TipEvidence(t.Address, t.DongGiven ? t.Dong : alone.Index.InferDong(t.Address), t.DongGiven,
            t.SubjectName, t.Phone, Note: t.Note, ReporterType: t.ReporterType)).ToList();
        var expected = evidence.Select(alone.Resolve).ToList();
        // A fresh index, so that its lookups (roads, names, unit shares, large buildings) are filled by the threads at once.
        var together = new TipResolver(new RegistryIndex(registry.Values)).ResolveAll(evidence);
        Assert.Equal(expected.Count, together.Length);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].Status, together[i].Status);
            Assert.Equal(expected[i].HouseholdId, together[i].HouseholdId);
            Assert.Equal(expected[i].Method, together[i].Method);
            Assert.Equal(expected[i].Confidence, together[i].Confidence);
            Assert.Equal(expected[i].Candidates, together[i].Candidates);
        }
        Assert.True(expected.Count(r => r.Status == TipLinkStatus.Linked) > 1500);
    }

    static string Samples => Path.Combine(RepositoryRoot(), "data-samples");

    static List<string> Files() => Directory.EnumerateFiles(Samples, "*.csv").Select(f => Path.GetFileName(f)!).Order(StringComparer.Ordinal).ToList();

    /// <summary>A context holding the samples' registry (their snapshots in date order, as ingest commits them).</summary>
    static IngestContext Registry()
    {
        var context = new IngestContext();
        foreach (var name in Files().Where(f => Feeds.FromFileName(f) == Feed.Households))
        {
            var bytes = File.ReadAllBytes(Path.Combine(Samples, name));
            context.Include(IngestFileReader.Read(name, bytes, IngestFileReader.Identity(name, bytes), context, Now));
        }
        return context;
    }

    /// <summary>
    /// The bench's digest (<c>resolve-inbox</c>): every tips file read by the real reader and its tips resolved by the
    /// resolver made for the registry, then a SHA-256 of the dongs inferred and of every resolution, to full precision.
    /// </summary>
    static (string Digest, int Linked) Digest(Func<IngestContext, TipResolver> resolverFor)
    {
        var context = Registry();
        var linker = new Recording(resolverFor(context));
        foreach (var name in Files().Where(f => Feeds.FromFileName(f) is Feed.TipsHotline or Feed.TipsOfficer))
        {
            var bytes = File.ReadAllBytes(Path.Combine(Samples, name));
            context.Include(IngestFileReader.Read(name, bytes, IngestFileReader.Identity(name, bytes), context, Now, tips: linker));
        }
        var text = string.Join('\n', linker.Dongs.Concat(linker.Resolutions));
        return (Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text))), linker.Linked);
    }

    sealed class Recording(TipResolver resolver) : ITipLinker
    {
        public List<string> Dongs { get; } = [];
        public List<string> Resolutions { get; } = [];
        public int Linked { get; private set; }

        public string? InferDong(string address)
        {
            var dong = resolver.Index.InferDong(address);
            Dongs.Add($"dong\t{dong ?? "-"}");
            return dong;
        }

        public Tip Link(Tip tip, bool dongGiven) => LinkAll([tip], [dongGiven])[0];

        public IReadOnlyList<Tip> LinkAll(IReadOnlyList<Tip> tips, IReadOnlyList<bool> dongGiven)
        {
            var resolved = resolver.ResolveAll(tips.Select((t, i) => TipEvidence.Of(t, dongGiven[i])).ToList());
            var inv = CultureInfo.InvariantCulture;
            for (var i = 0; i < tips.Count; i++)
            {
                var r = resolved[i];
                if (r.Status == TipLinkStatus.Linked) Linked++;
                Resolutions.Add(string.Create(inv, $"{tips[i].Source}\t{tips[i].TipId}\t{r.Status}\t{r.HouseholdId ?? "-"}\t{r.Method}\t{r.Confidence:R}\t") +
                    string.Join(' ', r.Candidates.Select(c => string.Create(inv, $"{c.HouseholdId}:{c.Probability:R}:{c.Method}"))));
            }
            return tips.Select((t, i) => resolved[i].ApplyTo(t, resolver.Index.NewestSnapshot)).ToList();
        }
    }

    /// <summary>A linker that links one tip at a time, in order (ITipLinker's own LinkAll), through another.</summary>
    sealed class OneByOne(ITipLinker inner) : ITipLinker
    {
        public string? InferDong(string address) => inner.InferDong(address);
        public Tip Link(Tip tip, bool dongGiven) => inner.Link(tip, dongGiven);
    }

    /// <summary>Everything a batch stores and says, field by field (a tip's candidates by value).</summary>
    static string Render(IngestBatch batch)
    {
        var inv = CultureInfo.InvariantCulture;
        var f = batch.File;
        var text = new StringBuilder(string.Create(inv, $"{f.RowsRead} {f.Accepted} {f.Duplicate} {f.Quarantined} {f.RejectedReason}\n"));
        foreach (var note in f.Notes) text.Append(note).Append('\n');
        foreach (var t in batch.Tips)
            text.Append(string.Create(inv, $"{t with { Candidates = [] }} {string.Join(' ', t.Candidates)} {string.Join(' ', t.RejectedCandidates)}\n"));
        foreach (var q in batch.Quarantine) text.Append(q).Append('\n');
        return text.ToString();
    }

    static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "BlindSpot.sln"))) return dir.FullName;
        throw new InvalidOperationException("BlindSpot.sln not found above the test binaries");
    }
}
