using BlindSpot.Core.Contract;
using BlindSpot.Core.Domain;
using BlindSpot.Core.Ingest;

namespace BlindSpot.Storage.Tests;

/// <summary>Test-data builders.</summary>
internal static class Some
{
    public static Household Household(string id, DateOnly snapshot, string dong = "도림동", bool caseManaged = false) => new(
        id, dong, "서울특별시 영등포구 도림로 12, 301호", "김철수", "010-1234-5678", 1966, Sex.M, 1, 0, null, false, null,
        "연립다세대", "월세", new DateOnly(2015, 3, 2), false, caseManaged, snapshot);

    public static Tip Tip(string id, DateTime at, string? householdId = "H1", bool urgent = false) => new(
        TipSource.Officer, id, at, "OFF-7", "도림동", "도림로 12 301호", "김철수", null, householdId,
        householdId is null ? MatchMethod.None : MatchMethod.Address, "고립", urgent, "우편물이 쌓여 있고 \"악취\"가 남, 며칠째 인기척 없음");

    public static FileLedgerEntry File(string sha, Feed feed = Feed.TipsOfficer, int accepted = 1) => new(
        sha, $"{Feeds.Name(feed)}_2026.csv", feed, "utf-8", accepted, accepted, 0, 0, null, ["extra column 'memo' ignored"],
        new DateTime(2026, 11, 1, 9, 0, 0));

    public static IngestBatch Batch(string sha, IReadOnlyList<Household>? households = null, IReadOnlyList<Tip>? tips = null,
        IReadOnlyList<CrisisRecord>? crisis = null, IReadOnlyList<Outcome>? outcomes = null, IReadOnlyList<QuarantinedRow>? quarantine = null) =>
        IngestBatch.Empty(File(sha)) with
        {
            Households = households ?? [],
            Tips = tips ?? [],
            Crisis = crisis ?? [],
            Outcomes = outcomes ?? [],
            Quarantine = quarantine ?? [],
        };
}
