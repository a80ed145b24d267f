namespace BlindSpot.Core.Contract;

/// <summary>The crisis-information codes of contract §2.2 with their Korean names.</summary>
public static class CrisisIndicators
{
    public const string ElecCutoff = "ELEC_CUTOFF";
    public const string WaterCutoff = "WATER_CUTOFF";
    public const string GasCutoff = "GAS_CUTOFF";
    public const string ElecArrears = "ELEC_ARREARS";
    public const string WaterArrears = "WATER_ARREARS";
    public const string GasArrears = "GAS_ARREARS";
    public const string HealthInsArrears = "HEALTH_INS_ARREARS";
    public const string PensionArrears = "PENSION_ARREARS";
    public const string TelecomArrears = "TELECOM_ARREARS";
    public const string MgmtFeeArrears = "MGMT_FEE_ARREARS";
    public const string PublicRentArrears = "PUBLIC_RENT_ARREARS";
    public const string FinDelinquency = "FIN_DELINQUENCY";
    public const string DebtAdjSuspended = "DEBT_ADJ_SUSPENDED";
    public const string JobLoss = "JOB_LOSS";
    public const string BizClosure = "BIZ_CLOSURE";
    public const string CatastrophicMedical = "CATASTROPHIC_MEDICAL";
    public const string HeadDeath = "HEAD_DEATH";
    public const string FireDamage = "FIRE_DAMAGE";
    public const string SelfHarm = "SELF_HARM";
    public const string PensionEmergencyLoan = "PENSION_EMERGENCY_LOAN";

    /// <summary>Code -> Korean name, in contract order.</summary>
    public static readonly IReadOnlyDictionary<string, string> KoreanNames = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [ElecCutoff] = "단전", [WaterCutoff] = "단수", [GasCutoff] = "단가스",
        [ElecArrears] = "전기요금체납", [WaterArrears] = "수도요금체납", [GasArrears] = "가스요금체납",
        [HealthInsArrears] = "건강보험료체납", [PensionArrears] = "국민연금체납", [TelecomArrears] = "통신비체납",
        [MgmtFeeArrears] = "공동주택관리비체납", [PublicRentArrears] = "공공임대임대료체납", [FinDelinquency] = "금융연체",
        [DebtAdjSuspended] = "채무조정중지", [JobLoss] = "고용위기", [BizClosure] = "휴폐업",
        [CatastrophicMedical] = "재난적의료비", [HeadDeath] = "세대주사망", [FireDamage] = "화재피해",
        [SelfHarm] = "자해자살시도", [PensionEmergencyLoan] = "노후긴급자금대부",
    };

    /// <summary>
    /// Short names of the arrears codes as staff say them ("전기요금 3개월 체납"): every *_ARREARS code has one (a test
    /// holds them to it), so a reason names the bill and its months.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> ArrearsShortNames = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [ElecArrears] = "전기요금", [WaterArrears] = "수도요금", [GasArrears] = "가스요금", [HealthInsArrears] = "건강보험료",
        [PensionArrears] = "국민연금", [TelecomArrears] = "통신비", [MgmtFeeArrears] = "관리비", [PublicRentArrears] = "공공임대 임대료",
    };

    /// <summary>The codes in contract order (the model has a slot for each: a new code needs a new feature-schema version).</summary>
    public static IReadOnlyList<string> Known { get; } = KoreanNames.Keys.ToArray();

    static readonly Dictionary<string, string> ByKorean =
        KoreanNames.ToDictionary(kv => kv.Value, kv => kv.Key, StringComparer.Ordinal);

    /// <summary>True for the *_ARREARS codes, whose value is months in arrears.</summary>
    public static bool IsArrears(string code) => code.EndsWith("_ARREARS", StringComparison.Ordinal);

    /// <summary>True for the three utility cut-offs.</summary>
    public static bool IsCutoff(string code) => code is ElecCutoff or WaterCutoff or GasCutoff;

    /// <summary>
    /// Maps a raw indicator (code or Korean name, any case, trimmed) to its canonical code. An unknown code
    /// comes back upper-cased with <paramref name="known"/> false: the contract stores and reports it.
    /// </summary>
    public static string Canonicalize(string raw, out bool known)
    {
        var trimmed = raw.Trim();
        if (ByKorean.TryGetValue(trimmed.Replace(" ", ""), out var code)) { known = true; return code; }
        var upper = trimmed.ToUpperInvariant();
        known = KoreanNames.ContainsKey(upper);
        return upper;
    }
}
