using System.Runtime.CompilerServices;
using BlindSpot.Core.Domain;
using BlindSpot.Model.Features;

namespace BlindSpot.Model.UseCases;

/// <summary>
/// One <see cref="FeatureBuilder"/> per loaded district: indexing a district's rows by household takes about a second
/// at 190,000 households, and within a run training, scoring and the reasons of the listed households read the same
/// district (the run loads it once, through its view of the store: BlindSpot.Pipeline's RunScopedStore). Lives as long as the district does.
/// </summary>
internal static class FeatureBuilders
{
    static readonly ConditionalWeakTable<DistrictData, FeatureBuilder> Builders = new();

    public static FeatureBuilder For(DistrictData data) => Builders.GetValue(data, d => new FeatureBuilder(d));
}
