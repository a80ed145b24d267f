using System.Text;
using BlindSpot.Core.Targets;
using BlindSpot.Core.Worklists;
using BlindSpot.Csv.Output;

namespace BlindSpot.Csv.Tests.Output;

public sealed class WorklistCsvWriterTests : IDisposable
{
    readonly string dir = Directory.CreateTempSubdirectory("bs-out-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    static WorklistRow Row(string name = "홍길동", string address = "서울특별시 영등포구 문래로 1, 101호", string? phone = "010-1234-5678", string reasons = "관리비 3개월 체납; 제보: 우편물 적체") =>
        new(1, "H-001", name, address, phone, 42, "높음", "제보", reasons, new DateOnly(2026, 3, 9), 2);

    [Fact]
    public async Task WritesUtf8WithBomAndTheKoreanHeadersOfTheContract()
    {
        var path = WorklistCsvWriter.PathFor(dir, new DateOnly(2026, 3, 11), "문래동");
        await WorklistCsvWriter.WriteAsync(path, [Row()], CancellationToken.None);

        Assert.Equal(Path.Combine(dir, "worklists", "2026-03-11", "문래동.csv"), path);
        var bytes = await File.ReadAllBytesAsync(path);
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
        Assert.Equal(
            "순위,세대ID,성명,주소,연락처,위험점수,위험등급,선정구분,선정사유,최근제보일,제보건수\r\n" +
            "1,H-001,홍길동,\"서울특별시 영등포구 문래로 1, 101호\",010-1234-5678,42,높음,제보,관리비 3개월 체납; 제보: 우편물 적체,2026-03-09,2\r\n",
            text);
        Assert.False(File.Exists(path + ".tmp"));
    }

    [Theory]
    [InlineData("=HYPERLINK(\"http://x\",\"y\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"")]
    [InlineData("+82-10-1234", "\"'+82-10-1234\"")]
    [InlineData("-1+1", "\"'-1+1\"")]
    [InlineData("@SUM(A1)", "\"'@SUM(A1)\"")]
    [InlineData("\t=1", "\"'\t=1\"")]
    [InlineData("\r=1", "\"'\r=1\"")]
    public async Task NeutralisesCellsThatASpreadsheetWouldRunAsFormulas(string hostile, string written)
    {
        var path = Path.Combine(dir, "x.csv");
        await WorklistCsvWriter.WriteAsync(path, [Row(name: hostile, address: hostile, phone: hostile)], CancellationToken.None);

        var line = (await File.ReadAllTextAsync(path, Encoding.UTF8)).Split("\r\n", 2)[1];
        Assert.StartsWith($"1,H-001,{written},{written},{written},42,", line);
    }

    [Fact]
    public async Task ReplacesAnEarlierFileAndWritesTheHeaderForAnEmptyList()
    {
        var path = Path.Combine(dir, "w.csv");
        await WorklistCsvWriter.WriteAsync(path, [Row(), Row()], CancellationToken.None);
        await WorklistCsvWriter.WriteAsync(path, [], CancellationToken.None);

        Assert.Equal("\uFEFF순위,세대ID,성명,주소,연락처,위험점수,위험등급,선정구분,선정사유,최근제보일,제보건수\r\n",
            Encoding.UTF8.GetString(await File.ReadAllBytesAsync(path)));
    }

    [Fact]
    public async Task WritesTheTargetColumnsOfTheContract()
    {
        var row = new DongTarget("문래동", 2025, 10, 11, 3, 11m * (60m / 366), 3 / (11m * (60m / 366)), 3 / (60m / 366), TargetStatus.Ahead);
        var zero = new DongTarget("도림동", null, 0, 0, 0, 0, null, 0, TargetStatus.OnTrack);
        var report = new TargetReport(2024, new DateOnly(2024, 2, 29), 60, 366, 60m / 366, [row, zero], row, 0);
        var path = TargetsCsvWriter.PathFor(dir, 2024);

        await TargetsCsvWriter.WriteAsync(path, report, CancellationToken.None);

        Assert.Equal(
            "\uFEFFdong,baseline,target,discoveries_ytd,expected_ytd,pace,projected,status\r\n" +
            "문래동,10,11,3,1.80,1.66,18.30,ahead\r\n" +
            "도림동,0,0,0,0.00,,0.00,on_track\r\n",
            Encoding.UTF8.GetString(await File.ReadAllBytesAsync(path)));
    }
}
