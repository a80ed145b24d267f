namespace BlindSpot.Core.Worklists;

/// <summary>
/// The knobs of the worklist policy (docs/adr/0003-worklist-policy.md). Every default is written down
/// there with its reason; callers change them through configuration, never in code.
/// </summary>
public sealed record WorklistOptions
{
    /// <summary>Daily visits of a dong that capacity.csv does not list.</summary>
    public int DefaultDailyVisits { get; init; } = 5;

    /// <summary>Urgent (긴급) tips received this many calendar days before the worklist day, or fewer, go first.</summary>
    public int UrgentWindowDays { get; init; } = 7;

    /// <summary>Unvisited tips received this many calendar days before the worklist day, or fewer, are "recent".</summary>
    public int TipWindowDays { get; init; } = 30;

    /// <summary>
    /// False (default, docs/adr/0005-one-ranking.md): after urgent tips, tipped and untipped households are ranked together
    /// by the calibrated probability (tips are features of it). True: every recent tip before every model pick (the
    /// former policy, kept to compare in the simulation).
    /// </summary>
    public bool RecentTipsFirst { get; init; }

    /// <summary>Expected share of each list drawn at random from eligible, unlisted households (탐색).</summary>
    /// <remarks>2% since 2026-11-30 (was 5%): an exploration visit found about 1 household in 30, a ranked visit about
    /// 1 in 2 at 60,000 households (docs/adr/0003-worklist-policy.md, amendment).</remarks>
    public double ExplorationShare { get; init; } = 0.02;

    /// <summary>Salt mixed into the exploration seed (date + dong), so that a district can re-draw deliberately.</summary>
    public string ExplorationSalt { get; init; } = "blindspot";

    /// <summary>A household visited this many days ago or fewer, with nothing new since, is not listed.</summary>
    public int CoolOffDays { get; init; } = 90;

    /// <summary>A 부재 (nobody home) visit keeps the household off the lists for this many days; then it comes back.</summary>
    public int AbsentReturnDays { get; init; } = 3;

    /// <summary>After this many 부재 visits in a row (within the cool-off period) the last one counts as a completed visit.</summary>
    public int MaxAbsentVisits { get; init; } = 3;

    /// <summary>
    /// A household listed on a worklist of the last this-many business days and not visited since is skipped
    /// (unless it has an urgent tip), so that an unvisited entry does not crowd the list forever.
    /// </summary>
    public int RelistBusinessDays { get; init; } = 5;

    /// <summary>
    /// How many known months the rules score (the fallback's order and the 규칙점수 column) and the isolation signal
    /// look back at crisis indicators (<see cref="Contract.RulesScore"/>; the model's rules baseline keeps its default).
    /// </summary>
    public int RecentCrisisMonths { get; init; } = Contract.RulesScore.Months;

    /// <summary>
    /// Model picks (모델) only among households with a tip in the last <see cref="TipCountDays"/> days or a crisis
    /// indicator in the last <see cref="SignalMonths"/> months; households with neither come through exploration only.
    /// </summary>
    public bool ModelTierRequiresSignal { get; init; } = true;

    /// <summary>How far back a crisis indicator makes a household a candidate for a model pick, in months.</summary>
    public int SignalMonths { get; init; } = 3;

    /// <summary>How far back 제보건수 counts a household's tips, in days.</summary>
    public int TipCountDays { get; init; } = 365;

    /// <summary>위험점수 (0-100) at or above this is 높음.</summary>
    public int HighRiskFrom { get; init; } = 40;

    /// <summary>위험점수 (0-100) at or above this (and below <see cref="HighRiskFrom"/>) is 중간; below it 낮음.</summary>
    public int MediumRiskFrom { get; init; } = 15;

    /// <summary>Rules-score grades (fallback without a model): distinct recent indicators at or above these.</summary>
    public int RulesHighFrom { get; init; } = 3;
    public int RulesMediumFrom { get; init; } = 1;

    /// <summary>How many of the model's reasons an entry carries.</summary>
    public int MaxModelReasons { get; init; } = 3;

    public static WorklistOptions Default { get; } = new();

    /// <summary>Guard clauses for values read from configuration; null when valid, else a sentence naming the option.</summary>
    public string? Validate() =>
        DefaultDailyVisits < 0 ? "DefaultDailyVisits는 0 이상이어야 합니다."
        : UrgentWindowDays < 0 || TipWindowDays < 0 ? "UrgentWindowDays와 TipWindowDays는 0일 이상이어야 합니다."
        : ExplorationShare is < 0 or > 1 || double.IsNaN(ExplorationShare) ? "ExplorationShare는 0에서 1 사이여야 합니다."
        : CoolOffDays < 0 || AbsentReturnDays < 0 || MaxAbsentVisits < 1 || RelistBusinessDays < 0 ? "CoolOffDays, AbsentReturnDays, RelistBusinessDays는 0 이상, MaxAbsentVisits는 1 이상이어야 합니다."
        : MediumRiskFrom > HighRiskFrom || MediumRiskFrom < 0 || HighRiskFrom > 100 ? "위험 구간은 0 <= MediumRiskFrom <= HighRiskFrom <= 100이어야 합니다."
        : null;
}
