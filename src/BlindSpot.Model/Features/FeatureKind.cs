namespace BlindSpot.Model.Features;

/// <summary>What a numeric feature slot means: drives the plain-Korean reason phrase (never the slot name).</summary>
public enum FeatureKind
{
    Age, Male, OnePerson, Members, ChildrenUnder2, SingleParent, Pregnant, Disability, MiddleAgedManAlone, ElderlyAlone, Housing, Tenure,
    YearsSinceMovedIn, BasicLivelihood,
    CrisisRows, CrisisDistinct, LongestArrears, Cutoffs, FinDelinquency, UnknownCodes, Indicator,
    Tips, DaysSinceTip, OfficerTips, HotlineTips, UrgentTips, UnansweredTips, DaysSinceUnansweredTip, UnansweredUrgentTips,
    TipLinkConfidence, Reporter, Category, Lexicon,
    Visits, DaysSinceVisit, LastResult, AbsentVisits, DiscoveredBefore,
}

/// <summary>One numeric slot of the feature vector.</summary>
/// <param name="Name">Stable technical name (cards, docs); never shown to staff.</param>
/// <param name="Arg">Window in months/days, a category value, a crisis code or a lexicon phrase.</param>
public sealed record FeatureDef(string Name, FeatureKind Kind, string? Arg = null, int Window = 0);
