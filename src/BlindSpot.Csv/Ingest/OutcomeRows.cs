using BlindSpot.Core.Domain;
using BlindSpot.Core.Ingest;

namespace BlindSpot.Csv.Ingest;

/// <summary>outcomes*.csv (contract §2.5): results of home visits, one per household and day.</summary>
internal sealed class OutcomeRows(Func<string, int> col) : IFeedRows
{
    readonly int id = col("household_id"), visitedOn = col("visited_on"), result = col("result"),
        services = col("services"), workerId = col("worker_id");

    public void Read(RowCheck v, FileSession s)
    {
        var householdId = v.Id(id);
        var day = v.Date(visitedOn);
        var rawResult = v.Text(result, 40);
        var parsed = v.Failed ? null : VisitResults.Parse(rawResult);
        if (!v.Failed && parsed is null)
            v.Fail(result, "방문 결과 값이 아닙니다 (발굴, 비해당, 부재, 거부, 기존지원 또는 DISCOVERED, NOT_IN_CRISIS, ABSENT, REFUSED, ALREADY_SUPPORTED).");
        var svc = v.OptText(services, 500);
        var worker = v.Text(workerId, 64);
        if (v.Failed) { s.QuarantineRow(v.Column, v.Reason!); return; }
        if (s.IsDuplicate(s.Context.OutcomeKeys, IngestKeys.Outcome(householdId, day))) return;

        if (!s.Context.Households.ContainsKey(householdId)) s.Remark("세대 명부에 없는 세대의 방문 결과 (저장함)");
        s.Outcomes.Add(new Outcome(householdId, day, parsed!.Value, svc, worker));
        s.Accept();
    }
}
