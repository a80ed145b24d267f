using BlindSpot.Core.Contract;
using BlindSpot.Core.Domain;

namespace BlindSpot.Model.Features;

/// <summary>
/// The numeric part of the feature vector, in slot order. <see cref="FeatureBuilder"/> writes values in exactly
/// this order (a test checks named slots). Bump <see cref="Version"/> whenever the list or a meaning changes:
/// a model trained on another version cannot score (its card says which version it needs).
/// </summary>
public static class FeatureSchema
{
    /// <summary>
    /// fs-2: the warning-sign flags come from <see cref="WarningSigns"/> (one vocabulary with the worklist's tip phrase),
    /// plus the unanswered-tip slots (tips after the last completed visit) and the newest tip's link confidence.
    /// fs-3: the two groups public figures name (domain notes: men aged 50-69 are about half of lonely deaths; elderly
    /// people alone) as slots of their own, so that the trees need no three-way split to find them.
    /// </summary>
    public const string Version = "fs-3";

    public static readonly int[] CrisisWindowsMonths = [3, 6, 12];
    public static readonly int[] TipWindowsDays = [30, 90, 365];
    public static readonly VisitResult[] Results =
        [VisitResult.Discovered, VisitResult.NotInCrisis, VisitResult.Absent, VisitResult.Refused, VisitResult.AlreadySupported];

    /// <summary>Per-indicator values look back this many months (the latest known months).</summary>
    public const int IndicatorWindowMonths = 6;

    /// <summary>Sentinel for "never" in days-since features (no tip, no visit).</summary>
    public const float Never = 9999f;

    public static IReadOnlyList<FeatureDef> Numeric { get; } = Build();

    public static int Count => Numeric.Count;

    static List<FeatureDef> Build()
    {
        var f = new List<FeatureDef>
        {
            new("age", FeatureKind.Age),
            new("male", FeatureKind.Male),
            new("one_person", FeatureKind.OnePerson),
            new("members", FeatureKind.Members),
            new("children_under_2", FeatureKind.ChildrenUnder2),
            new("single_parent", FeatureKind.SingleParent),
            new("pregnant", FeatureKind.Pregnant),
            new("disability", FeatureKind.Disability),
            new("man_50_69_alone", FeatureKind.MiddleAgedManAlone),
            new("alone_65_plus", FeatureKind.ElderlyAlone),
        };
        f.AddRange(Vocabulary.HousingTypes.Select(h => new FeatureDef($"housing_{h}", FeatureKind.Housing, h)));
        f.AddRange(Vocabulary.Tenures.Select(t => new FeatureDef($"tenure_{t}", FeatureKind.Tenure, t)));
        f.Add(new("years_since_moved_in", FeatureKind.YearsSinceMovedIn));
        f.Add(new("basic_livelihood", FeatureKind.BasicLivelihood));
        foreach (var w in CrisisWindowsMonths)
        {
            f.Add(new($"crisis_rows_{w}m", FeatureKind.CrisisRows, Window: w));
            f.Add(new($"crisis_distinct_{w}m", FeatureKind.CrisisDistinct, Window: w));
            f.Add(new($"longest_arrears_{w}m", FeatureKind.LongestArrears, Window: w));
            f.Add(new($"cutoffs_{w}m", FeatureKind.Cutoffs, Window: w));
            f.Add(new($"fin_delinquency_krw_{w}m", FeatureKind.FinDelinquency, Window: w));
            f.Add(new($"unknown_codes_{w}m", FeatureKind.UnknownCodes, Window: w));
        }
        f.AddRange(CrisisIndicators.Known.Select(c => new FeatureDef($"ind_{c}_{IndicatorWindowMonths}m", FeatureKind.Indicator, c, IndicatorWindowMonths)));
        foreach (var w in TipWindowsDays) f.Add(new($"tips_{w}d", FeatureKind.Tips, Window: w));
        f.Add(new("days_since_last_tip", FeatureKind.DaysSinceTip));
        f.Add(new("officer_tips_365d", FeatureKind.OfficerTips, Window: 365));
        f.Add(new("hotline_tips_365d", FeatureKind.HotlineTips, Window: 365));
        f.Add(new("urgent_tips_90d", FeatureKind.UrgentTips, Window: 90));
        f.Add(new("unanswered_tips_365d", FeatureKind.UnansweredTips, Window: 365));
        f.Add(new("days_since_unanswered_tip", FeatureKind.DaysSinceUnansweredTip));
        f.Add(new("unanswered_urgent_tips_365d", FeatureKind.UnansweredUrgentTips, Window: 365));
        f.Add(new("last_tip_link_confidence", FeatureKind.TipLinkConfidence));
        f.AddRange(Vocabulary.ReporterTypes.Select(r => new FeatureDef($"reporter_{r}_365d", FeatureKind.Reporter, r, 365)));
        f.AddRange(Vocabulary.TipCategories.Select(c => new FeatureDef($"category_{c}_365d", FeatureKind.Category, c, 365)));
        f.AddRange(WarningSigns.All.Select((e, i) => new FeatureDef($"note_sign_{i:00}_365d", FeatureKind.Lexicon, e.Label, 365)));
        f.Add(new("visits", FeatureKind.Visits));
        f.Add(new("days_since_last_visit", FeatureKind.DaysSinceVisit));
        f.AddRange(Results.Select(r => new FeatureDef($"last_result_{r}", FeatureKind.LastResult, VisitResults.Korean(r))));
        f.Add(new("absent_visits_365d", FeatureKind.AbsentVisits, Window: 365));
        f.Add(new("discovered_before", FeatureKind.DiscoveredBefore));
        return f;
    }

    public static int IndexOf(string name)
    {
        for (var i = 0; i < Numeric.Count; i++) if (Numeric[i].Name == name) return i;
        throw new ArgumentException($"No feature named {name}.", nameof(name));
    }
}
