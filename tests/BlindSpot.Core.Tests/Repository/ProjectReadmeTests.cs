namespace BlindSpot.Core.Tests.Repository;

/// <summary>
/// Every project says what belongs in it and what does not (issue 8: a README in each project), so that a newcomer
/// adding a feed or a command knows where it goes. The test projects share tests/README.md.
/// </summary>
public sealed class ProjectReadmeTests
{
    static readonly string Root = FindRoot();

    public static TheoryData<string> Projects() => [.. ProjectFolders()];

    static List<string> ProjectFolders()
    {
        var folders = new List<string>();
        foreach (var folder in new[] { "src", "jobs", "bench" })
            foreach (var project in Directory.EnumerateFiles(Path.Combine(Root, folder), "*.csproj", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
                folders.Add(Path.GetRelativePath(Root, Path.GetDirectoryName(project)!));
        folders.Add(Path.Combine("tests", "BlindSpot.Testing"));
        folders.Add("tests");
        return folders;
    }

    [Theory]
    [MemberData(nameof(Projects))]
    public void EachProjectHasAReadmeSayingWhatBelongsThereAndWhatDoesNot(string project)
    {
        var readme = Path.Combine(Root, project, "README.md");
        Assert.True(File.Exists(readme), $"{project} has no README.md: say what belongs there and what does not");
        var text = File.ReadAllText(readme);
        Assert.True(text.Length >= 300, $"{project}/README.md is a stub ({text.Length} characters)");
        Assert.True(text.Contains("not belong", StringComparison.OrdinalIgnoreCase) || text.Contains("Rules every test", StringComparison.Ordinal),
            $"{project}/README.md does not say what does not belong there");
    }

    [Fact]
    public void EveryProjectIsFound()
    {
        // Guards the theory above against a wrong root: the product's projects are all there.
        var projects = ProjectFolders();
        Assert.Contains(Path.Combine("src", "BlindSpot.Core"), projects);
        Assert.Contains(Path.Combine("jobs", "BlindSpot.Jobs"), projects);
        Assert.Contains(Path.Combine("bench", "BlindSpot.Simulation"), projects);
    }

    static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "BlindSpot.sln"))) return dir.FullName;
        throw new InvalidOperationException("BlindSpot.sln was not found above the test's folder.");
    }
}
