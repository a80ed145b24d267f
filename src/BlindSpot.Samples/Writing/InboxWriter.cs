using System.Globalization;
using System.Text;
using BlindSpot.Core.Contract;
using BlindSpot.Core.Domain;
using BlindSpot.Samples.Population;
using BlindSpot.Samples.World;
using static BlindSpot.Samples.Writing.FeedSpecs;

namespace BlindSpot.Samples.Writing;

/// <summary>
/// Writes the district as the upstream systems would drop it: two registry snapshots (the newer in two parts),
/// monthly crisis files, quarterly officer tips, monthly hotline logs, quarterly visit outcomes, and the two
/// configuration files. Each file gets its own export quirks (see <see cref="FileFormat"/>).
/// </summary>
internal sealed class InboxWriter(District district, string directory, Rng rng)
{
    static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    readonly SimCalendar cal = district.Calendar;
    readonly List<SampleFile> files = [];

    public List<SampleFile> Write()
    {
        WriteHouseholds();
        WriteCrisis();
        WriteOfficerTips();
        WriteHotline();
        WriteOutcomes();
        WriteConfiguration();
        return files;
    }

    void WriteHouseholds()
    {
        var state = new FeedState(FeedSpecs.Households);
        var first = cal.FirstSnapshot;
        var old = district.Households.Where(h => h.LivesHereOn(first)).OrderBy(h => h.Id, StringComparer.Ordinal).ToList();
        var now = district.Households.Where(h => h.LivesHereOn(cal.AsOf)).OrderBy(h => h.Id, StringComparer.Ordinal).ToList();
        var part1 = now.Where(h => h.Dong < 9).ToList();
        var part2 = now.Where(h => h.Dong >= 9).ToList();

        // The older snapshot comes from the district's Windows export: CP949, Korean headers and values, 제 forms.
        Households(state, $"households_{first:yyyyMMdd}.csv", old, first, new FileFormat(FileEncoding.Cp949, KoreanHeaders: true, Shuffle: true,
            Dates: DateForm.Dots, Bools: BoolForm.Korean, Dongs: DongForm.Long, Crlf: true, ExtraColumn: "비고", KoreanValues: true), last: false);
        Households(state, $"households_{cal.AsOf:yyyyMMdd}_part1.csv", part1, cal.AsOf, new FileFormat(FileEncoding.Utf8Bom), last: false);
        Households(state, $"households_{cal.AsOf:yyyyMMdd}_part2.csv", part2, cal.AsOf, new FileFormat(FileEncoding.Utf8, Shuffle: true,
            Dates: DateForm.Compact, Bools: BoolForm.OneZero, Dongs: DongForm.SomeSpaced), last: true);
    }

    void Households(FeedState state, string name, List<SimHousehold> rows, DateOnly snapshot, FileFormat fmt, bool last)
    {
        using var file = new FeedFile(directory, name, state, fmt, rows.Count, last, rng, cal.AsOf);
        foreach (var h in rows) file.Good(HouseholdRow(h, fmt, rng, h.LivelihoodOn(snapshot), h.CaseManagedOn(snapshot)));
        files.Add(file.Finish());
    }

    /// <summary>A registry row; this export form leaves optional columns empty when unknown or zero (1/0 booleans).</summary>
    internal static string?[] HouseholdRow(SimHousehold h, FileFormat fmt, Rng rng, bool livelihood, bool caseManaged)
    {
        var sparse = fmt.Bools == BoolForm.OneZero;
        return [
            h.Id, fmt.Dong(DongProfile.All[h.Dong].Dong, rng), h.Address.Registry(), h.HeadName, Phone(rng, h.Phone),
            FileFormat.Int(h.BirthYear), fmt.Sex(h.Sex), FileFormat.Int(h.Members),
            sparse && h.ChildrenUnder2 == 0 && rng.Chance(0.5) ? "" : FileFormat.Int(h.ChildrenUnder2),
            sparse && !h.SingleParent && rng.Chance(0.3) ? "" : fmt.Bool(h.SingleParent),
            sparse && !h.Pregnant && rng.Chance(0.3) ? "" : fmt.Bool(h.Pregnant),
            fmt.Bool(h.Disability), h.Housing, h.Tenure, fmt.Date(h.MovedIn),
            fmt.Bool(livelihood), fmt.Bool(caseManaged),
        ];
    }

    static string? Phone(Rng rng, string? digits) => digits is null ? null : rng.Weighted([
        ($"{digits[..3]}-{digits[3..7]}-{digits[7..]}", 80.0), (digits, 15.0), ($"{digits[..3]} {digits[3..7]} {digits[7..]}", 5.0)]);

