using BlindSpot.Core.Contract;

namespace BlindSpot.Core.Tests.Contract;

public sealed class CrisisIndicatorsTests
{
    [Fact]
    public void EveryArrearsCodeHasAShortNameAndEveryCodeAKoreanNameThatMapsBack()
    {
        Assert.All(CrisisIndicators.Known.Where(CrisisIndicators.IsArrears), code => Assert.True(CrisisIndicators.ArrearsShortNames.ContainsKey(code), code));
        Assert.All(CrisisIndicators.ArrearsShortNames.Keys, code => Assert.Contains(code, CrisisIndicators.Known));
        foreach (var code in CrisisIndicators.Known)
        {
            Assert.Equal(code, CrisisIndicators.Canonicalize(CrisisIndicators.KoreanNames[code], out var known));
            Assert.True(known);
        }
    }
}
