using BlindSpot.Resolution.Text;

namespace BlindSpot.Resolution.Tests.Text;

public sealed class JamoTests
{
    [Theory]
    [InlineData("도림로", "도림노", 1)]   // one consonant
    [InlineData("영등포로", "영등표로", 1)] // one vowel
    [InlineData("신길로", "신길로", 0)]
    [InlineData("도림로", "돌임로", 1)]   // a letter moved to the next syllable
    [InlineData("여의대로", "여의대방로", 3)] // a different road: three letters more
    public void CountsLettersNotSyllables(string a, string b, int expected)
        => Assert.Equal(expected, Jamo.Distance(a, b));

    [Fact]
    public void SplitsASyllableIntoItsLetters() => Assert.Equal(3, Jamo.Decompose("길").Length);
}
