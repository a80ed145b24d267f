using System.Xml.Linq;

namespace BlindSpot.Core.Tests.Repository;

/// <summary>
/// The walk of the data shows in the project graph (issue 8): the use cases (Pipeline) and the web application see the
/// store through <c>IBlindSpotStore</c> in Core only; the engines (BlindSpot.Storage) are chosen by the composition
/// root (BlindSpot.Hosting), never referenced by them.
/// </summary>
public sealed class ProjectGraphTests
{
    static readonly string Root = FindRoot();

    static List<string> ReferencesOf(string project) =>
        [.. XDocument.Load(Path.Combine(Root, "src", project, project + ".csproj")).Descendants("ProjectReference")
            .Select(r => Path.GetFileNameWithoutExtension(r.Attribute("Include")!.Value.Replace('\\', '/')))];

    [Theory]
    [InlineData("BlindSpot.Pipeline")]
    [InlineData("BlindSpot.Web")]
    public void DoesNotReferenceTheStorageEngines(string project)
    {
        var references = ReferencesOf(project);
        Assert.Contains("BlindSpot.Core", references); // the file was read: the store's contract is there
        Assert.DoesNotContain("BlindSpot.Storage", references);
    }

    [Fact]
    public void TheCompositionRootReferencesTheStorageEngines()
    {
        // Guards the theory above against a reader that finds nothing: the one project that must reference it does.
        Assert.Contains("BlindSpot.Storage", ReferencesOf("BlindSpot.Hosting"));
    }

    [Fact]
    public void CsvReadingDecidesNothingAboutHouseholds()
    {
        // Tips are linked through Core's ITipLinker, which the ingest use case gives the reader.
        var references = ReferencesOf("BlindSpot.Csv");
        Assert.Contains("BlindSpot.Core", references);
        Assert.DoesNotContain("BlindSpot.Resolution", references);
    }

    [Theory]
    [InlineData("BlindSpot.Resolution")]
    [InlineData("BlindSpot.Samples")]
    [InlineData("BlindSpot.Model")]
    public void LeafProjectsDependOnCoreOnly(string project) => Assert.Equal(["BlindSpot.Core"], ReferencesOf(project));

    [Fact]
    public void CoreDependsOnNoOtherProject() => Assert.Empty(ReferencesOf("BlindSpot.Core"));

    static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "BlindSpot.sln"))) return dir.FullName;
        throw new InvalidOperationException("BlindSpot.sln was not found above the test's folder.");
    }
}
