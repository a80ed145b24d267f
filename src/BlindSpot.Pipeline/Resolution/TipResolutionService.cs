using BlindSpot.Core.Domain;
using BlindSpot.Core.Ingest;
using BlindSpot.Core.Storage;
using Microsoft.Extensions.Logging;

namespace BlindSpot.Pipeline.Resolution;

/// <summary>What came of a staff decision on a tip.</summary>
public enum TipDecision
{
    /// <summary>The tip is now linked to the household (method <see cref="MatchMethod.Confirmed"/>, confidence 1).</summary>
    Linked,
    /// <summary>The household is no longer a candidate for the tip, and never will be again.</summary>
    Rejected,
    UnknownTip,
    /// <summary>The household is neither a candidate of the tip nor known to the registry.</summary>
    UnknownHousehold,
    /// <summary>The tip is not of the dong whose staff decide: nothing changed.</summary>
    OtherDong,
    /// <summary>The household is not of the dong whose staff decide: nothing changed.</summary>
    HouseholdOfOtherDong,
}

/// <summary>What a retry after a new registry snapshot did.</summary>
public sealed record TipRetryReport(int Tried, int Linked, int Candidates, DateOnly? Snapshot);

/// <summary>
/// Tip resolution after ingest: open tips (candidates or unresolved) are resolved again when a newer registry snapshot
/// has arrived since they were last tried, and dong staff confirm or reject candidates (the web's dong screen calls
/// <see cref="ListOpenAsync"/>, <see cref="ConfirmAsync"/> and <see cref="RejectAsync"/>). Linking happens at ingest
/// (the CSV reader links each tip row through the same port, <see cref="ITipResolution.Linker"/>).
/// </summary>
public sealed class TipResolutionService(IBlindSpotStore store, ILogger logger, ITipResolution resolution)
{
    /// <summary>
    /// Resolves again every open tip last tried against a registry snapshot older than the newest one the
    /// <paramref name="context"/> holds (or never tried). Safe to run twice: a tip tried against the newest snapshot is
    /// not tried again. A lazy context that has not read the registry yet reads it only when a tip must be tried again
    /// (the newest snapshot date is asked of the store), so a daily run without a snapshot does not read it for this.
    /// </summary>
    public async Task<TipRetryReport> RetryAsync(IngestContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        DateOnly newest;
        if (context.Holds(IngestContextParts.Registry))
        {
            if (context.Households.Count == 0) return new TipRetryReport(0, 0, 0, null);
            newest = DateOnly.MinValue;
            foreach (var h in context.Households.Values) if (h.SnapshotDate > newest) newest = h.SnapshotDate;
        }
        else if (await store.LoadNewestSnapshotDateAsync(ct) is { } stored) newest = stored;
        else return new TipRetryReport(0, 0, 0, null);
        var stale = (await store.LoadOpenTipsAsync(null, ct)).Where(t => t.ResolvedAgainst is null || t.ResolvedAgainst < newest).ToList();
        // The registry index is built only when there is something to try again (a daily run without a snapshot skips it).
        if (stale.Count == 0) return new TipRetryReport(0, 0, 0, newest);
        await context.EnsureAsync(IngestContextParts.Registry, ct);
        var resolved = resolution.ResolveAgain(context, stale, newest);
        await store.UpdateTipLinksAsync(resolved, ct);
        var report = new TipRetryReport(resolved.Count, resolved.Count(t => t.HouseholdId is not null),
            resolved.Count(t => t.LinkStatus == TipLinkStatus.Candidates), newest);
        logger.LogInformation("Tried {Tried} open tips again against the registry snapshot of {Snapshot}: {Linked} linked, {Candidates} with candidates",
            report.Tried, newest, report.Linked, report.Candidates);
        return report;
    }

    /// <summary>The tips of a dong that are not linked (candidates first, then unresolved; oldest first within each).</summary>
    public async Task<IReadOnlyList<Tip>> ListOpenAsync(string dong, CancellationToken ct) =>
        (await store.LoadOpenTipsAsync(dong, ct)).OrderBy(t => t.LinkStatus == TipLinkStatus.Candidates ? 0 : 1).ToList();

    /// <summary>
    /// Dong staff say the tip is about <paramref name="householdId"/>: one of its candidates, or any household of the
    /// registry they found themselves. The tip is linked with method Confirmed and confidence 1.
    /// </summary>
    public Task<TipDecision> ConfirmAsync(TipSource source, string tipId, string householdId, CancellationToken ct) =>
        ConfirmAsync(null, source, tipId, householdId, ct);

    /// <summary>
    /// As <see cref="ConfirmAsync(TipSource, string, string, CancellationToken)"/> for the staff of <paramref name="dong"/>
    /// (null: any): they decide only on their own dong's tips, and link them only to their own dong's households.
    /// </summary>
    public async Task<TipDecision> ConfirmAsync(string? dong, TipSource source, string tipId, string householdId, CancellationToken ct)
    {
        if (await store.FindTipAsync(source, tipId, ct) is not { } tip) return TipDecision.UnknownTip;
        if (dong is not null && tip.Dong != dong) return TipDecision.OtherDong;
        var known = (await store.LoadIngestContextAsync(IngestContextParts.Registry, ct)).Households.GetValueOrDefault(householdId);
        if (!tip.Candidates.Contains(householdId) && known is null) return TipDecision.UnknownHousehold;
        if (dong is not null && known?.Dong != dong) return TipDecision.HouseholdOfOtherDong;
        await store.UpdateTipLinksAsync([tip with
        {
            HouseholdId = householdId, Match = MatchMethod.Confirmed, LinkConfidence = 1, Candidates = [],
            RejectedCandidates = tip.RejectedCandidates.Where(id => id != householdId).ToArray(),
        }], ct);
        logger.LogInformation("Tip {Source} {TipId} linked to household {HouseholdId} by dong staff", source, tipId, householdId);
        return TipDecision.Linked;
    }

    /// <summary>Dong staff say the tip is not about <paramref name="householdId"/>: it leaves the candidates for good.</summary>
    public Task<TipDecision> RejectAsync(TipSource source, string tipId, string householdId, CancellationToken ct) =>
        RejectAsync(null, source, tipId, householdId, ct);

    /// <summary>As <see cref="RejectAsync(TipSource, string, string, CancellationToken)"/> for the staff of <paramref name="dong"/> (null: any).</summary>
    public async Task<TipDecision> RejectAsync(string? dong, TipSource source, string tipId, string householdId, CancellationToken ct)
    {
        if (await store.FindTipAsync(source, tipId, ct) is not { } tip) return TipDecision.UnknownTip;
        if (dong is not null && tip.Dong != dong) return TipDecision.OtherDong;
        var unlink = tip.HouseholdId == householdId;
        if (!unlink && !tip.Candidates.Contains(householdId)) return TipDecision.UnknownHousehold;
        await store.UpdateTipLinksAsync([tip with
        {
            HouseholdId = unlink ? null : tip.HouseholdId,
            Match = unlink ? MatchMethod.None : tip.Match,
            LinkConfidence = unlink ? 0 : tip.LinkConfidence,
            Candidates = tip.Candidates.Where(id => id != householdId).ToArray(),
            RejectedCandidates = [.. tip.RejectedCandidates, householdId],
        }], ct);
        logger.LogInformation("Household {HouseholdId} rejected for tip {Source} {TipId} by dong staff", householdId, source, tipId);
        return TipDecision.Rejected;
    }
}
