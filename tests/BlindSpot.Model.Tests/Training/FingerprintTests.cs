using System.Security.Cryptography;
using BlindSpot.Core.Domain;
using BlindSpot.Model.Features;
using BlindSpot.Model.Training;

namespace BlindSpot.Model.Tests.Training;

/// <summary>
/// The data fingerprint hashes its bytes a buffer at a time; it must be the hash of the same bytes appended a value at a
/// time, as it was computed before (a model's version carries it, so a stored model's version would otherwise change).
/// </summary>
public sealed class FingerprintTests
{
    [Fact]
    public void TheBufferedFingerprintIsTheValueByValueHash()
    {
        var random = new Random(5);
        var rows = Enumerable.Range(0, 3000).Select(i => new LabeledExample(
            new HouseholdFeatures(i % 7 == 0 ? $"H{i}-{new string('가', i % 40)}" : $"H{i:D6}", "문래동", new DateOnly(2026, 9, 1), Sex.F, 70, 1, false, 0,
                Enumerable.Range(0, 3 + i % 50).Select(_ => (float)random.NextDouble()).ToArray(), "note"),
            new DateOnly(2026, 9, 1).AddDays(i % 30), i % 3 == 0, Sampled: i % 5 == 0,
            SelectionProbability: i % 4 == 0 ? 0.25 + i * 1e-4 : 1, Explored: i % 6 == 0)).ToList();

        Assert.Equal(ValueByValue(rows), ModelTrainer.Fingerprint(rows));
        Assert.Equal(ValueByValue(rows[..1]), ModelTrainer.Fingerprint(rows[..1]));
        Assert.Equal(ValueByValue([]), ModelTrainer.Fingerprint([]));
        Assert.NotEqual(ModelTrainer.Fingerprint(rows), ModelTrainer.Fingerprint(rows[1..]));
    }

    /// <summary>The fingerprint as it was computed before: each value appended to the hash on its own.</summary>
    static string ValueByValue(IEnumerable<LabeledExample> rows)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> buf = stackalloc byte[8];
        foreach (var e in rows)
        {
            sha.AppendData(System.Text.Encoding.UTF8.GetBytes(e.Features.HouseholdId));
            BitConverter.TryWriteBytes(buf, e.VisitedOn.DayNumber);
            sha.AppendData(buf[..4]);
            sha.AppendData([(byte)((e.Label ? 1 : 0) | (e.Sampled ? 2 : 0) | (e.Explored ? 4 : 0))]);
            if (e.SelectionProbability != 1) { BitConverter.TryWriteBytes(buf, e.SelectionProbability); sha.AppendData(buf); }
            foreach (var v in e.Features.Values) { BitConverter.TryWriteBytes(buf, v); sha.AppendData(buf[..4]); }
        }
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }
}
