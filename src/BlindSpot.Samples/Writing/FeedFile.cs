using System.Text;
using BlindSpot.Core.Contract;
using BlindSpot.Samples.Population;

namespace BlindSpot.Samples.Writing;

/// <summary>The columns of a feed, its Korean aliases, the broken-row kinds it gets and how to break a row.</summary>
/// <param name="Key">The duplicate key of a row (null where the feed has none the contract names).</param>
/// <param name="Break">A copy of a valid row with a fresh key, broken in the given way (canonical column order).</param>
internal sealed record FeedSpec(
    Feed Feed,
    string[] English,
    string[] Korean,
    BrokenKind[] Kinds,
    Func<string?[], string?>? Key,
    Func<BrokenKind, string?[], FeedFile, string?[]> Break);

/// <summary>Cross-file memory of one feed: which broken kinds it got so far, and rows of earlier files to repeat.</summary>
internal sealed class FeedState(FeedSpec spec)
{
    public FeedSpec Spec { get; } = spec;
    public int NextKind { get; set; }
    public HashSet<BrokenKind> Used { get; } = [];
    public List<string?[]> EarlierRows { get; } = [];
    /// <summary>Counter for the fresh keys of broken rows, feed-wide so they never repeat across files.</summary>
    public int Fresh { get; set; }
}

internal enum Truncation { None, MidField, InsideQuote }

/// <summary>
/// Streams one CSV file: valid rows as they come, and about 1% deliberately broken rows slipped in between,
/// every one of them counted for the manifest.
/// </summary>
/// <remarks>
/// Written by hand, not through CsvHelper (which every other CSV BlindSpot writes goes through): the broken rows must
/// come out malformed (a file cut mid-field or inside an open quote, a row with a field too many or too few), which a
/// well-behaved writer refuses to produce or repairs.
/// </remarks>
internal sealed class FeedFile : IDisposable
{
    const int Reservoir = 64;
    readonly StreamWriter writer;
    readonly FeedState state;
    readonly int[] order;
    readonly (int After, BrokenKind Kind)[] plan;
    readonly List<string?[]> recent = [];
    readonly SortedDictionary<BrokenKind, int> broken = new();
    readonly StringBuilder line = new();
    int planned, good, duplicates, quarantined, unknownCodes, records;
    bool finished;

    /// <param name="clean">No deliberately broken rows (the day-by-day files of <see cref="World.Continuation"/>).</param>
    public FeedFile(string directory, string name, FeedState state, FileFormat format, int goodRows, bool lastOfFeed, Rng rng, DateOnly asOf,
        bool clean = false)
    {
        Name = name;
        this.state = state;
        Format = format;
        Rng = rng;
        AsOf = asOf;
        var spec = state.Spec;
        order = Enumerable.Range(0, spec.English.Length).ToArray();
        if (format.Shuffle) rng.Shuffle(order);

        // About 1% broken, kinds in rotation over the feed's files; the last file tops up any kind not seen yet.
        var count = goodRows == 0 || clean ? 0 : Math.Max(1, (int)Math.Round(goodRows * 0.01));
        var kinds = new List<BrokenKind>();
        for (var i = 0; i < count; i++) kinds.Add(spec.Kinds[state.NextKind++ % spec.Kinds.Length]);
        if (lastOfFeed && goodRows > 0 && !clean)
            foreach (var k in spec.Kinds.Distinct())
                if (!state.Used.Contains(k) && !kinds.Contains(k)) kinds.Add(k);
        for (var i = 0; i < kinds.Count; i++)
            if (kinds[i] == BrokenKind.DuplicateAcrossFiles && state.EarlierRows.Count == 0) kinds[i] = BrokenKind.DuplicateInFile;
        plan = kinds.Select(k => (rng.Int(1, goodRows), k)).OrderBy(p => p.Item1).ThenBy(p => p.k).ToArray();

        writer = new StreamWriter(Path.Combine(directory, name), append: false, format.TextEncoding, bufferSize: 1 << 16) { NewLine = format.NewLine };
        var headers = order.Select(i => format.KoreanHeaders ? spec.Korean[i] : spec.English[i]).ToList();
        if (format.ExtraColumn is not null) headers.Add(format.ExtraColumn);
        writer.Write(string.Join(',', headers));
        writer.Write(format.NewLine);
    }

    public string Name { get; }
    public FileFormat Format { get; }
    public Rng Rng { get; }
    public DateOnly AsOf { get; }
    /// <summary>Keys of the rows written to this file (valid and broken), so that broken rows get fresh ones.</summary>
    public HashSet<string> Keys { get; } = new(StringComparer.Ordinal);
    public int Fresh { get => state.Fresh; set => state.Fresh = value; }

