using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using BlindSpot.Model.Registry;
using BlindSpot.Model.UseCases;
using BlindSpot.Cli.Hosting;
using BlindSpot.Cli.Terminal;
using BlindSpot.Core.Storage;

namespace BlindSpot.Cli.Commands;

/// <summary>`models [--card VERSION] [--db DB] [--json]`: the registry with key metrics, or one model's card.</summary>
internal static class ModelsCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var card = new Option<string?>("--card") { Description = "Print this version's model card (Markdown; JSON with --json)." };
        var db = CommonOptions.Db();
        var json = CommonOptions.Json();
        var command = new Command("models", "Lists the model registry (champion / challenger / retired) with key metrics, or prints a model card.")
        {
            card, db, json,
        };
        command.SetAction(async (parse, ct) =>
        {
            await using var app = await CliServices.StartAsync(error, new Dictionary<string, string?>([CommonOptions.DbFlag(parse, db)]), ct);
            if (app is null) return CliApp.UsageError;
            var store = app.Get<IBlindSpotStore>();
            var registry = app.Get<ModelRegistryService>();
            if (parse.GetValue(card) is { } version)
            {
                if (parse.GetValue(json))
                {
                    var record = (await store.ListModelsAsync(ct)).FirstOrDefault(m => m.Version == version);
                    if (record is null) { await error.WriteLineAsync($"모델 저장소에 그런 버전이 없습니다: {version}. `blindspot models`로 버전을 보세요."); return CliApp.Failed; }
                    await output.WriteLineAsync(record.CardJson);
                    return CliApp.Ok;
                }
                var markdown = await registry.CardMarkdownAsync(version, ct);
                if (markdown is null) { await error.WriteLineAsync($"모델 저장소에 그런 버전이 없습니다: {version}. `blindspot models`로 버전을 보세요."); return CliApp.Failed; }
                await output.WriteAsync(markdown);
                return CliApp.Ok;
            }

            var models = await registry.ListAsync(ct);
            if (parse.GetValue(json))
            {
                await output.WriteLineAsync(JsonSerializer.Serialize(models, CommonOptions.JsonStyle));
                return CliApp.Ok;
            }
            if (models.Count == 0) { await output.WriteLineAsync("No models yet: run `train`."); return CliApp.Ok; }
            var inv = CultureInfo.InvariantCulture;
            var table = new ConsoleTable().Column("version").Column("status").Column("as of").Column("trained at")
                .Column("AUC", numeric: true).Column("P@k", numeric: true).Column("rules", numeric: true).Column("tips", numeric: true)
                .Column("beats").Column("fair!", numeric: true);
            foreach (var m in models)
                table.Row(m.Version, m.Status.ToString().ToLowerInvariant(), m.AsOf.ToString("yyyy-MM-dd", inv), m.TrainedAt.ToString("yyyy-MM-dd HH:mm", inv),
                    F(m.Auc), F(m.PrecisionAtK), F(m.RulesPrecisionAtK), F(m.TipsPrecisionAtK), m.BeatsBaselines == true ? "yes" : "NO",
                    m.FairnessFlagged?.ToString(inv) ?? "-");
            await output.WriteAsync(table.Render());
            return CliApp.Ok;
        });
        return command;
    }

    static string F(double? v) => v?.ToString("F3", CultureInfo.InvariantCulture) ?? "-";
}
