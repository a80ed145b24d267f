using BlindSpot.Model.Features;
using Microsoft.ML.Data;

namespace BlindSpot.Model.Explain;

/// <summary>
/// Turns one row's feature contributions (ML.NET <c>CalculateFeatureContribution</c> on the boosted trees) into its
/// top reasons: positive contributions only, slots that say the same thing merged into one phrase (age, sex and
/// one-person become "1인 가구 60대 남성"), hashed note n-grams taken together as one reason named after the warning
/// sign the notes mention most ("제보: 우편물 적체"), absences dropped.
/// </summary>
public static class ReasonBuilder
{
    public static IReadOnlyList<string> TopReasons(HouseholdFeatures f, in VBuffer<float> contributions, int top)
    {
        var byPhrase = new Dictionary<string, float>(StringComparer.Ordinal);
        var values = contributions.GetValues();
        var indices = contributions.GetIndices();
        var numeric = FeatureSchema.Numeric;
        float text = 0;
        for (var k = 0; k < values.Length; k++)
        {
            var c = values[k];
            if (!(c > 0)) continue;
            var slot = contributions.IsDense ? k : indices[k];
            if (slot >= numeric.Count) { text += c; continue; }
            var def = numeric[slot];
            if (ReasonPhrases.Phrase(def, f.Values[slot], f) is not { } phrase) continue;
            byPhrase[phrase] = byPhrase.GetValueOrDefault(phrase) + c;
        }
        if (text > 0 && f.Notes.Length > 0)
        {
            // The note n-grams say "the notes read like crisis"; name it by the warning sign the notes mention most
            // (fixed lexicon), else in general words.
            var phrase = ReasonPhrases.NoteText;
            float best = 0;
            for (var slot = 0; slot < numeric.Count; slot++)
                if (numeric[slot].Kind == FeatureKind.Lexicon && f.Values[slot] > best && numeric[slot].Arg != NoteLexicon.NoiseLabel)
                {
                    best = f.Values[slot];
                    phrase = ReasonPhrases.Phrase(numeric[slot], f.Values[slot], f) ?? phrase;
                }
            byPhrase[phrase] = byPhrase.GetValueOrDefault(phrase) + text;
        }
        return byPhrase.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal)
            .Take(top).Select(kv => kv.Key).ToArray();
    }
}
