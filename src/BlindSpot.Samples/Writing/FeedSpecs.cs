using BlindSpot.Core.Contract;
using BlindSpot.Samples.Population;
using K = BlindSpot.Samples.BrokenKind;

namespace BlindSpot.Samples.Writing;

/// <summary>The five input feeds of the contract: columns, Korean aliases, and the ways their rows get broken.</summary>
internal static class FeedSpecs
{
    static readonly string[] UnknownDongs = ["역삼동", "목1동", "가산동", "영등포3동", "구로2동", "상도동"];
    static readonly string[] LegalDongs = ["여의도동", "당산동", "신길동", "대림동", "양평동", "영등포동3가", "당산동4가"];
    static readonly string[] BadBooleans = ["O", "2", "있음", "N/A", "긴급"];

    static string DongBreak(K kind, FeedFile f) => kind switch
    {
        K.UnknownDong => f.Rng.Pick(UnknownDongs),
        K.LegalDong => f.Rng.Pick(LegalDongs),
        _ => f.Format.Dongs == DongForm.Long ? "신길제2동" : "신길2동",
    };

    static bool IsDong(K kind) => kind is K.UnknownDong or K.LegalDong or K.MergedDong;

    // ---- households -------------------------------------------------------------------------------------------
    public const int HId = 0, HDong = 1, HAddress = 2, HName = 3, HPhone = 4, HBirth = 5, HSex = 6, HMembers = 7, HInfants = 8,
        HSingleParent = 9, HPregnant = 10, HDisability = 11, HHousing = 12, HTenure = 13, HMovedIn = 14, HLivelihood = 15, HCaseManaged = 16;

    public static readonly FeedSpec Households = new(
        Feed.Households,
        ["household_id", "dong", "address", "head_name", "phone", "head_birth_year", "head_sex", "members", "children_under_2",
         "single_parent", "pregnant", "disability", "housing_type", "tenure", "moved_in", "basic_livelihood", "case_managed"],
        ["세대ID", "행정동", "주소", "세대주성명", "연락처", "세대주출생연도", "세대주성별", "세대원수", "만2세미만자녀수",
         "한부모", "임신", "장애", "주거형태", "점유형태", "전입일", "기초생활수급", "사례관리"],
        [K.ImpossibleDate, K.FutureDate, K.UnknownDong, K.LegalDong, K.MergedDong, K.EmptyRequired, K.BadEnum, K.OutOfRange,
         K.NegativeValue, K.BadBoolean, K.WrongFieldCount],
        Key: null,
        Break: (kind, template, f) =>
        {
            var r = (string?[])template.Clone();
            r[HId] = $"YDP-9{++f.Fresh:D6}";
            var rng = f.Rng;
            switch (kind)
            {
                case K.ImpossibleDate: r[HMovedIn] = f.Format.ImpossibleDate(rng.Int(1995, f.AsOf.Year - 1), rng); break;
                case K.FutureDate: r[HMovedIn] = f.Format.Date(f.AsOf.AddYears(5).AddDays(rng.Int(0, 300))); break;
                case var d when IsDong(d): r[HDong] = DongBreak(d, f); break;
                case K.EmptyRequired: r[rng.Pick([HAddress, HName, HHousing, HMovedIn, HBirth, HTenure])] = ""; break;
                case K.BadEnum:
                    switch (rng.Int(0, 2))
                    {
                        case 0: r[HHousing] = rng.Pick(["빌라", "원룸", "오피스텔"]); break;
                        case 1: r[HTenure] = rng.Pick(["반전세", "사글세"]); break;
                        default: r[HSex] = rng.Pick(["X", "미상"]); break;
                    }
                    break;
                case K.OutOfRange:
                    switch (rng.Int(0, 2))
                    {
                        case 0: r[HMembers] = FileFormat.Int(rng.Int(21, 40)); break;
                        case 1: r[HBirth] = FileFormat.Int(rng.Chance(0.5) ? rng.Int(1850, 1895) : f.AsOf.Year + rng.Int(2, 30)); break;
                        default: r[HInfants] = FileFormat.Int(rng.Int(11, 15)); break;
                    }
                    break;
                case K.NegativeValue: r[rng.Chance(0.5) ? HMembers : HInfants] = "-1"; break;
                case K.BadBoolean: r[rng.Pick([HLivelihood, HCaseManaged, HSingleParent, HDisability])] = rng.Pick(BadBooleans); break;
            }
            return r;
        });