    public void Good(string?[] row, bool unknownCode = false)
    {
        Emit(row);
        good++;
        if (unknownCode) unknownCodes++;
        if (state.Spec.Key?.Invoke(row) is { } key) Keys.Add(key);
        // Keep a uniform sample of this file's rows for duplicates (reservoir sampling).
        if (recent.Count < Reservoir) recent.Add(row);
        else if (Rng.Int(0, good - 1) is var j && j < Reservoir) recent[j] = row;
        while (planned < plan.Length && plan[planned].After == good) Broken(plan[planned++].Kind, row);
    }

    void Broken(BrokenKind kind, string?[] template)
    {
        broken[kind] = broken.GetValueOrDefault(kind) + 1;
        state.Used.Add(kind);
        records++;
        switch (kind)
        {
            case BrokenKind.DuplicateInFile:
                EmitRaw(Line(Rng.Pick(recent)));
                duplicates++;
                return;
            case BrokenKind.DuplicateAcrossFiles:
                EmitRaw(Line(Rng.Pick(state.EarlierRows)));
                duplicates++;
                return;
            case BrokenKind.WrongFieldCount:
            {
                var row = state.Spec.Break(kind, template, this);
                var fields = Permuted(row);
                if (Rng.Chance(0.5)) fields.Add("확인요망");
                else fields.RemoveAt(fields.Count - 1);
                EmitRaw(string.Join(',', fields.Select(Escape)));
                quarantined++;
                return;
            }
            default:
                EmitRaw(Line(state.Spec.Break(kind, template, this)));
                quarantined++;
                return;
        }
    }

    /// <summary>Closes the file; a truncated last line is a fresh broken row cut short with no newline after it.</summary>
    public SampleFile Finish(Truncation truncation = Truncation.None)
    {
        if (truncation != Truncation.None && recent.Count > 0)
        {
            var row = state.Spec.Break(BrokenKind.TruncatedLastLine, Rng.Pick(recent), this);
            var fields = Permuted(row);
            string text;
            if (truncation == Truncation.InsideQuote)
            {
                // Cut inside the quoted note: everything up to the longest field, then half of it after an open quote.
                var longest = 0;
                for (var i = 1; i < fields.Count; i++) if ((fields[i]?.Length ?? 0) > (fields[longest]?.Length ?? 0)) longest = i;
                var note = (fields[longest] ?? "").Replace("\"", "\"\"");
                text = string.Join(',', fields.Take(longest).Select(Escape)) + (longest > 0 ? "," : "") + "\"" + note[..Math.Max(1, note.Length / 2)];
            }
            else
            {
                // Cut in the middle of the second field: too few fields, the last one half written.
                var head = Escape(fields[0]) + ",";
                var second = Escape(fields[1]);
                text = head + second[..Math.Max(1, second.Length / 2)];
            }
            writer.Write(text);
            records++;
            quarantined++;
            broken[BrokenKind.TruncatedLastLine] = broken.GetValueOrDefault(BrokenKind.TruncatedLastLine) + 1;
            state.Used.Add(BrokenKind.TruncatedLastLine);
        }
        Dispose();
        state.EarlierRows.Clear();
        state.EarlierRows.AddRange(recent);
        return new SampleFile(Name, state.Spec.Feed, Format.EncodingName, Format.KoreanHeaders, records, good, duplicates, quarantined,
            unknownCodes, Format.ExtraColumn is null ? [] : [Format.ExtraColumn], new SortedDictionary<BrokenKind, int>(broken));
    }

    void Emit(string?[] row)
    {
        records++;
        EmitRaw(Line(row));
    }

    void EmitRaw(string text)
    {
        writer.Write(text);
        writer.Write(Format.NewLine);
    }

    List<string?> Permuted(string?[] row)
    {
        var fields = new List<string?>(order.Length + 1);
        foreach (var i in order) fields.Add(row[i]);
        if (Format.ExtraColumn is not null) fields.Add("");
        return fields;
    }

    string Line(string?[] row)
    {
        line.Clear();
        for (var k = 0; k < order.Length; k++)
        {
            if (k > 0) line.Append(',');
            line.Append(Escape(row[order[k]]));
        }
        if (Format.ExtraColumn is not null) line.Append(',');
        return line.ToString();
    }

    /// <summary>RFC 4180: quote a field holding a comma, a quote, a line break or edge spaces.</summary>
    internal static string Escape(string? v)
    {
        if (string.IsNullOrEmpty(v)) return "";
        var quote = v.AsSpan().IndexOfAny(",\"\r\n") >= 0 || v[0] == ' ' || v[^1] == ' ';
        return quote ? "\"" + v.Replace("\"", "\"\"") + "\"" : v;
    }

    public void Dispose()
    {
        if (finished) return;
        finished = true;
        writer.Dispose();
    }
}
