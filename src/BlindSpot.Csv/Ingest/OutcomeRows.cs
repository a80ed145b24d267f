using BlindSpot.Core.Domain;
using BlindSpot.Core.Ingest;
using BlindSpot.Core.Outcomes;

namespace BlindSpot.Csv.Ingest;

/// <summary>
/// outcomes*.csv (contract §2.5): results of home visits, one per household and day. How a row meets what is stored
/// (new, duplicate, correction, conflict, unknown household) is decided by <see cref="OutcomeAdmission"/>.
/// </summary>
internal sealed class OutcomeRows(Func<string, int> col) : IFeedRows
{
    readonly int id = col("household_id"), visitedOn = col("visited_on"), result = col("result"),
        services = col("services"), workerId = col("worker_id"), correction = col("correction");

    // The latest result of each key accepted from this file (a later row of the file is judged against it).
    readonly Dictionary<string, VisitResult> inFile = new(StringComparer.Ordinal);

    public void Read(RowCheck v, FileSession s)
    {
        var householdId = v.Id(id);
        var day = v.EventDate(visitedOn);
        var rawResult = v.Text(result, 40);
        var parsed = v.Failed ? null : VisitResults.Parse(rawResult);
        if (!v.Failed && parsed is null)
            v.Fail(result, "방문 결과 값이 아닙니다 (발굴, 비해당, 부재, 거부, 기존지원 또는 DISCOVERED, NOT_IN_CRISIS, ABSENT, REFUSED, ALREADY_SUPPORTED).");
        var svc = v.OptText(services, 500);
        var worker = v.Text(workerId, 64);
        var isCorrection = v.OptBool(correction) ?? false;
        if (v.Failed) { s.QuarantineRow(v.Column, v.Reason!); return; }

        var outcome = new Outcome(householdId, day, parsed!.Value, svc, worker);
        var key = IngestKeys.Outcome(householdId, day);
        VisitResult? known = inFile.TryGetValue(key, out var earlier) ? earlier
            : s.Context.OutcomeResults.TryGetValue(key, out var stored) ? stored
            : s.Context.OutcomeKeys.Contains(key) ? parsed.Value // a key without a known result: taken as the same
            : null;
        var decision = OutcomeAdmission.Decide(s.Context, outcome, isCorrection, known);
        switch (decision)
        {
            case OutcomeDecision.UnknownHousehold:
                s.QuarantineRow("household_id", OutcomeAdmission.UnknownHouseholdReason);
                return;
            case OutcomeDecision.Conflict:
                s.QuarantineRow("result", OutcomeAdmission.ConflictReason);
                return;
            case OutcomeDecision.Duplicate:
                s.CountDuplicate();
                return;
            case OutcomeDecision.Correction:
                // Applied after the file's new rows, so a correction of a row of the same file works too.
                inFile[key] = outcome.Result;
                s.OutcomeCorrections.Add(outcome);
                s.Remark("정정된 방문 결과 (이전 결과는 이력에 보관)");
                s.Accept();
                return;
            default:
                inFile[key] = outcome.Result;
                s.FileKeys.Add(key);
                if (isCorrection) s.Remark("정정 표시가 있지만 이전 결과가 없어 새로 저장한 방문 결과");
                s.Outcomes.Add(outcome);
                s.Accept();
                return;
        }
    }
}
