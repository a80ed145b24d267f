using BlindSpot.Core.Contract;
using BlindSpot.Core.Domain;
using BlindSpot.Core.Ingest;
using BlindSpot.Core.Text;

namespace BlindSpot.Csv.Ingest;

/// <summary>crisis*.csv (contract §2.2): one row per household, month and indicator.</summary>
internal sealed class CrisisRows(Func<string, int> col) : IFeedRows
{
    readonly int id = col("household_id"), month = col("reference_month"), indicator = col("indicator"), value = col("value");

    public void Read(RowCheck v, FileSession s)
    {
        var householdId = v.Id(id);
        var m = v.Month(month);
        var rawIndicator = v.Text(indicator, 60);
        var amount = v.NonNegativeDecimal(value);
        if (!v.Failed && !s.Context.Households.ContainsKey(householdId))
            v.Fail(id, "세대 명부에 없는 세대ID입니다. 세대 명부(households)를 먼저 보내거나 세대ID를 확인해 주세요.");
        if (v.Failed) { s.QuarantineRow(v.Column, v.Reason!); return; }

        var code = CrisisIndicators.Canonicalize(rawIndicator, out var known);
        if (s.IsDuplicate(s.Context.CrisisKeys, IngestKeys.Crisis(householdId, m, code))) return;
        // Upstream adds crisis types every year: an unknown code is stored and reported, never quarantined.
        // The code is named only when it looks like a code: a value such as a name and a phone is never echoed.
        if (!known) s.Remark(TextGuard.LooksLikeCode(code) ? $"계약에 없는 위기정보 코드 '{code}' (저장함)" : "계약에 없는 위기정보 값, 코드 형식이 아님 (저장함)");
        s.Crisis.Add(new CrisisRecord(householdId, m, code, amount, known));
        s.Accept();
    }
}
