using BlindSpot.Core.Outcomes;
using BlindSpot.Core.Contract;
using BlindSpot.Core.Domain;
using BlindSpot.Core.Ingest;
using BlindSpot.Csv.Ingest;

namespace BlindSpot.Csv.Tests.Ingest;

public sealed class IngestFileReaderTests
{
    [Fact]
    public void ReadsAPlainUtf8HouseholdFileWithEveryDateForm()
    {
        var batch = Some.Read("households_20240430.csv");

        Some.AssertLedgerBalances(batch);
        Assert.Equal("utf-8", batch.File.Encoding);
        Assert.Equal(Feed.Households, batch.File.Feed);
        Assert.Equal(6, batch.File.Accepted);
        Assert.All(batch.Households, h => Assert.Equal(new DateOnly(2024, 4, 30), h.SnapshotDate));
        var byId = batch.Households.ToDictionary(h => h.HouseholdId);
        Assert.Equal(new DateOnly(2019, 7, 15), byId["H002"].MovedIn);
        Assert.Equal(new DateOnly(2010, 1, 2), byId["H003"].MovedIn);
        Assert.Equal(new DateOnly(2022, 5, 5), byId["H004"].MovedIn);
        Assert.Equal("010-2222-3333", byId["H002"].Phone);
        Assert.Equal("02-123-4567", byId["H005"].Phone);
        Assert.Null(byId["H002"].SingleParent);
        Assert.Equal(Sex.M, byId["H003"].HeadSex);
        Assert.True(byId["H006"].Pregnant);
        Assert.Equal("서울특별시 영등포구 당산로 200, 101동 1001호", byId["H006"].Address);
    }

    [Fact]
    public void ReadsCp949WithKoreanHeadersInAnyOrderAndLongDongNames()
    {
        var batch = Some.Read("households_20240430_part2.csv");

        Some.AssertLedgerBalances(batch);
        Assert.Equal("cp949", batch.File.Encoding);
        var h = Assert.Single(batch.Households, x => x.HouseholdId == "H201");
        Assert.Equal("김똠순", h.HeadName); // 똠 is outside KS X 1001: code page 949 keeps it, "euc-kr" would not
        Assert.Equal("신길5동", h.Dong);
        Assert.Equal("대림3동", batch.Households.Single(x => x.HouseholdId == "H202").Dong);
        Assert.True(h.BasicLivelihood);
        Assert.Contains(batch.File.Notes, n => n.Contains("비고"));
    }

    [Theory]
    [InlineData("crisis_utf16.csv", "utf-16", "UTF-16(유니코드 텍스트)")] // Excel's "유니코드 텍스트", byte order mark first
    [InlineData("crisis_utf16_nobom.csv", "utf-16", "UTF-16(유니코드 텍스트)")]
    [InlineData("crisis_xlsx.csv", "zip", "엑셀 통합 문서(.xlsx)")] // a workbook renamed to .csv
    [InlineData("crisis_xls.csv", "xls", "엑셀 97-2003 통합 문서(.xls)")]
    public void RefusesAFileThatIsNotCsvTextSayingWhatItIsAndHowToSaveIt(string name, string encoding, string says)
    {
        var batch = Some.Read(name);

        Some.AssertRejectedWithNothingStored(batch);
        Assert.Equal(encoding, batch.File.Encoding);
        Assert.Contains(says, batch.File.RejectedReason);
        Assert.Contains("CSV UTF-8(쉼표로 분리)", batch.File.RejectedReason);
        Assert.DoesNotContain("필수 열", batch.File.RejectedReason); // was: every column "missing", though Excel shows them all
    }