    // ---- crisis ---------------------------------------------------------------------------------------------
    public const int CId = 0, CMonth = 1, CIndicator = 2, CValue = 3;

    public static readonly FeedSpec Crisis = new(
        Feed.Crisis,
        ["household_id", "reference_month", "indicator", "value"],
        ["세대ID", "기준월", "위기정보", "값"],
        [K.UnknownHousehold, K.BadMonth, K.DuplicateInFile, K.NegativeValue, K.DuplicateAcrossFiles, K.EmptyRequired, K.FutureDate,
         K.UnknownHousehold, K.WrongFieldCount, K.DuplicateAcrossFiles],
        Key: r => $"{r[CId]}|{r[CMonth]}|{CrisisIndicators.Canonicalize(r[CIndicator] ?? "", out _)}",
        Break: (kind, template, f) =>
        {
            var r = (string?[])template.Clone();
            var rng = f.Rng;
            // A code this household has no row for this month, so the broken row never shares a valid row's key.
            for (var attempt = 0; attempt < 40; attempt++)
            {
                var code = rng.Pick(CrisisIndicators.Known);
                if (f.Keys.Contains($"{r[CId]}|{r[CMonth]}|{code}")) continue;
                r[CIndicator] = f.Format.KoreanValues ? CrisisIndicators.KoreanNames[code] : code;
                r[CValue] = CrisisIndicators.IsArrears(code) ? FileFormat.Int(rng.Int(1, 6)) : code == CrisisIndicators.FinDelinquency ? FileFormat.Int(rng.Int(10, 300) * 10_000) : "1";
                break;
            }
            switch (kind)
            {
                case K.UnknownHousehold: r[CId] = $"YDP-0{rng.Int(0, 999_999):D6}"; break;
                case K.BadMonth: r[CMonth] = $"{f.AsOf.Year - 1}-{rng.Pick(["13", "00", "14"])}"; break;
                case K.FutureDate: r[CMonth] = $"{f.AsOf.Year + 5}-{rng.Int(1, 12):D2}"; break;
                case K.NegativeValue: r[CValue] = "-" + r[CValue]; break;
                case K.EmptyRequired: r[rng.Pick([CValue, CIndicator, CMonth])] = ""; break;
            }
            if (kind is K.WrongFieldCount or K.TruncatedLastLine or K.NegativeValue or K.EmptyRequired && r[CId] is { } id && r[CMonth] is { Length: > 0 } month)
                f.Keys.Add($"{id}|{month}|{CrisisIndicators.Canonicalize(r[CIndicator] ?? "", out _)}");
            return r;
        });

    // ---- officer tips ---------------------------------------------------------------------------------------
    public const int OId = 0, OAt = 1, OOfficer = 2, ODong = 3, OAddress = 4, OName = 5, OPhone = 6, OHousehold = 7, OCategory = 8, OUrgent = 9, ONote = 10;

    public static readonly FeedSpec Officer = new(
        Feed.TipsOfficer,
        ["tip_id", "received_at", "officer_id", "dong", "address", "subject_name", "phone", "household_id", "category", "urgent", "note"],
        ["제보번호", "접수일시", "제보자ID", "행정동", "주소", "대상자성명", "대상자연락처", "세대ID", "유형", "긴급", "내용"],
        [K.ImpossibleDate, K.DuplicateInFile, K.FutureDate, K.UnknownDong, K.DuplicateAcrossFiles, K.LegalDong, K.MergedDong,
         K.EmptyRequired, K.BadEnum, K.BadBoolean, K.WrongFieldCount],
        Key: r => r[OId],
        Break: (kind, template, f) =>
        {
            var r = (string?[])template.Clone();
            var rng = f.Rng;
            r[OId] = $"OT-{f.AsOf.Year}-9{++f.Fresh:D5}";
            var time = $" {rng.Int(9, 18):D2}:{rng.Int(0, 59):D2}";
            switch (kind)
            {
                case K.ImpossibleDate: r[OAt] = FileFormat.Plain.ImpossibleDate(f.AsOf.Year - rng.Int(0, 1), rng) + time; break;
                case K.FutureDate: r[OAt] = $"{f.AsOf.Year + 5}-{rng.Int(1, 12):D2}-{rng.Int(1, 28):D2}" + time; break;
                case var d when IsDong(d): r[ODong] = DongBreak(d, f); break;
                case K.EmptyRequired: r[rng.Pick([OAt, OOfficer, OAddress, OCategory, ONote])] = ""; break;
                case K.BadEnum: r[OCategory] = rng.Pick(["생활", "긴급", "복지", "기타사항"]); break;
                case K.BadBoolean: r[OUrgent] = rng.Pick(BadBooleans); break;
            }
            return r;
        });