    void WriteCrisis()
    {
        var state = new FeedState(FeedSpecs.Crisis);
        for (var m = cal.FirstFeedMonth; m <= cal.LastFeedMonth; m++)
        {
            var i = m - cal.FirstFeedMonth;
            var fmt = CrisisFormat(i);
            var rows = district.Crisis[m];
            var month = cal.MonthStart(m).ToString("yyyy'-'MM", Inv);
            using var file = new FeedFile(directory, $"crisis_{cal.MonthStart(m):yyyyMM}.csv", state, fmt, rows.Count, m == cal.LastFeedMonth, rng, cal.AsOf);
            foreach (var r in rows) WriteCrisisRow(file, district, r, month, fmt);
            files.Add(file.Finish());
        }
    }

    internal static FileFormat CrisisFormat(int i) => (i % 4) switch
    {
        0 => new FileFormat(FileEncoding.Utf8),
        1 => new FileFormat(FileEncoding.Utf8Bom, KoreanHeaders: true, KoreanValues: true, Crlf: true),
        2 => new FileFormat(FileEncoding.Cp949, KoreanHeaders: true, Shuffle: true, Crlf: true),
        _ => new FileFormat(FileEncoding.Utf8, Shuffle: true),
    };

    internal static void WriteCrisisRow(FeedFile file, District district, CrisisRow r, string month, FileFormat fmt)
    {
        var known = CrisisIndicators.KoreanNames.TryGetValue(r.Code, out var korean);
        file.Good([district.Households[r.Household].Id, month, fmt.KoreanValues && known ? korean : r.Code, FileFormat.Decimal(r.Value)],
            unknownCode: !known);
    }

    bool InWindow(DateTime t) => DateOnly.FromDateTime(t) is var d && d >= cal.WindowStart && d <= cal.AsOf;

    void WriteOfficerTips()
    {
        var state = new FeedState(FeedSpecs.Officer);
        var tips = district.Tips.Where(t => t.Source == TipSource.Officer && InWindow(t.At)).ToList();
        var quarters = tips.GroupBy(t => (t.At.Year, Q: (t.At.Month - 1) / 3 + 1)).ToList();
        for (var i = 0; i < quarters.Count; i++)
        {
            var fmt = OfficerFormat(i);
            var q = quarters[i];
            using var file = new FeedFile(directory, $"tips_officer_{q.Key.Year}Q{q.Key.Q}.csv", state, fmt, q.Count(), i == quarters.Count - 1, rng, cal.AsOf);
            foreach (var t in q) file.Good(OfficerRow(district, t, fmt, rng));
            files.Add(file.Finish());
        }
    }

    internal static FileFormat OfficerFormat(int i) => (i % 5) switch
    {
        0 => new FileFormat(FileEncoding.Utf8Bom, KoreanHeaders: true),
        1 => new FileFormat(FileEncoding.Cp949, KoreanHeaders: true, Bools: BoolForm.Korean, Dongs: DongForm.Long, Crlf: true, Seconds: false),
        2 => new FileFormat(FileEncoding.Utf8, Shuffle: true, Bools: BoolForm.TrueFalse),
        3 => new FileFormat(FileEncoding.Utf8Bom, Bools: BoolForm.OneZero, Seconds: false),
        _ => new FileFormat(FileEncoding.Utf8Bom, KoreanHeaders: true, Dongs: DongForm.SomeSpaced),
    };

    internal static string?[] OfficerRow(District district, SimTip t, FileFormat fmt, Rng rng)
    {
        var h = district.Households[t.Household];
        return [
            t.Id, fmt.DateTime(t.At), t.OfficerId, fmt.Dong(DongProfile.All[t.Dong].Dong, rng), t.Address, t.SubjectName,
            Phone(rng, t.Phone), t.GivesHouseholdId ? h.Id : null, t.Category, fmt.Bool(t.Urgent), t.Note,
        ];
    }

    void WriteHotline()
    {
        var state = new FeedState(FeedSpecs.Hotline);
        var calls = district.Tips.Where(t => t.Source == TipSource.Hotline && InWindow(t.At)).ToList();
        var months = calls.GroupBy(t => (t.At.Year, t.At.Month)).ToList();
        for (var i = 0; i < months.Count; i++)
        {
            // The memo-pad system exports for Korean Excel; some months were re-saved by hand.
            var fmt = HotlineFormat(i);
            var month = months[i];
            var last = i == months.Count - 1;
            using var file = new FeedFile(directory, $"tips_hotline_{month.Key.Year}{month.Key.Month:D2}.csv", state, fmt, month.Count(), last, rng, cal.AsOf);
            foreach (var t in month) file.Good(HotlineRow(t, fmt, rng));
            files.Add(file.Finish(last ? Truncation.InsideQuote : Truncation.None));
        }
    }