    [Theory]
    [InlineData("crisis_semicolon.csv", "세미콜론(;)")]
    [InlineData("crisis_tab.csv", "탭")]
    public void RefusesAFileWrittenWithAnotherSeparatorNamingTheSeparator(string name, string separator)
    {
        var batch = Some.Read(name);

        Some.AssertRejectedWithNothingStored(batch);
        Assert.Equal($"열 구분자가 쉼표(,)가 아니라 {separator}입니다. 쉼표로 구분한 CSV('CSV UTF-8(쉼표로 분리)')로 저장해 다시 보내 주세요.", batch.File.RejectedReason);
        Assert.Equal(9, batch.File.RowsRead); // counted, none taken
    }

    [Fact]
    public void DetectsTheByteOrderMarkAndDatesASnapshotWithoutDateByTheDayOfIngest()
    {
        var batch = Some.Read("households_bom.csv");

        Assert.Equal("utf-8-bom", batch.File.Encoding);
        Assert.Equal(DateOnly.FromDateTime(Some.Now), Assert.Single(batch.Households).SnapshotDate);
    }

    [Fact]
    public void QuarantinesEachBrokenHouseholdRowWithItsLineColumnAndRawText()
    {
        var batch = Some.Read("households_20240430_broken.csv");

        Some.AssertLedgerBalances(batch);
        Assert.Equal(19, batch.File.RowsRead);
        Assert.Equal(["H101", "H117", "H118"], batch.Households.Select(h => h.HouseholdId));
        Assert.Equal(1, batch.File.Duplicate);
        var expected = new (int Line, string? Column)[]
        {
            (3, "moved_in"), (4, "moved_in"), (5, "basic_livelihood"), (6, "head_name"), (7, "dong"), (8, "dong"),
            (9, "members"), (10, null), (11, "household_id"), (13, "head_sex"), (14, "housing_type"), (15, "phone"),
            (16, null), (17, "head_birth_year"), (21, "moved_in"),
        };
        Assert.Equal(expected, batch.Quarantine.Select(q => (q.Line, q.Column)));
        Assert.All(batch.Quarantine, q =>
        {
            Assert.Equal("households_20240430_broken.csv", q.FileName);
            Assert.Equal(batch.File.Sha256, q.FileSha256);
            Assert.False(string.IsNullOrWhiteSpace(q.Reason));
        });
        Assert.Equal("H109,신길1동,신길로 9,가나다,,1970,M,1,0,N,N,N,아파트,자가,2020-01-01,N", batch.Quarantine.Single(q => q.Line == 10).Raw);
        Assert.Equal("신길로 18,\n뒷집", batch.Households.Single(h => h.HouseholdId == "H118").Address);
    }

    [Fact]
    public void ReasonsNeverContainTheRowsValues()
    {
        var batch = Some.Read("households_20240430_broken.csv");
        // The file's broken rows are quarantined (a refused file, with no rows to look at, would pass the loop below).
        Assert.Equal(15, batch.Quarantine.Count);

        // The personal and identifying fields: id, address, name, phone, birth year, moved-in date.
        int[] personal = [0, 2, 3, 4, 5, 14];
        foreach (var q in batch.Quarantine)
        {
            var fields = q.Raw.Split(',');
            foreach (var value in personal.Where(i => i < fields.Length).Select(i => fields[i].Trim('"')).Where(v => v.Length >= 2))
                Assert.DoesNotContain(value, q.Reason);
        }
    }

    [Theory]
    [InlineData(3, "존재하지 않는 날짜")]
    [InlineData(4, "미래 날짜")]
    [InlineData(7, "행정동")]
    [InlineData(10, "열 개수")]
    [InlineData(16, "따옴표")]
    public void GivesAClerkAReasonToActOn(int line, string words)
    {
        var batch = Some.Read("households_20240430_broken.csv");

        Assert.Contains(words, batch.Quarantine.Single(q => q.Line == line).Reason);
    }

    [Fact]
    public void RejectsAFileMissingARequiredColumnWithOneMessageNamingIt()
    {
        var batch = Some.Read("outcomes_missing_column.csv");

        Some.AssertRejectedWithNothingStored(batch);
        Assert.Contains("worker_id", batch.File.RejectedReason);
        Assert.Equal(1, batch.File.RowsRead);
    }

