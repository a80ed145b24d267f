using System.Text;
using BlindSpot.Pipeline.Ingest;

namespace BlindSpot.Pipeline.Tests.Ingest;

/// <summary>The web's one-row outcomes file, byte for byte (what ingest then reads as any inbox file).</summary>
public sealed class OutcomeEntryCsvTests
{
    static readonly byte[] Bom = [0xEF, 0xBB, 0xBF];

    [Fact]
    public void WritesOneRowWithBomAndCrlf()
    {
        var bytes = OutcomeEntryService.Csv(Parts.Feeds, "H0000001", "2026-11-03", "발굴", "긴급복지", "W1");
        Assert.Equal([.. Bom, .. Encoding.UTF8.GetBytes(
            "household_id,visited_on,result,services,worker_id,correction\r\nH0000001,2026-11-03,발굴,긴급복지,W1,\r\n")], bytes);
    }

    [Fact]
    public void QuotesOnlyFieldsWithACommaQuoteOrLineBreakAndKeepsValuesAsEntered()
    {
        // A comma, a quote (doubled inside quotes), a line break; a value starting with = or - is not escaped with ':
        // this file is input, and ingest would read the ' as part of the value.
        var bytes = OutcomeEntryService.Csv(Parts.Feeds, "H0000001", "2026-11-03", "비해당", "긴급복지, \"쌀\" 지원\n후속", "=W1", correction: true);
        Assert.Equal([.. Bom, .. Encoding.UTF8.GetBytes(
            "household_id,visited_on,result,services,worker_id,correction\r\n" +
            "H0000001,2026-11-03,비해당,\"긴급복지, \"\"쌀\"\" 지원\n후속\",=W1,Y\r\n")], bytes);
        Assert.EndsWith("\r\nH1,2026-11-03,부재,-,W1,\r\n", Encoding.UTF8.GetString(OutcomeEntryService.Csv(Parts.Feeds, "H1", "2026-11-03", "부재", "-", "W1")));
    }
}
