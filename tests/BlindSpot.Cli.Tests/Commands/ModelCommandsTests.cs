using System.Text.Json;
using BlindSpot.Samples;
using BlindSpot.Testing;

namespace BlindSpot.Cli.Tests.Commands;

/// <summary>
/// The analyst's model commands with their options, on a real store of a generated district and real training:
/// train --no-promote, models (list, --card, --json), score, promote --by --reason and a mistyped version.
/// </summary>
public sealed class ModelCommandsTests : IDisposable
{
    readonly TempDir dir = new();
    string Db => dir.File("blindspot.db");

    public ModelCommandsTests() =>
        new DistrictGenerator(new SampleOptions { Households = 4000, Seed = 11, AsOf = new DateOnly(2026, 10, 30) }).WriteInbox(dir.File("inbox"));

    static JsonElement Json(Cli.Result r) => JsonDocument.Parse(r.Output).RootElement;

    [Fact]
    public async Task AChallengerTrainedWithoutPromotionScoresNothingUntilAnAnalystPromotesItAndTheCardSaysWhoAndWhy()
    {
        var ingest = await Cli.RunAsync("ingest", "--inbox", dir.File("inbox"), "--db", Db);
        Assert.True(ingest.ExitCode == 0, ingest.Output + ingest.Error);

        var train = await Cli.RunAsync("train", "--as-of", "2026-10-30", "--no-promote", "--json", "--db", Db);
        Assert.True(train.ExitCode == 0, train.Output + train.Error);
        var trained = Json(train);
        Assert.False(trained.GetProperty("promoted").GetBoolean());
        var version = trained.GetProperty("version").GetString()!;

        var list = await Cli.RunAsync("models", "--db", Db);
        Assert.Equal(0, list.ExitCode);
        Assert.Matches($@"(?m)^{System.Text.RegularExpressions.Regex.Escape(version)}\s+challenger\s+2026-10-30", list.Output);

        var unscored = await Cli.RunAsync("score", "--as-of", "2026-10-30", "--db", Db);
        Assert.Equal(1, unscored.ExitCode);
        Assert.StartsWith("점수를 매기지 않았습니다: 운영 모델이 아직 없습니다", unscored.Error);

        var mistyped = await Cli.RunAsync("promote", version + "x", "--db", Db);
        Assert.Equal(1, mistyped.ExitCode);
        Assert.Contains("등록된 모델 중에", mistyped.Error);

        var promote = await Cli.RunAsync("promote", version, "--by", "분석가A", "--reason", "검토 완료: 기준선보다 높음", "--db", Db);
        Assert.True(promote.ExitCode == 0, promote.Output + promote.Error);

        var card = Json(await Cli.RunAsync("models", "--card", version, "--json", "--db", Db));
        var promotion = Assert.Single(card.GetProperty("promotions").EnumerateArray());
        Assert.Equal(("분석가A", "검토 완료: 기준선보다 높음"), (promotion.GetProperty("by").GetString(), promotion.GetProperty("reason").GetString()));
        var markdown = await Cli.RunAsync("models", "--card", version, "--db", Db);
        Assert.Contains(version, markdown.Output);

        var listed = Json(await Cli.RunAsync("models", "--json", "--db", Db));
        Assert.Equal("champion", Assert.Single(listed.EnumerateArray()).GetProperty("status").GetString()!.ToLowerInvariant());

        var score = await Cli.RunAsync("score", "--as-of", "2026-10-30", "--json", "--db", Db);
        Assert.True(score.ExitCode == 0, score.Output + score.Error);
        var scored = Json(score);
        Assert.Equal(version, scored.GetProperty("model_version").GetString());
        Assert.True(scored.GetProperty("scored").GetInt32() > 0);
    }

    public void Dispose() => dir.Dispose();
}