    [Fact]
    public void RefusesAFileWithAResidentNumberColumn()
    {
        var batch = Some.Read("households_rrn_header.csv");

        Some.AssertRejectedWithNothingStored(batch);
        Assert.Contains("주민등록번호", batch.File.RejectedReason);
    }

    [Fact]
    public void RefusesAFileWithAValueShapedLikeAResidentNumberWithoutRepeatingIt()
    {
        var batch = Some.Read("tips_officer_rrn_value.csv", Some.Registry());

        Some.AssertRejectedWithNothingStored(batch);
        Assert.Contains("주민등록번호", batch.File.RejectedReason);
        Assert.DoesNotContain("800101", batch.File.RejectedReason);
        Assert.DoesNotContain("1234567", batch.File.RejectedReason);
        Assert.Equal(2, batch.File.RowsRead);
    }

    [Fact]
    public void QuarantinesALastRowCutInsideAnOpenQuoteAndAcceptsTheRowsBefore()
    {
        var batch = Some.Read("tips_officer_truncated.csv", Some.Registry());

        Some.AssertLedgerBalances(batch);
        Assert.Equal(["U1", "U2"], batch.Tips.Select(t => t.TipId));
        var q = Assert.Single(batch.Quarantine);
        Assert.Equal(4, q.Line);
        Assert.Null(q.Column);
        Assert.StartsWith("U3,2024-04-02 12:00", q.Raw);
    }

    [Fact]
    public void QuarantinesALastRowCutMidField()
    {
        var batch = Some.Read("crisis_truncated.csv", Some.Registry());

        Some.AssertLedgerBalances(batch);
        Assert.Equal(2, batch.File.Accepted);
        var q = Assert.Single(batch.Quarantine);
        Assert.Equal((4, (string?)null, "H001,2024-02,WATER_AR"), (q.Line, q.Column, q.Raw));
        Assert.Contains("잘림", q.Reason);
    }

    [Fact]
    public void StoresUnknownCrisisCodesAndQuarantinesUnknownHouseholds()
    {
        var batch = Some.Read("crisis_202403.csv", Some.Registry());

        Some.AssertLedgerBalances(batch);
        Assert.Equal((9, 4, 1, 4), (batch.File.RowsRead, batch.File.Accepted, batch.File.Duplicate, batch.File.Quarantined));
        Assert.Contains(batch.Crisis, c => c is { Indicator: CrisisIndicators.ElecCutoff, KnownCode: true });
        var unknown = Assert.Single(batch.Crisis, c => !c.KnownCode);
        Assert.Equal("SMART_PLUG_IDLE", unknown.Indicator);
        Assert.Contains(batch.File.Notes, n => n.Contains("SMART_PLUG_IDLE"));
        Assert.Equal(1_500_000.50m, batch.Crisis.Single(c => c.Indicator == CrisisIndicators.FinDelinquency).Value);
        Assert.Equal([(5, "household_id"), (6, "reference_month"), (7, "value"), (9, "reference_month")],
            batch.Quarantine.Select(q => (q.Line, q.Column!)));
    }

    [Fact]
    public void CountsKeysAlreadyStoredAsDuplicates()
    {
        var context = Some.Registry();
        context.Include(Some.Read("crisis_202403.csv", context));

        var again = Some.Read("crisis_202403.csv", context, asName: "crisis_copy.csv");

        Some.AssertLedgerBalances(again);
        Assert.Equal(0, again.File.Accepted);
        Assert.Equal(5, again.File.Duplicate);
        Assert.Empty(again.Crisis);
    }