    internal static FileFormat HotlineFormat(int i) => (i % 4) switch
    {
        0 or 1 => new FileFormat(FileEncoding.Utf8Bom, KoreanHeaders: true, Bools: BoolForm.Korean, Seconds: false),
        2 => new FileFormat(FileEncoding.Cp949, KoreanHeaders: true, Shuffle: true, Crlf: true, Dongs: DongForm.Long),
        _ => new FileFormat(FileEncoding.Utf8, Dongs: DongForm.SomeSpaced),
    };

    internal static string?[] HotlineRow(SimTip t, FileFormat fmt, Rng rng) => [
        t.Id, fmt.DateTime(t.At), t.ReporterType, t.DongGiven ? fmt.Dong(DongProfile.All[t.Dong].Dong, rng) : null, t.Address,
        t.SubjectName, fmt.Bool(t.Urgent), t.Note,
    ];

    void WriteOutcomes()
    {
        var state = new FeedState(FeedSpecs.Outcomes);
        var visits = district.Visits.Where(v => v.Day >= cal.WindowStart && v.Day <= cal.AsOf).ToList();
        var quarters = visits.GroupBy(v => (v.Day.Year, Q: (v.Day.Month - 1) / 3 + 1)).ToList();
        for (var i = 0; i < quarters.Count; i++)
        {
            var fmt = (i % 5) switch
            {
                0 => new FileFormat(FileEncoding.Utf8Bom, KoreanHeaders: true, KoreanValues: true),
                1 => new FileFormat(FileEncoding.Utf8, Dates: DateForm.Dots, KoreanValues: true),
                2 => new FileFormat(FileEncoding.Cp949, KoreanHeaders: true, Dates: DateForm.Slashes, KoreanValues: true, Crlf: true, Shuffle: true),
                3 => new FileFormat(FileEncoding.Utf8, Dates: DateForm.Compact),
                _ => new FileFormat(FileEncoding.Utf8Bom, KoreanHeaders: true, KoreanValues: true),
            };
            var q = quarters[i];
            var last = i == quarters.Count - 1;
            using var file = new FeedFile(directory, $"outcomes_{q.Key.Year}Q{q.Key.Q}.csv", state, fmt, q.Count(), last, rng, cal.AsOf);
            foreach (var v in q)
            {
                var result = fmt.KoreanValues ? VisitResults.Korean(v.Result) : Code(v.Result);
                file.Good([district.Households[v.Household].Id, fmt.Date(v.Day), result, v.Services, v.WorkerId]);
            }
            files.Add(file.Finish(last ? Truncation.MidField : Truncation.None));
        }
    }

    static string Code(VisitResult r) => r switch
    {
        VisitResult.Discovered => "DISCOVERED",
        VisitResult.NotInCrisis => "NOT_IN_CRISIS",
        VisitResult.Absent => "ABSENT",
        VisitResult.Refused => "REFUSED",
        _ => "ALREADY_SUPPORTED",
    };

    void WriteConfiguration()
    {
        var baseline = district.DiscoveriesIn(cal.BaselineYear);
        var sb = new StringBuilder("dong,year,discoveries\n");
        for (var d = 0; d < DongProfile.All.Count; d++)
            sb.Append(CultureInfo.InvariantCulture, $"{DongProfile.All[d].Dong},{cal.BaselineYear},{baseline[d]}\n");
        Plain("targets_baseline.csv", Feed.TargetsBaseline, sb.ToString(), DongProfile.All.Count);

        sb = new StringBuilder("dong,daily_visits\n");
        for (var d = 0; d < DongProfile.All.Count; d++)
            sb.Append(CultureInfo.InvariantCulture, $"{DongProfile.All[d].Dong},{district.DailyVisits[d]}\n");
        Plain("capacity.csv", Feed.Capacity, sb.ToString(), DongProfile.All.Count);
    }

    void Plain(string name, Feed feed, string text, int rows)
    {
        File.WriteAllText(Path.Combine(directory, name), text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        files.Add(new SampleFile(name, feed, "utf-8-bom", false, rows, rows, 0, 0, 0, [], new SortedDictionary<BrokenKind, int>()));
    }
}
