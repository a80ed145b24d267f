using System.Reflection;
using BlindSpot.Pipeline.Run;

namespace BlindSpot.Pipeline.Tests;

/// <summary>
/// The use cases depend on Core and on interfaces only (issue 8; docs/adr/0018-pipeline-ports.md): the built assembly
/// references BlindSpot.Core, the runtime and abstraction packages, and nothing concrete (no BlindSpot.Csv, Model,
/// Resolution or Storage, no CsvHelper, ML.NET or database driver). The composition root plugs those in.
/// </summary>
public sealed class PipelineReferencesTests
{
    static readonly AssemblyName[] References = typeof(RunService).Assembly.GetReferencedAssemblies();

    static bool Allowed(string name) =>
        name is "BlindSpot.Core" or "netstandard" or "mscorlib"
        || name.StartsWith("System.", StringComparison.Ordinal) || name == "System"
        || (name.StartsWith("Microsoft.Extensions.", StringComparison.Ordinal) && name.EndsWith(".Abstractions", StringComparison.Ordinal));

    [Fact]
    public void ReferencesCoreAndAbstractionsOnly()
    {
        var names = References.Select(r => r.Name!).ToList();
        Assert.Contains("BlindSpot.Core", names); // the reader saw the references: Core is always there
        Assert.DoesNotContain(names, n => !Allowed(n));
    }

    [Theory]
    [InlineData("BlindSpot.Csv")]
    [InlineData("BlindSpot.Model")]
    [InlineData("BlindSpot.Resolution")]
    [InlineData("BlindSpot.Storage")]
    [InlineData("BlindSpot.Hosting")]
    public void DoesNotReferenceAConcreteProject(string project) =>
        Assert.DoesNotContain(project, References.Select(r => r.Name));
}