    [Theory]
    [InlineData("households_20240430_broken.csv")] // quarantined rows and a repeated household id
    [InlineData("crisis_202403.csv")] // a duplicate, unknown households, an unknown code
    public void IncludingABatchWithTheKeysItsReaderMadeGivesTheContextOfMakingThemAgain(string name)
    {
        var batch = Some.Read(name, Some.Registry());
        Assert.Equal(batch.Households.Count + batch.Crisis.Count, batch.AcceptedKeys!.Count);
        Assert.True(batch.File.Duplicate > 0 && batch.File.Quarantined > 0);

        var taken = Some.Registry();
        taken.Include(batch);
        var made = Some.Registry();
        made.Include(batch with { AcceptedKeys = null });

        Assert.Equal(made.HouseholdSnapshotKeys.Order(StringComparer.Ordinal), taken.HouseholdSnapshotKeys.Order(StringComparer.Ordinal));
        Assert.Equal(made.CrisisKeys.Order(StringComparer.Ordinal), taken.CrisisKeys.Order(StringComparer.Ordinal));
        Assert.Equal(made.Households.Values, taken.Households.Values);
        // The keys are the reader's own strings, not new ones.
        var key = batch.Households.Count > 0
            ? IngestKeys.Household(batch.Households[0].HouseholdId, batch.Households[0].SnapshotDate)
            : IngestKeys.Crisis(batch.Crisis[0].HouseholdId, batch.Crisis[0].Month, batch.Crisis[0].Indicator);
        Assert.True((batch.Households.Count > 0 ? taken.HouseholdSnapshotKeys : taken.CrisisKeys).TryGetValue(key, out var kept));
        Assert.True(((HashSet<string>)batch.AcceptedKeys).TryGetValue(key, out var read));
        Assert.Same(read, kept);
    }

    [Fact]
    public void KeysAreGivenOnlyForHouseholdAndCrisisFilesAndNotTakenWhenTheyDoNotMatchTheRows()
    {
        Assert.Null(Some.Read("outcomes_202404.csv", Some.Registry()).AcceptedKeys);
        Assert.Null(Some.Read("tips_officer_202404.csv", Some.Registry()).AcceptedKeys);

        var batch = Some.Read("crisis_202403.csv", Some.Registry());
        var context = Some.Registry();
        context.Include(batch with { AcceptedKeys = new HashSet<string>(StringComparer.Ordinal) { "not|a|key" } });
        Assert.DoesNotContain("not|a|key", context.CrisisKeys);
        Assert.Equal(batch.Crisis.Count, context.CrisisKeys.Count);
    }

    [Fact]
    public void MatchesOfficerTipsByIdAddressAndNameAndKeepsTheUnmatched()
    {
        var batch = Some.Read("tips_officer_202404.csv", Some.Registry());

        Some.AssertLedgerBalances(batch);
        Assert.Equal((8, 5, 1, 2), (batch.File.RowsRead, batch.File.Accepted, batch.File.Duplicate, batch.File.Quarantined));
        var tips = batch.Tips.ToDictionary(t => t.TipId);
        Assert.Equal((MatchMethod.HouseholdId, "H006"), (tips["T1"].Match, tips["T1"].HouseholdId));
        Assert.Equal((MatchMethod.Address, "H001"), (tips["T2"].Match, tips["T2"].HouseholdId));
        Assert.Equal((MatchMethod.AddressAndName, "H004"), (tips["T3"].Match, tips["T3"].HouseholdId));
        Assert.Equal((MatchMethod.None, (string?)null), (tips["T4"].Match, tips["T4"].HouseholdId));
        Assert.Equal("우편물이 쌓여 있음\n며칠째 인기척 없음", tips["T2"].Note);
        Assert.Equal("이웃 말로는 \"아프다\"고 함", tips["T4"].Note);
        Assert.Equal(new DateTime(2024, 4, 3, 11, 30, 15), tips["T2"].ReceivedAt);
        Assert.Equal("010-9999-8888", tips["T3"].Phone);
        Assert.True(tips["T2"].Urgent);
        Assert.Equal(("OF1", "돌봄"), (tips["T1"].SourceDetail, tips["T1"].Category));
        Assert.Equal("당산2동", tips["T1"].Dong);
        Assert.Contains(batch.File.Notes, n => n.Contains("2건") && n.Contains("T4") && n.Contains("T5"));
        Assert.Equal([(9, "received_at"), (10, "category")], batch.Quarantine.Select(q => (q.Line, q.Column!)));
    }

