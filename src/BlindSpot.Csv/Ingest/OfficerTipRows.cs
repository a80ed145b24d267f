using BlindSpot.Core.Contract;
using BlindSpot.Core.Domain;

namespace BlindSpot.Csv.Ingest;

/// <summary>tips_officer*.csv (contract §2.3): tips of honorary social welfare officers, matched to households.</summary>
internal sealed class OfficerTipRows(Func<string, int> col) : IFeedRows
{
    readonly int tipId = col("tip_id"), receivedAt = col("received_at"), officerId = col("officer_id"), dong = col("dong"),
        address = col("address"), subjectName = col("subject_name"), phone = col("phone"), householdId = col("household_id"),
        category = col("category"), urgent = col("urgent"), note = col("note");

    public void Read(RowCheck v, FileSession s)
    {
        var id = v.Text(tipId, 64);
        var at = v.DateTime(receivedAt);
        var officer = v.Text(officerId, 64);
        var d = v.Dong(dong);
        var addr = v.Text(address, 300);
        var subject = v.OptText(subjectName, 100);
        var tel = v.Phone(phone);
        var givenId = v.OptId(householdId);
        var cat = v.OneOf(category, Vocabulary.TipCategories);
        var isUrgent = v.OptBool(urgent) ?? false;
        var text = v.Text(note, 2000);
        if (v.Failed) { s.QuarantineRow(v.Column, v.Reason!); return; }
        if (s.IsDuplicate(s.Context.OfficerTipIds, id)) return;

        var tip = new Tip(TipSource.Officer, id, at, officer, d, addr, subject, tel, null, MatchMethod.None, cat, isUrgent, text);
        if (givenId is not null && s.Context.Households.ContainsKey(givenId))
        {
            s.Tips.Add(tip with { HouseholdId = givenId, Match = MatchMethod.HouseholdId, LinkConfidence = 1 });
        }
        else
        {
            if (givenId is not null) s.Remark("세대 명부에 없는 세대ID가 적힌 제보 (주소로 찾음)");
            s.AddToLink(tip, dongGiven: true);
        }
        s.Accept();
    }
}
