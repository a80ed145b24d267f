using System.Xml.Linq;

namespace BlindSpot.Core.Tests.Repository;

/// <summary>
/// The walk of the data shows in the project graph (issue 8): the use cases (Pipeline) depend on Core only, and the
/// web application sees the store through <c>IBlindSpotStore</c> in Core only; the engines (BlindSpot.Storage), the
/// file formats, tip linking and the model are chosen by the composition root (BlindSpot.Hosting).
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
    public void TheUseCasesDependOnCoreOnly()
    {
        // Training, scoring, file formats and tip linking are Core ports the composition root fills (ADR 0018); the
        // built assembly is checked too (Pipeline.Tests' PipelineReferencesTests), which catches a package reference.
        Assert.Equal(["BlindSpot.Core"], ReferencesOf("BlindSpot.Pipeline"));
        Assert.Contains("BlindSpot.Model", ReferencesOf("BlindSpot.Hosting"));
    }

    [Fact]
    public void CoreDependsOnNoOtherProject() => Assert.Empty(ReferencesOf("BlindSpot.Core"));

    static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "BlindSpot.sln"))) return dir.FullName;
        throw new InvalidOperationException("BlindSpot.sln was not found above the test's folder.");
    }
}
