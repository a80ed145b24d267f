using System.Globalization;
using BlindSpot.Core.Contract;
using BlindSpot.Samples.Population;
using BlindSpot.Samples.World;

namespace BlindSpot.Samples.Writing;

/// <summary>
/// Writes one day of the continued district into a view's inbox, as the upstream systems would drop it that day:
/// the day's officer tips and hotline calls (<c>tips_officer_&lt;yyyyMMdd&gt;.csv</c>, <c>tips_hotline_&lt;yyyyMMdd&gt;.csv</c>),
/// and on a month's last day that month's crisis rows (<c>crisis_&lt;yyyyMM&gt;.csv</c>) and the registry snapshot of the
/// day (<c>households_&lt;yyyyMMdd&gt;.csv</c>, moves in and out and the view's case management included). The export forms
/// rotate like the first inbox's; the rows are valid (broken rows are the first inbox's business).
/// </summary>
internal static class DayWriter
{
    static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static List<string> Write(Continuation world, ViewState view, SimDay day, string directory)
    {
        Directory.CreateDirectory(directory);
        var district = world.District;
        var cal = district.Calendar;
        var d = day.Day;
        var rng = world.RngFor(d, 10);
        var names = new List<string>();
        var index = d.DayNumber - cal.AsOf.DayNumber;

        var officer = day.Tips.Where(t => t.Source == Core.Domain.TipSource.Officer && view.Receives(t)).ToList();
        if (officer.Count > 0)
        {
            var fmt = InboxWriter.OfficerFormat(index);
            var name = string.Create(Inv, $"tips_officer_{d:yyyyMMdd}.csv");
            using var file = new FeedFile(directory, name, new FeedState(FeedSpecs.Officer), fmt, officer.Count, false, rng, d, clean: true);
            foreach (var t in officer) file.Good(InboxWriter.OfficerRow(district, t, fmt, rng));
            file.Finish();
            names.Add(name);
        }

        var calls = day.Tips.Where(t => t.Source == Core.Domain.TipSource.Hotline && view.Receives(t)).ToList();
        if (calls.Count > 0)
        {
            var fmt = InboxWriter.HotlineFormat(index);
            var name = string.Create(Inv, $"tips_hotline_{d:yyyyMMdd}.csv");
            using var file = new FeedFile(directory, name, new FeedState(FeedSpecs.Hotline), fmt, calls.Count, false, rng, d, clean: true);
            foreach (var t in calls) file.Good(InboxWriter.HotlineRow(t, fmt, rng));
            file.Finish();
            names.Add(name);
        }

        if (day.CrisisMonth is { } rows)
        {
            var m = cal.MonthOf(d);
            var fmt = InboxWriter.CrisisFormat(m);
            var month = cal.MonthStart(m).ToString("yyyy'-'MM", Inv);
            var name = string.Create(Inv, $"crisis_{cal.MonthStart(m):yyyyMM}.csv");
            using (var file = new FeedFile(directory, name, new FeedState(FeedSpecs.Crisis), fmt, rows.Count, false, rng, d, clean: true))
            {
                foreach (var r in rows) InboxWriter.WriteCrisisRow(file, district, r, month, fmt);
                file.Finish();
            }
            names.Add(name);

            var living = district.Households.Where(h => h.LivesHereOn(d)).OrderBy(h => h.Id, StringComparer.Ordinal).ToList();
            var hfmt = (m % 2 == 0) ? new FileFormat(FileEncoding.Utf8Bom) : new FileFormat(FileEncoding.Cp949, KoreanHeaders: true, Shuffle: true,
                Dates: DateForm.Dots, Bools: BoolForm.Korean, Dongs: DongForm.Long, Crlf: true, KoreanValues: true);
            var hname = string.Create(Inv, $"households_{d:yyyyMMdd}.csv");
            using (var file = new FeedFile(directory, hname, new FeedState(FeedSpecs.Households), hfmt, living.Count, false, rng, d, clean: true))
            {
                foreach (var h in living) file.Good(InboxWriter.HouseholdRow(h, hfmt, rng, h.LivelihoodOn(d), view.CaseManagedOn(h, d)));
                file.Finish();
            }
            names.Add(hname);
        }
        return names;
    }
}
