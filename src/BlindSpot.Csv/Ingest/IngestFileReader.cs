using System.Security.Cryptography;
using BlindSpot.Core.Contract;
using BlindSpot.Core.Ingest;
using BlindSpot.Core.Text;
using CsvHelper;

namespace BlindSpot.Csv.Ingest;

/// <summary>
/// Reads one inbox file into an <see cref="IngestBatch"/> under the data contract (§1, §2): encoding, headers, every
/// row accepted, duplicate or quarantined, or the whole file refused. Reads only: the caller commits the batch and
/// then adds it to the context (<see cref="IngestContext.Include"/>).
/// </summary>
public static class IngestFileReader
{
    /// <summary>Largest record taken in (a note is at most 2,000 characters); a longer one refuses the file.</summary>
    public const int MaxRecordBytes = 1 << 20;

    /// <summary>Lower-case hex SHA-256 of the bytes: a file's identity, whatever its name.</summary>
    public static string Sha256Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>
    /// A file's identity in the ledger: the SHA-256 of its bytes; for a household snapshot whose name carries a date,
    /// the SHA-256 of its bytes and that date, so a part whose bytes equal a part of an earlier snapshot still counts
    /// for its own date (contract §1 "Same bytes again").
    /// </summary>
    public static string Identity(string fileName, byte[] bytes)
    {
        var name = Path.GetFileName(fileName);
        if (Feeds.FromFileName(name) != Feed.Households || !HasDatedName(name)) return Sha256Hex(bytes);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(bytes);
        hash.AppendData(System.Text.Encoding.UTF8.GetBytes("\nsnapshot:" + DatePart(name)));
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    static bool HasDatedName(string fileName) => DatePart(fileName) is { Length: > 0 };

    static string? DatePart(string fileName)
    {
        var stem = Path.GetFileNameWithoutExtension(fileName);
        var rest = stem.Length > "households".Length ? stem["households".Length..] : "";
        if (rest.Length < 2 || rest[0] != '_' || !char.IsAsciiDigit(rest[1])) return null;
        return rest[1..].Split('_')[0];
    }

    /// <summary>The reason of a last row that may have been read while the file was still being written.</summary>
    public const string UnfinishedLastRowReason =
        "방금 바뀐 파일의 마지막 행이라 아직 쓰는 중에 읽었을 수 있어 받지 않았습니다. 줄바꿈으로 끝나는 완성된 파일을 다시 보내면 이 행을 읽습니다.";

    /// <summary>
    /// A household or crisis file of at least this many bytes (as UTF-8) is read in two stretches side by side, split at a
    /// record boundary near its middle (<see cref="Read"/>): a first run's registry snapshot (~33 MB at 190,000 households)
    /// was read on one core while the other stood idle.
    /// </summary>
    public const int SplitReadBytes = 4 << 20;

    /// <summary>How many files were read in two stretches (tests prove with it that a large file was).</summary>
    internal static int SplitReads => splitReads;
    static int splitReads;

    /// <summary>
    /// Reads <paramref name="bytes"/>, named <paramref name="fileName"/> (its prefix gives the feed), as known to
    /// <paramref name="context"/> at <paramref name="nowKst"/> (Korea Standard Time: later dates are quarantined).
    /// A large household or crisis file is read in two stretches on two threads; the batch is the one reading it whole
    /// gives (SplitReadTests split every test file at every line and compare).
    /// </summary>
    /// <exception cref="ArgumentException">The name matches no feed (callers check <see cref="Feeds.FromFileName"/> first).</exception>
    /// <param name="justWritten">
    /// The file changed a moment ago: a last row with no line break after it may be cut mid-value and is quarantined
    /// even when it passes every check (IngestOptions.UnterminatedQuietPeriod).
    /// </param>
    /// <param name="tips">Links the tips of a tips file to households (BlindSpot.Resolution's, given by the ingest use case).</param>
    public static IngestBatch Read(string fileName, byte[] bytes, string sha256, IngestContext context, DateTime nowKst, bool justWritten = false,
        ITipLinker? tips = null) => Read(fileName, bytes, sha256, context, nowKst, justWritten, tips, splitFrom: null);

    /// <param name="splitFrom">
    /// For tests: where to start looking for the record boundary to split at (an offset in the text as UTF-8, its byte order
    /// mark excluded), or -1 to read whole; null: the middle of a household or crisis file of <see cref="SplitReadBytes"/> or more.
    /// </param>
    internal static IngestBatch Read(string fileName, byte[] bytes, string sha256, IngestContext context, DateTime nowKst, bool justWritten,
        ITipLinker? tips, int? splitFrom)
    {
        fileName = Path.GetFileName(fileName);
        var feed = Feeds.FromFileName(fileName) ?? throw new ArgumentException("The file name matches no feed of the contract.", nameof(fileName));
        if (EncodingDetector.NotCsvText(bytes) is { } notText)
            return IngestBatch.Empty(new FileLedgerEntry(sha256, fileName, feed, notText.Name, 0, 0, 0, 0, notText.Reason, [], nowKst));
        var (encoding, text, offset, invalidBytes) = EncodingDetector.Decode(bytes);
        var length = text.Length - offset;

        FileLedgerEntry Ledger(int read, int accepted, int duplicate, int quarantined, string? rejected, IReadOnlyList<string> notes) =>
            new(sha256, fileName, feed, encoding, read, accepted, duplicate, quarantined, rejected, notes, nowKst);

        var snapshotDate = DateOnly.FromDateTime(nowKst);
        if (feed == Feed.Households)
        {
            var (date, problem) = SnapshotDateFromName(fileName, snapshotDate);
            if (problem is not null) return IngestBatch.Empty(Ledger(0, 0, 0, 0, problem, []));
            snapshotDate = date;
        }

        var file = new FileText(fileName, sha256, feed, context, nowKst, snapshotDate, tips, justWritten,
            EndsWithLineBreak: length > 0 && text[^1] is (byte)'\n' or (byte)'\r');
        var whole = new ArraySegment<byte>(text, offset, length);
        var split = feed is not (Feed.Households or Feed.Crisis) || splitFrom == -1 ? null
            : Split.Find(whole, splitFrom ?? (length >= SplitReadBytes ? length / 2 : -1));
        var read = split is { } at ? ReadSplit(file, whole, at) : null;
        read ??= ReadStretch(file, [whole], 0, last: true, expectedRows: ExpectedRows(file.Feed, whole));
        if (read.TooLong is { } e)
        {
            // Only a record longer than MaxRecordBytes gets here (quoting and field counts are recovered above).
            // The exception's own text is not passed on: it is not needed and could carry input.
            var where = e.LineNumber > 0 ? $"줄 {e.LineNumber}" : $"{e.RecordNumber}번째 레코드";
            return IngestBatch.Empty(Ledger(read.RowsRead, 0, 0, 0,
                $"{where}의 행이 너무 깁니다 (최대 {MaxRecordBytes / 1024} KiB, 닫히지 않은 따옴표일 수 있음). 파일 전체를 받지 않았습니다.", []));
        }
        if (read.Rejected is not null) return IngestBatch.Empty(Ledger(read.RowsRead, 0, 0, 0, read.Rejected, []));
        var session = read.Session!;
        // The file's tips linked now that every row is read (side by side when the linker can), each in its place.
        session.LinkTips();
        var notes = Notes(read.Ignored, session);
        if (invalidBytes > 0)
            notes.Insert(0, $"UTF-8로 읽을 수 없는 바이트 {invalidBytes}개: 그 바이트가 있는 행만 '잘못된 문자'로 격리했습니다");
        return new IngestBatch(Ledger(read.RowsRead, session.Accepted, session.Duplicate, session.Quarantine.Count, null, notes))
        {
            Households = session.Households, Crisis = session.Crisis, Tips = session.Tips, Outcomes = session.Outcomes,
            OutcomeCorrections = session.OutcomeCorrections, Rows = session.Rows(), Quarantine = session.Quarantine,
            // A households or crisis file's keys are those of its accepted rows (FileSession.IsDuplicate).
            AcceptedKeys = feed is Feed.Households or Feed.Crisis ? session.FileKeys : null,
        };
    }

    /// <summary>What every stretch of one file is read with.</summary>
    sealed record FileText(string FileName, string Sha256, Feed Feed, IngestContext Context, DateTime NowKst, DateOnly SnapshotDate,
        ITipLinker? Tips, bool JustWritten, bool EndsWithLineBreak);

    /// <summary>
    /// One stretch of a file read: its rows read, the reason the file is refused (header or a resident number), a record
    /// too long, whether its input ended inside quotes, and the session holding its rows.
    /// </summary>
    sealed record Stretch(int RowsRead, string? Rejected, TooLongRecord? TooLong, bool EndedInQuotes, FileSession? Session, List<string> Ignored)
    {
        /// <summary>A record longer than <see cref="MaxRecordBytes"/> was read (not refused: it was in the reader's buffer already).</summary>
        public bool LongRecord { get; init; }
    }

    /// <summary>Where the file's record longer than <see cref="MaxRecordBytes"/> starts: its line (0: not known) and its record number (the header is 1).</summary>
    readonly record struct TooLongRecord(long LineNumber, long RecordNumber);

    /// <summary>
    /// Where a file is split: the offset of the first byte of its second stretch, the length of its header line (read
    /// again before the second stretch) and the lines before the second stretch.
    /// </summary>
    readonly record struct Split(int At, int HeaderLength, long LinesBefore)
    {
        /// <summary>
        /// The first line break at or after <paramref name="from"/> with an even number of quotes before it, when the header
        /// is one plain line (no quote) and no carriage return stands alone before it; null otherwise. Only a candidate:
        /// a quote inside an unquoted field keeps the count from saying where records end, so the first stretch's reader
        /// says whether its input ended inside quotes (<see cref="ReadSplit"/> then reads the file whole).
        /// </summary>
        public static Split? Find(ReadOnlySpan<byte> text, int from)
        {
            if (from <= 0 || from >= text.Length) return null;
            var header = text.IndexOf((byte)'\n');
            if (header <= 0 || header >= from || text[..header].Contains((byte)'"') || text[..header].TrimEnd((byte)'\r').IsEmpty) return null;
            var quotes = text[..from].Count((byte)'"');
            for (var at = from; at < text.Length;)
            {
                var lf = text[at..].IndexOf((byte)'\n');
                if (lf < 0) return null;
                quotes += text.Slice(at, lf).Count((byte)'"');
                at += lf + 1;
                if (quotes % 2 != 0) continue;
                if (at >= text.Length || LoneCarriageReturn(text[..at])) return null;
                return new Split(at, header + 1, text[..at].Count((byte)'\n'));
            }
            return null;
        }

        static bool LoneCarriageReturn(ReadOnlySpan<byte> s)
        {
            for (var i = s.IndexOf((byte)'\r'); i >= 0; i = s.IndexOf((byte)'\r'))
            {
                if (i + 1 >= s.Length || s[i + 1] != '\n') return true;
                s = s[(i + 2)..];
            }
            return false;
        }
    }

    /// <summary>
    /// The file read in two stretches side by side: the first (with the header) on this thread, the second (after the
    /// header line again) on the thread pool, the second's rows then appended to the first's. Null when the result could
    /// differ from a whole read, which the caller then does: the first stretch ended inside quotes (the split was not at a
    /// record boundary), the two stretches accepted a key twice (the second's row is a duplicate when read whole), or a
    /// record is longer than <see cref="MaxRecordBytes"/> (whether a reader refuses it depends on where it falls in the
    /// reader's buffer, which is not the same in a stretch: docs of CsvReaderOptions.MaxRecordSize).
    /// </summary>
    static Stretch? ReadSplit(FileText file, ArraySegment<byte> text, Split split)
    {
        var rest = Task.Run(() => ReadStretch(file, [text[..split.HeaderLength], text[split.At..]], split.LinesBefore - 1, last: true,
            expectedRows: ExpectedRows(file.Feed, text[split.At..]) + 1));
        Stretch first;
        // Room for the whole file's rows in the first stretch's session: the second's are appended to it.
        try { first = ReadStretch(file, [text[..split.At]], 0, last: false, expectedRows: ExpectedRows(file.Feed, text)); }
        catch
        {
            // This stretch's failure is the read's (the other's, if any, is let go with it).
            try { rest.Wait(); }
            catch (Exception) { }
            throw;
        }
        // (Awaited, not waited: a failure of the second stretch is thrown as itself, as reading whole would throw it.)
        var second = rest.GetAwaiter().GetResult();
        if (first.EndedInQuotes || first.TooLong is not null || second.TooLong is not null || first.LongRecord || second.LongRecord) return null;
        var rowsRead = first.RowsRead + second.RowsRead;
        if (first.Rejected is not null || second.Rejected is not null) return first with { RowsRead = rowsRead, Rejected = first.Rejected ?? second.Rejected, Session = null };
        if (first.Session!.FileKeys.Overlaps(second.Session!.FileKeys)) return null;
        first.Session.Append(second.Session);
        Interlocked.Increment(ref splitReads);
        return first with { RowsRead = rowsRead };
    }

    /// <summary>
    /// Reads the records of <paramref name="text"/> (which starts with the file's header line) into a session of its own.
    /// <paramref name="lineOffset"/>: the lines of the file before <paramref name="text"/>'s second line, less one; <paramref name="last"/>: its
    /// end is the file's.
    /// </summary>
    /// <param name="expectedRows">About how many rows the stretch holds (its lines): its session makes room for them at once.</param>
    static Stretch ReadStretch(FileText file, ArraySegment<byte>[] text, long lineOffset, bool last, int expectedRows = 0)
    {
        var malformed = new Dictionary<long, CsvMalformedReason>();
        var options = CsvReaderOptions.Default with
        {
            Separator = ',',
            HasHeader = true,
            Mode = CsvMode.Rfc4180,
            AllowLineBreaksInQuotes = true,
            SkipEmptyLines = true,
            TrackLineNumbers = true,
            IncludeValuesInExceptions = false,
            MaxRecordSize = MaxRecordBytes,
            MalformedData = CsvMalformedDataHandling.Recover,
            FieldCountMismatch = CsvFieldCountHandling.Allow,
            MissingField = CsvMissingFieldHandling.ReturnEmpty,
            // No string pool: it takes a lock and a hash insert per new value, and most values of the large files are new
            // (ids, addresses, names; ~2 CPU-s per 190,000-household snapshot). The values kept from a row are unique
            // anyway or canonical instances (dong, housing type, tenure); the rest are parsed and dropped.
            PoolStrings = false,
            OnMalformedRecord = m => malformed[m.LineNumber] = m.Reason,
        };
        var length = text.Sum(t => (long)t.Count);
        // A stream, not the bytes in memory: only a buffered reader checks MaxRecordSize.
        using var reader = CsvReader.Create(new SegmentsStream(text), options);
        var rowsRead = 0;
        string? rejected = null;
        // A record that runs to the end of a stretch that ends with a line break (not the file's last) ended inside quotes.
        var endedInQuotes = false;
        var longRecord = false;
        try
        {
            var headers = reader.Headers;
            var feedReader = FeedReaders.For(file.Feed);
            var columns = feedReader.Columns;
            var (fieldIndex, ignored, headerProblem) = MapHeader(columns, headers);
            rejected = headerProblem;
            var session = new FileSession(file.FileName, file.Sha256, file.Context, file.NowKst, file.SnapshotDate, reader, file.Tips, lineOffset);
            session.ExpectRows(file.Feed, expectedRows);
            var check = new RowCheck(reader, columns, fieldIndex, file.NowKst);
            var rows = feedReader.Create(name => IndexOf(columns, name));

            while (reader.Read())
            {
                rowsRead++;
                var raw = reader.RawRecord;
                var isLast = reader.ByteOffset + raw.Length >= length;
                endedInQuotes |= isLast && !last;
                longRecord |= raw.Length > MaxRecordBytes;
                if (rejected is not null) continue; // keep counting, so the ledger says how many rows were refused
                if (ResidentNumberGuard.ContainsResidentNumber(raw))
                {
                    rejected = $"줄 {session.LineNumber}에 주민등록번호로 보이는 값(######-#######)이 있어 파일 전체를 받지 않았습니다. " +
                               "주민등록번호를 뺀 파일을 다시 보내 주세요.";
                    continue;
                }
                if (TextGuard.HasInvalidCharacter(raw))
                {
                    session.QuarantineRow(null, TextGuard.InvalidCharacterReason);
                    continue;
                }
                session.CurrentRowMayBeCut = isLast && last && !file.EndsWithLineBreak;
                malformed.TryGetValue(reader.LineNumber, out var quoting);
                if (quoting == CsvMalformedReason.UnterminatedQuote)
                    session.QuarantineRow(null, "따옴표가 닫히지 않은 채 파일이 끝났습니다: 파일이 중간에 잘렸거나 따옴표가 빠졌습니다. 원본을 다시 보내 주세요.");
                else if (quoting == CsvMalformedReason.TextAfterClosingQuote)
                    session.QuarantineRow(null, "닫는 따옴표 뒤에 글자가 있습니다 (CSV 따옴표 규칙 위반). 값을 따옴표로 바르게 감싸 주세요.");
                else if (reader.FieldCount != headers.Count)
                    session.QuarantineRow(null, session.CurrentRowMayBeCut && reader.FieldCount < headers.Count
                        ? "파일이 행 중간에서 끝났습니다 (마지막 행이 잘림). 원본을 다시 보내 주세요."
                        : $"열 개수({reader.FieldCount})가 헤더의 열 개수({headers.Count})와 다릅니다. 값 안의 쉼표는 따옴표로 감싸 주세요.");
                else if (session.CurrentRowMayBeCut && file.JustWritten)
                    session.QuarantineRow(null, UnfinishedLastRowReason);
                else
                {
                    check.Reset();
                    rows.Read(check, session);
                }
            }
            return new Stretch(rowsRead, rejected, null, endedInQuotes, session, ignored) { LongRecord = longRecord };
        }
        catch (CsvFormatException e)
        {
            // Reported only by a whole read: a stretch that meets one makes the split read fall back to it (ReadSplit).
            return new Stretch(rowsRead, rejected, new TooLongRecord(e.LineNumber, e.RecordNumber), endedInQuotes, null, []);
        }
    }

    /// <summary>
    /// About how many rows a household or crisis file's <paramref name="text"/> holds, from its line breaks (a line break
    /// inside quotes counts too, and the header line): its rows' lists and key set are made that large at once instead of
    /// doubling as the rows come (at 250,000 households ~20 doublings of each, each copying what it held, most of them too
    /// large for the collector's young generations). 0 for the other feeds, whose files are small.
    /// </summary>
    static int ExpectedRows(Feed feed, ReadOnlySpan<byte> text) =>
        feed is Feed.Households or Feed.Crisis ? text.Count((byte)'\n') : 0;

    /// <summary>
    /// Array segments read one after the other as one stream, copied from where they are: a second stretch is the file's
    /// header line and then the rest of the file (no copy of half a snapshot made for it).
    /// </summary>
    sealed class SegmentsStream(ArraySegment<byte>[] segments) : Stream
    {
        int segment, at;

        public override int Read(Span<byte> buffer)
        {
            while (segment < segments.Length && at == segments[segment].Count) (segment, at) = (segment + 1, 0);
            if (segment == segments.Length) return 0;
            var n = Math.Min(buffer.Length, segments[segment].Count - at);
            segments[segment].AsSpan(at, n).CopyTo(buffer);
            at += n;
            return n;
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    static int IndexOf(IReadOnlyList<ColumnDef> columns, string name)
    {
        for (var i = 0; i < columns.Count; i++) if (columns[i].Name == name) return i;
        throw new ArgumentException($"No column {name} in the schema.", nameof(name));
    }

    /// <summary>
    /// Header names, trimmed and compared case-insensitively (inner spaces ignored) with the English name and the
    /// aliases. Returns the field of each schema column (-1 when absent), the ignored extra columns, and the reason
    /// to refuse the file: a resident-number column, a column given twice, or missing required columns (all named).
    /// </summary>
    internal static (int[] FieldIndex, List<string> Ignored, string? Problem) MapHeader(IReadOnlyList<ColumnDef> columns, IReadOnlyList<string> headers)
    {
        var fieldIndex = Enumerable.Repeat(-1, columns.Count).ToArray();
        var ignored = new List<string>();
        if (headers.Count == 0) return (fieldIndex, ignored, "빈 파일입니다 (헤더 행이 없음).");
        for (var f = 0; f < headers.Count; f++)
        {
            var name = headers[f].Trim().Trim('\uFEFF').Trim();
            if (ResidentNumberGuard.IsResidentNumberHeader(name) || ResidentNumberGuard.ContainsResidentNumber(name))
                return (fieldIndex, ignored, $"{f + 1}번째 열이 주민등록번호 열로 보여 파일 전체를 받지 않았습니다. 주민등록번호는 받지 않습니다: 그 열을 뺀 파일을 다시 보내 주세요.");
            var c = Match(columns, name);
            if (c < 0)
            {
                // An unknown header is named only when it looks like one (a file without header row has values there).
                ignored.Add(name.Length == 0 ? $"({f + 1}번째 열, 이름 없음)" : TextGuard.LooksLikeHeader(name) ? name : $"({f + 1}번째 열)");
                continue;
            }
            if (fieldIndex[c] >= 0)
                return (fieldIndex, ignored, $"열 {columns[c].Name} ({columns[c].Aliases[0]})이(가) 두 번 있습니다. 하나만 남겨 주세요.");
            fieldIndex[c] = f;
        }
        var missing = columns.Where((c, i) => c.Required && fieldIndex[i] < 0).Select(c => $"{c.Name} ({c.Aliases[0]})").ToList();
        if (missing.Count > 0 && OtherSeparator(columns, headers) is { } separator)
            return (fieldIndex, ignored, $"열 구분자가 쉼표(,)가 아니라 {separator}입니다. 쉼표로 구분한 CSV('CSV UTF-8(쉼표로 분리)')로 저장해 다시 보내 주세요.");
        if (missing.Count > 0)
            return (fieldIndex, ignored, $"필수 열이 없습니다: {string.Join(", ", missing)}. 파일 전체를 받지 않았습니다.");
        return (fieldIndex, ignored, null);
    }

    /// <summary>
    /// The separator the header row was written with when it is not a comma (a semicolon from a European Excel, a tab
    /// from "텍스트(탭으로 분리)", a vertical bar): the header split by it names every required column. Null otherwise.
    /// </summary>
    static string? OtherSeparator(IReadOnlyList<ColumnDef> columns, IReadOnlyList<string> headers)
    {
        var line = string.Join(',', headers);
        foreach (var (separator, name) in new[] { (';', "세미콜론(;)"), ('\t', "탭"), ('|', "세로줄(|)") })
        {
            var names = line.Split(separator).Select(h => h.Trim().Trim('\uFEFF').Trim()).ToList();
            if (names.Count > 1 && columns.Where(c => c.Required).All(c => names.Any(h => Match([c], h) == 0))) return name;
        }
        return null;
    }

    static int Match(IReadOnlyList<ColumnDef> columns, string header)
    {
        var key = Squeeze(header);
        for (var i = 0; i < columns.Count; i++)
        {
            if (string.Equals(Squeeze(columns[i].Name), key, StringComparison.OrdinalIgnoreCase)) return i;
            foreach (var a in columns[i].Aliases)
                if (string.Equals(Squeeze(a), key, StringComparison.OrdinalIgnoreCase)) return i;
        }
        return -1;
    }

    static string Squeeze(string s) => s.Contains(' ') ? s.Replace(" ", "") : s;

    /// <summary>households_&lt;yyyyMMdd&gt;[_anything].csv; no date in the name = the day of ingest.</summary>
    public static (DateOnly Date, string? Problem) SnapshotDateFromName(string fileName, DateOnly today)
    {
        if (DatePart(fileName) is not { } digits) return (today, null);
        const string problemHint = "세대 명부 파일 이름의 날짜를 읽을 수 없습니다 (households_yyyyMMdd.csv 형식). 파일 이름을 고쳐 주세요.";
        if (digits.Length != 8 || FieldParsers.TryDate(digits, out var date) != FieldParsers.DateStatus.Ok) return (today, problemHint);
        if (date > today) return (today, "세대 명부 파일 이름의 날짜가 미래입니다. 파일 이름을 고쳐 주세요.");
        if (date < DateWindows.EarliestEvent(today))
            return (today, $"세대 명부 파일 이름의 날짜가 너무 이릅니다 ({DateWindows.EarliestEvent(today):yyyy-MM-dd} 이전). 파일 이름을 고쳐 주세요.");
        return (date, null);
    }

    static List<string> Notes(List<string> ignored, FileSession s)
    {
        var notes = new List<string>();
        if (ignored.Count > 0) notes.Add($"계약에 없는 열은 무시했습니다: {string.Join(", ", ignored)}");
        foreach (var (remark, count) in s.Remarks) notes.Add($"{remark}: {count}행");
        if (s.UnmatchedTipIds.Count > 0)
        {
            const int listed = 20;
            var ids = string.Join(", ", s.UnmatchedTipIds.Take(listed));
            var more = s.UnmatchedTipIds.Count > listed ? $" 외 {s.UnmatchedTipIds.Count - listed}건" : "";
            notes.Add($"세대를 찾지 못한 제보 {s.UnmatchedTipIds.Count}건 (보관함, 세대 미지정): {ids}{more}");
        }
        return notes;
    }
}
