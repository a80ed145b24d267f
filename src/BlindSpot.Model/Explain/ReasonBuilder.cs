using BlindSpot.Model.Features;
using Microsoft.ML.Data;

namespace BlindSpot.Model.Explain;

/// <summary>
/// Turns one row's feature contributions (ML.NET <c>CalculateFeatureContribution</c> on the boosted trees) into its top
/// reasons: positive contributions only (a reason raises the risk), summed per fact (<see cref="Reason.Fact"/>: age, sex
/// and one-person are one person; the longest arrears and the bill's own arrears are one arrears; every tip slot and the
/// note n-grams are one tip history), each fact named once by the phrase of its largest contribution.
/// </summary>
public static class ReasonBuilder
{
    public static IReadOnlyList<string> TopReasons(HouseholdFeatures f, in VBuffer<float> contributions, int top)
    {
        var byFact = new Dictionary<string, (float Total, float Best, string Text)>(StringComparer.Ordinal);
        void Add(Reason r, float c)
        {
            var (total, best, text) = byFact.GetValueOrDefault(r.Fact);
            byFact[r.Fact] = c > best ? (total + c, c, r.Text) : (total + c, best, text);
        }

        var values = contributions.GetValues();
        var indices = contributions.GetIndices();
        var numeric = FeatureSchema.Numeric;
        float text = 0;
        for (var k = 0; k < values.Length; k++)
        {
            var c = values[k];
            if (!(c > 0)) continue;
            var slot = contributions.IsDense ? k : indices[k];
            if (slot >= numeric.Count) { text += c; continue; }
            if (ReasonPhrases.Of(numeric[slot], f.Values[slot], f) is { } reason) Add(reason, c);
        }
        // The note n-grams say "the notes read like crisis": part of the tip history.
        if (text > 0 && ReasonPhrases.TipHistory(f) is { } tips) Add(new Reason(ReasonPhrases.TipFact, tips), text);

        return byFact.Values.OrderByDescending(x => x.Total).ThenBy(x => x.Text, StringComparer.Ordinal)
            .Select(x => x.Text).Distinct(StringComparer.Ordinal).Take(top).ToArray();
    }
}