    // ---- hotline calls --------------------------------------------------------------------------------------
    public const int LId = 0, LAt = 1, LReporter = 2, LDong = 3, LAddress = 4, LName = 5, LUrgent = 6, LNote = 7;

    public static readonly FeedSpec Hotline = new(
        Feed.TipsHotline,
        ["call_id", "called_at", "reporter_type", "dong", "address", "subject_name", "urgent", "note"],
        ["접수번호", "접수일시", "신고자유형", "행정동", "주소", "대상자성명", "긴급", "내용"],
        [K.HotlineWithoutDong, K.ImpossibleDate, K.DuplicateInFile, K.FutureDate, K.UnknownDong, K.DuplicateAcrossFiles, K.LegalDong,
         K.MergedDong, K.EmptyRequired, K.BadEnum, K.BadBoolean, K.WrongFieldCount],
        Key: r => r[LId],
        Break: (kind, template, f) =>
        {
            var r = (string?[])template.Clone();
            var rng = f.Rng;
            var id = r[LId] ?? "HL00000000-000";
            r[LId] = $"{id[..Math.Min(10, id.Length)]}-X{++f.Fresh:D3}";
            var time = $" {rng.Int(9, 18):D2}:{rng.Int(0, 59):D2}";
            switch (kind)
            {
                case K.ImpossibleDate: r[LAt] = FileFormat.Plain.ImpossibleDate(f.AsOf.Year - rng.Int(0, 1), rng) + time; break;
                case K.FutureDate: r[LAt] = $"{f.AsOf.Year + 5}-{rng.Int(1, 12):D2}-{rng.Int(1, 28):D2}" + time; break;
                case var d when IsDong(d): r[LDong] = DongBreak(d, f); break;
                case K.EmptyRequired: r[rng.Pick([LAt, LReporter, LAddress, LNote])] = ""; break;
                case K.BadEnum: r[LReporter] = rng.Pick(["택배기사", "경찰", "주민센터", "미상"]); break;
                case K.BadBoolean: r[LUrgent] = rng.Pick(BadBooleans); break;
                case K.HotlineWithoutDong:
                    r[LDong] = "";
                    r[LAddress] = rng.Pick(["역 근처 고시원 3층", "시장 뒤편 빌라 반지하", "편의점 옆 골목 2층 집", "큰길 건너 원룸 건물 4층", "교회 맞은편 다세대 지하"]);
                    break;
            }
            return r;
        });

    // ---- visit outcomes -------------------------------------------------------------------------------------
    public const int VId = 0, VDay = 1, VResult = 2, VServices = 3, VWorker = 4;

    public static readonly FeedSpec Outcomes = new(
        Feed.Outcomes,
        ["household_id", "visited_on", "result", "services", "worker_id"],
        ["세대ID", "방문일", "결과", "연계서비스", "담당자ID"],
        [K.ImpossibleDate, K.DuplicateInFile, K.BadEnum, K.DuplicateAcrossFiles, K.FutureDate, K.EmptyRequired, K.WrongFieldCount],
        Key: r => $"{r[VId]}|{r[VDay]}",
        Break: (kind, template, f) =>
        {
            var r = (string?[])template.Clone();
            var rng = f.Rng;
            // A nearby earlier day for the same household, so the broken row never shares a valid row's key.
            var day = f.Format.ParseDate(template[VDay]!).AddDays(-1);
            for (var attempt = 0; attempt < 40 && f.Keys.Contains($"{r[VId]}|{f.Format.Date(day)}"); attempt++) day = day.AddDays(-1);
            r[VDay] = f.Format.Date(day);
            f.Keys.Add($"{r[VId]}|{r[VDay]}");
            switch (kind)
            {
                case K.ImpossibleDate: r[VDay] = f.Format.ImpossibleDate(f.AsOf.Year - rng.Int(0, 1), rng); break;
                case K.FutureDate: r[VDay] = f.Format.Date(f.AsOf.AddYears(5).AddDays(rng.Int(0, 300))); break;
                case K.BadEnum: r[VResult] = rng.Pick(["완료", "방문", "해당", "DONE"]); break;
                case K.EmptyRequired: r[rng.Pick([VId, VDay, VResult, VWorker])] = ""; break;
            }
            return r;
        });
}