    [Fact]
    public void InfersAHotlineCallsDongFromItsAddressOrQuarantinesIt()
    {
        var batch = Some.Read("tips_hotline_202404.csv", Some.Registry());

        Some.AssertLedgerBalances(batch);
        var tips = batch.Tips.ToDictionary(t => t.TipId);
        Assert.Equal(("당산2동", MatchMethod.Address, "H006"), (tips["C1"].Dong, tips["C1"].Match, tips["C1"].HouseholdId));
        Assert.Equal(("문래동", MatchMethod.None), (tips["C2"].Dong, tips["C2"].Match));
        Assert.Equal(("신길1동", "H002"), (tips["C4"].Dong, tips["C4"].HouseholdId));
        Assert.Equal(("관리사무소", (string?)null, TipSource.Hotline), (tips["C1"].SourceDetail, tips["C1"].Category, tips["C1"].Source));
        Assert.Equal([(4, "dong"), (6, "reporter_type")], batch.Quarantine.Select(q => (q.Line, q.Column!)));
    }

    [Fact]
    public void ReadsOutcomesInKoreanOrEnglishAndQuarantinesADifferentResultForTheSameDayAsAConflict()
    {
        var batch = Some.Read("outcomes_202404.csv", Some.Registry());

        Some.AssertLedgerBalances(batch);
        Assert.Equal((4, 2, 0, 2), (batch.File.RowsRead, batch.File.Accepted, batch.File.Duplicate, batch.File.Quarantined));
        Assert.Equal([VisitResult.Discovered, VisitResult.NotInCrisis], batch.Outcomes.Select(o => o.Result));
        // H002 on 04-15: 비해당 then 부재 without the correction mark is a conflict, not a duplicate.
        Assert.Equal([(4, "result", OutcomeAdmission.ConflictReason), (5, "result", null)],
            batch.Quarantine.Select(q => (q.Line, q.Column, q.Line == 4 ? q.Reason : null)));
    }

    [Fact]
    public void ReadsTheConfigurationWithKoreanHeaders()
    {
        var capacity = Some.Read("capacity.csv");
        var baseline = Some.Read("targets_baseline.csv");

        Some.AssertLedgerBalances(capacity);
        Assert.Equal([new DongCapacity("신길1동", 8), new DongCapacity("대림2동", 6)], capacity.Capacity);
        Assert.Equal(1, capacity.File.Duplicate);
        Assert.Equal([new TargetBaseline("신길1동", 2023, 40), new TargetBaseline("대림2동", 2023, 25)], baseline.Baselines);
    }

    [Theory]
    [InlineData("households_20240230.csv")]
    [InlineData("households_2024-04-30.csv")]
    [InlineData("households_20990101_part1.csv")]
    public void RejectsAHouseholdFileWhoseNameHasABadDate(string name)
    {
        var batch = Some.Read("households_20240430.csv", asName: name);

        Some.AssertRejectedWithNothingStored(batch);
    }

    [Fact]
    public void TakesTheSnapshotDateFromANameWithASuffix()
    {
        var batch = Some.Read("households_20240430.csv", asName: "households_20240115_part3.csv");

        // Read, not refused: a refused file has no households, and the date check below would hold for none.
        Some.AssertLedgerBalances(batch);
        Assert.Equal(6, batch.Households.Count);
        Assert.All(batch.Households, h => Assert.Equal(new DateOnly(2024, 1, 15), h.SnapshotDate));
    }
}
