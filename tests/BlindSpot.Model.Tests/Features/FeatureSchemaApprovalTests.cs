using System.Runtime.CompilerServices;
using System.Text;

namespace BlindSpot.Model.Tests.Features;

/// <summary>
/// Approval test of the feature vector. A model can only score vectors of the schema version it was trained on, so a
/// vector that changes (a new crisis code, housing type, warning sign, a slot moved) under the same version would feed
/// a stored model the wrong numbers in the wrong slots without any error.
/// </summary>
public sealed class FeatureSchemaApprovalTests
{
    static string Here([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;

    static string Describe()
    {
        var sb = new StringBuilder().Append("version ").Append(FeatureSchema.Version).Append('\n');
        for (var i = 0; i < FeatureSchema.Count; i++)
            sb.Append(i).Append(' ').Append(FeatureSchema.Numeric[i].Name).Append('\n');
        return sb.ToString();
    }

    [Fact]
    public void TheFeatureVectorMatchesTheApprovedSlotsOfItsVersion()
    {
        var approvedPath = Path.Combine(Here(), "FeatureSchema.approved.txt");
        var receivedPath = Path.Combine(Here(), "FeatureSchema.received.txt");
        var actual = Describe();
        var approved = File.Exists(approvedPath) ? File.ReadAllText(approvedPath).ReplaceLineEndings("\n") : "";
        if (approved == actual)
        {
            if (File.Exists(receivedPath)) File.Delete(receivedPath);
            return;
        }
        File.WriteAllText(receivedPath, actual);
        var approvedVersion = approved.Split('\n')[0];
        Assert.Fail(approvedVersion == $"version {FeatureSchema.Version}"
            ? $"The feature vector changed but FeatureSchema.Version is still {FeatureSchema.Version}: bump the version " +
              $"(models of the old one must not score the new vector), then review {receivedPath} and copy it over {approvedPath}."
            : $"The feature schema is now {FeatureSchema.Version}. Review {receivedPath} and, if it is right, copy it over {approvedPath}.");
    }
}
