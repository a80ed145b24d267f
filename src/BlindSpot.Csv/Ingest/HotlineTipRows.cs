using BlindSpot.Core.Contract;
using BlindSpot.Core.Domain;

namespace BlindSpot.Csv.Ingest;

/// <summary>tips_hotline*.csv (contract §2.4): memo-pad hotline calls; a missing dong is inferred from the address.</summary>
internal sealed class HotlineTipRows(Func<string, int> col) : IFeedRows
{
    readonly int callId = col("call_id"), calledAt = col("called_at"), reporterType = col("reporter_type"), dong = col("dong"),
        address = col("address"), subjectName = col("subject_name"), urgent = col("urgent"), note = col("note");

    public void Read(RowCheck v, FileSession s)
    {
        var id = v.Text(callId, 64);
        var at = v.DateTime(calledAt);
        var reporter = v.OneOf(reporterType, Vocabulary.ReporterTypes);
        var given = v.OptDong(dong);
        var addr = v.Text(address, 300);
        var subject = v.OptText(subjectName, 100);
        var isUrgent = v.OptBool(urgent) ?? false;
        var text = v.Text(note, 2000);
        string? d = given;
        if (!v.Failed && d is null)
        {
            d = s.Linker.InferDong(addr);
            if (d is null) v.Fail(dong, "행정동이 비어 있고 주소로도 동을 알 수 없습니다. 행정동을 적어 주세요.");
        }
        if (v.Failed) { s.QuarantineRow(v.Column, v.Reason!); return; }
        if (s.IsDuplicate(s.Context.HotlineCallIds, id)) return;

        if (given is null) s.Remark("행정동이 비어 있어 주소로 동을 정한 신고");
        s.AddToLink(new Tip(TipSource.Hotline, id, at, reporter, d!, addr, subject, null, null, MatchMethod.None, null, isUrgent, text),
            dongGiven: given is not null);
        s.Accept();
    }
}
