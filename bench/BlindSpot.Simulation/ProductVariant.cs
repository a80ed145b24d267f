using System.Globalization;
using BlindSpot.Core.Worklists;
using BlindSpot.Hosting.Composition;
using BlindSpot.Model.Training;
using BlindSpot.Pipeline.Worklists;

namespace BlindSpot.Simulation;

/// <summary>
/// The product with changed settings, played beside the product itself in the same world (an ablation, not a second
/// product): <c>model</c>, <c>model-tipsfirst</c>, or either followed by <c>:key=value</c> pairs, e.g.
/// <c>model:pool=all:neg=3:retrain=7</c>. Training keys (<see cref="TrainOptions"/>): <c>pool</c> (signal|all),
/// <c>neg</c> (sampled negatives per visit), <c>negw</c> (their weight), <c>trees</c>, <c>leaves</c>, <c>minleaf</c>,
/// <c>lr</c>, <c>ngram</c> (hashed n-gram bits), <c>maxw</c> (selection weight clip), <c>cal</c> (platt|isotonic), <c>learner</c> (auto|lightgbm|fasttree|logistic|gam), <c>l2</c>.
/// Worklist keys (<see cref="WorklistOptions"/>): <c>signal=0</c> (model picks also among households with no tip or
/// indicator), <c>explore</c> (exploration share). <c>retrain=N</c> retrains every N days as of the evening (default: weekly as of Saturday, like the jobs host). A variant with a
/// training key trains its own first model on day 0. <c>promote=always</c> (a diagnosis, not a policy) promotes every
/// retrained model that beats both baselines, without the champion comparison.
/// </summary>
internal sealed record ProductVariant(PipelineSettings Settings, int? RetrainDays, bool OwnFirstModel, bool PromoteAlways = false)
{
    static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static ProductVariant? Parse(string name)
    {
        var parts = name.Split(':');
        if (parts[0] is not (PolicyRun.Product or PolicyRun.ProductTipsFirst)) return null;
        var settings = parts[0] == PolicyRun.ProductTipsFirst
            ? PipelineSettings.Default with { Worklists = WorklistSettings.Default with { Policy = WorklistOptions.Default with { RecentTipsFirst = true } } }
            : PipelineSettings.Default;
        var t = settings.Training;
        int? retrain = null;
        var ownModel = false;
        var always = false;
        foreach (var pair in parts.Skip(1))
        {
            var kv = pair.Split('=', 2);
            if (kv.Length != 2) return null;
            var (k, v) = (kv[0], kv[1]);
            if (k == "retrain") { retrain = int.Parse(v, Inv); continue; }
            if (k == "promote") { always = v == "always"; continue; }
            if (k is "signal" or "explore")
            {
                var w = settings.Worklists;
                settings = settings with
                {
                    Worklists = w with
                    {
                        Policy = k == "signal"
                            ? w.Policy with { ModelTierRequiresSignal = v != "0" }
                            : w.Policy with { ExplorationShare = double.Parse(v, Inv) },
                    },
                };
                continue;
            }
            ownModel = true;
            t = k switch
            {
                "pool" => t with { SampledNegativePool = v },
                "neg" => t with { SampledNegativesPerVisit = double.Parse(v, Inv) },
                "negw" => t with { SampledNegativeWeight = double.Parse(v, Inv) },
                "trees" => t with { NumberOfTrees = int.Parse(v, Inv) },
                "leaves" => t with { NumberOfLeaves = int.Parse(v, Inv) },
                "minleaf" => t with { MinimumExampleCountPerLeaf = int.Parse(v, Inv) },
                "lr" => t with { LearningRate = double.Parse(v, Inv) },
                "ngram" => t with { NgramBits = int.Parse(v, Inv) },
                "ngramlen" => t with { NgramLength = int.Parse(v, Inv) },
                "maxw" => t with { MaxSelectionWeight = double.Parse(v, Inv) },
                "cal" => t with { Calibrator = v },
                "learner" => t with { Learner = v },
                "testdays" => t with { TestDays = int.Parse(v, Inv) },
                "caldays" => t with { CalibrationDays = int.Parse(v, Inv) },
                "l2" => t with { LogisticL2 = double.Parse(v, Inv) },
                "refit" => t with { RefitOnAllRows = v == "1" },
                _ => null!,
            };
            if (t is null) return null;
        }
        return new ProductVariant(settings with { Training = t }, retrain, ownModel, always);
    }
}
