using BlindSpot.Core.Domain;
using BlindSpot.Core.Ingest;
using BlindSpot.Resolution;

namespace BlindSpot.Csv.Ingest;

public static class IngestContextExtensions
{
    /// <summary>
    /// Adds the keys and households of a committed batch, so later files of the same run see them (duplicates
    /// across files; crisis rows and tips of households registered by an earlier file of the run).
    /// </summary>
    public static void Include(this IngestContext context, IngestBatch batch)
    {
        foreach (var h in batch.Households)
        {
            context.HouseholdSnapshotKeys.Add(IngestKeys.Household(h.HouseholdId, h.SnapshotDate));
            if (!context.Households.TryGetValue(h.HouseholdId, out var known) || known.SnapshotDate <= h.SnapshotDate)
                context.Households[h.HouseholdId] = new HouseholdRef(h.HouseholdId, h.Dong, h.Address, h.HeadName, h.SnapshotDate, h.Phone, h.HeadSex, h.HeadBirthYear,
                    h.Members, h.ChildrenUnder2, h.SingleParent == true, h.Pregnant == true, h.HousingType);
        }
        if (batch.Households.Count > 0) ResolverCache.Invalidate(context);
        foreach (var c in batch.Crisis) context.CrisisKeys.Add(IngestKeys.Crisis(c.HouseholdId, c.Month, c.Indicator));
        foreach (var t in batch.Tips)
            (t.Source == TipSource.Officer ? context.OfficerTipIds : context.HotlineCallIds).Add(t.TipId);
        foreach (var (type, rows) in batch.Rows.All)
        {
            var keys = context.KeysOf(type);
            foreach (var row in rows) keys.Add(((IFeedRow)row).Key);
        }
        foreach (var o in batch.Outcomes.Concat(batch.OutcomeCorrections))
        {
            var key = IngestKeys.Outcome(o.HouseholdId, o.VisitedOn);
            context.OutcomeKeys.Add(key);
            context.OutcomeResults[key] = o.Result;
        }
    }
}
