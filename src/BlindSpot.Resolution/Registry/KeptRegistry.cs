using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using BlindSpot.Core.Domain;
using BlindSpot.Core.Files;
using BlindSpot.Core.Ingest;

namespace BlindSpot.Resolution.Registry;

/// <summary>
/// The registry as ingest and tip resolution need it, in one blob kept between runs: the newest version of every
/// household in the order the store reads them (that order decides resolution ties) and their addresses taken apart
/// (<see cref="RegistryAddresses"/>). Reading it back gives the same households in the same order, and an index built
/// from them the same index, without reading every version of the registry or parsing its addresses again.
/// Holds names, phones and addresses: it belongs in the store, beside the registry it copies.
/// </summary>
public static class KeptRegistry
{
    // 2: the members, infants, single parent, pregnancy and housing type (evidence of what a tip says of the person).
    // 3: the households' strings as ASCII or UTF-16 (BinaryText): nothing to decode when read.
    // 4: the index's own parts (RegistryIndex.WriteKept) after the households, the addresses taken apart as a section of
    //    their own (decoded on use), and a SHA-256 of everything before it at the end.
    const int FormatVersion = 4;
    static readonly byte[] Magic = "BSREG"u8.ToArray();
    const int ChecksumLength = 32;

    // The build of the address parser (this assembly and BlindSpot.Core, whose dong names it reads): addresses taken
    // apart by another build may be taken apart differently, so a copy written by another build is not used.
    static readonly byte[] ParserBuild =
    [
        .. typeof(RegistryAddresses).Assembly.ManifestModule.ModuleVersionId.ToByteArray(),
        .. typeof(Core.Contract.Dongs).Assembly.ManifestModule.ModuleVersionId.ToByteArray(),
    ];

    /// <summary>The copy of <paramref name="households"/> with the index built from them and <paramref name="addresses"/>.</summary>
    public static byte[] Write(IReadOnlyCollection<HouseholdRef> households, RegistryAddresses addresses)
    {
        ArgumentNullException.ThrowIfNull(households);
        ArgumentNullException.ThrowIfNull(addresses);
        return Write(households, new RegistryIndex(households, addresses));
    }

    /// <summary>
    /// The copy of <paramref name="households"/> and of <paramref name="index"/>, which must be their index (built from
    /// them, in their order): a run that reads the copy builds the same index from its parts.
    /// </summary>
    public static byte[] Write(IReadOnlyCollection<HouseholdRef> households, RegistryIndex index)
    {
        ArgumentNullException.ThrowIfNull(households);
        ArgumentNullException.ThrowIfNull(index);
        if (!index.Indexes(households)) throw new ArgumentException("The index is not the households' index.", nameof(index));
        // Written twice, the first time only counted: the blob (~33 MB at 190,000 households) is then allocated once at
        // its size, instead of a growing buffer (up to twice the size) and its copy held at once (~100 MB of peak in
        // the run that keeps it: docs/benchmarks.md, ninth pass).
        var addresses = index.Addresses;
        var counted = new CountingStream();
        using (var w = new BinaryWriter(counted, Encoding.UTF8, leaveOpen: true)) addresses.Write(w);
        var addressesLength = counted.Length;
        counted = new CountingStream();
        using (var w = new BinaryWriter(counted, Encoding.UTF8, leaveOpen: true)) WriteTo(w, households, index, addressesLength);
        var blob = new byte[counted.Length + ChecksumLength];
        using (var w = new BinaryWriter(new MemoryStream(blob), Encoding.UTF8)) WriteTo(w, households, index, addressesLength);
        SHA256.HashData(blob.AsSpan(0, blob.Length - ChecksumLength), blob.AsSpan(blob.Length - ChecksumLength));
        return blob;
    }

    static void WriteTo(BinaryWriter w, IReadOnlyCollection<HouseholdRef> households, RegistryIndex index, long addressesLength)
    {
        w.Write(Magic);
        w.Write(FormatVersion);
        w.Write(ParserBuild);
        w.Write(households.Count);
        foreach (var h in households)
        {
            w.WriteText(h.HouseholdId);
            w.WriteText(h.Dong);
            w.WriteText(h.Address);
            w.WriteText(h.HeadName);
            w.Write(h.SnapshotDate.DayNumber);
            w.Write(h.Phone is not null);
            if (h.Phone is not null) w.WriteText(h.Phone);
            w.Write((byte)(h.HeadSex is { } sex ? (int)sex + 1 : 0));
            w.Write(h.HeadBirthYear);
            w.Write(h.Members);
            w.Write(h.ChildrenUnder2);
            w.Write((byte)((h.SingleParent ? 1 : 0) | (h.Pregnant ? 2 : 0)));
            w.WriteText(h.HousingType ?? "");
        }
        index.WriteKept(w);
        w.Write(checked((int)addressesLength));
        index.Addresses.Write(w);
        w.Flush();
    }

    /// <summary>A stream that only counts the bytes written to it.</summary>
    sealed class CountingStream : Stream
    {
        long length;

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => length;
        public override long Position { get => length; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override void Write(byte[] buffer, int offset, int count) => length += count;
        public override void Write(ReadOnlySpan<byte> buffer) => length += buffer.Length;
        public override void WriteByte(byte value) => length++;
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }

    /// <summary>
    /// The households (in their order) and addresses of <paramref name="blob"/>; false when it is not a blob of this
    /// format, was written by another build of the address parser, or is damaged: the caller reads the registry from the
    /// store instead.
    /// </summary>
    /// <param name="damage">
    /// Set when the blob is of this format and build but damaged (not merely another format or build, which is expected
    /// after an upgrade): what is wrong, for the caller's warning; an exception by its type only (its text could carry
    /// the blob's content).
    /// </param>
    public static bool TryRead(byte[] blob, out List<HouseholdRef> households, out RegistryAddresses addresses, out string? damage)
    {
        addresses = null!;
        if (!TryReadIndexed(blob, out households, out var index, out damage)) return false;
        addresses = index.Addresses;
        return true;
    }

    /// <summary>
    /// The households (in their order) of <paramref name="blob"/> and their index's parts (<see cref="KeptIndex"/>: the
    /// index of the households is built from them, the addresses taken apart are decoded on first use); false as
    /// <see cref="TryRead(byte[], out List{HouseholdRef}, out RegistryAddresses, out string?)"/>.
    /// </summary>
    public static bool TryReadIndexed(byte[] blob, out List<HouseholdRef> households, out KeptIndex index, out string? damage)
    {
        ArgumentNullException.ThrowIfNull(blob);
        households = [];
        index = null!;
        damage = null;
        try
        {
            // Read in place (BinaryInput: the blob is not copied, about half BinaryReader's CPU). A blob too short for its
            // magic or build is of another format, as BinaryReader's short reads made it.
            var input = new BinaryInput(blob);
            if (!blob.AsSpan().StartsWith(Magic)) return false;
            input.ReadBytes(Magic.Length);
            if (input.ReadInt32() != FormatVersion || blob.Length - input.Position < ParserBuild.Length
                || !input.ReadBytes(ParserBuild.Length).SequenceEqual(ParserBuild)) return false;
            // Of this format and build: every byte is checked before any count in it is believed (a bit flipped in an
            // index number would otherwise send a tip to another household, not fail).
            if (blob.Length < input.Position + ChecksumLength
                || !SHA256.HashData(blob.AsSpan(0, blob.Length - ChecksumLength)).AsSpan().SequenceEqual(blob.AsSpan(blob.Length - ChecksumLength)))
            {
                damage = "a checksum that does not match";
                return false;
            }
            if (ReadHouseholds(input) is not { } list)
            {
                damage = "a negative household count";
                return false;
            }
            // The addresses' section is copied out and decoded when first asked for (an index built anew needs them; the
            // index of these households does not).
            var addressBytes = Array.Empty<byte>(); // set below, before the copy is handed out
            var lazy = new Lazy<RegistryAddresses>(() => RegistryAddresses.Read(new BinaryInput(addressBytes))
                ?? throw new InvalidDataException("The kept addresses are of another format."));
            if (RegistryIndex.ReadKept(input, list, lazy) is not { } kept)
            {
                damage = "an index that does not hold together";
                return false;
            }
            var length = input.ReadInt32();
            var addressesAt = input.Position;
            if (length < 0 || blob.Length - ChecksumLength - addressesAt != length)
            {
                damage = "bytes after the end";
                return false;
            }
            addressBytes = blob.AsSpan(checked((int)addressesAt), length).ToArray();
            (households, index) = (list, kept);
            return true;
        }
        catch (Exception e) when (e is EndOfStreamException or IOException or FormatException or ArgumentException or OverflowException)
        {
            damage = e.GetType().Name;
            return false;
        }
    }

    // TryGetValue and the indexer, not CollectionsMarshal.GetValueRefOrAddDefault: that generic helper is not in CoreLib's
    // ready-to-run image either and ran unoptimized here (0.83 s of a traced read under load against 0.14 s for main's
    // two TryGetValue lookups per household).
    static string Shared(string s, Dictionary<string, string> values)
    {
        if (values.TryGetValue(s, out var known)) return known;
        values[s] = s;
        return s;
    }

    /// <summary>The households of the blob, or null for a negative count (optimized at once: it runs once per process,
    /// early, when the runtime would otherwise run its loop unoptimized for most of its ~2.6 million values).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static List<HouseholdRef>? ReadHouseholds(BinaryInput r)
    {
        var n = r.ReadInt32();
        if (n < 0) return null;
        var list = new List<HouseholdRef>(n);
        // Dongs and housing types repeat: one string per value.
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < n; i++)
        {
            var id = r.ReadText();
            var dong = Shared(r.ReadText(), values);
            var address = r.ReadText();
            // Not shared: looking up 203,300 names (34,375 different) cost 0.43 CPU-s in a trace at load 12, ~2 us a lookup
            // (why is not settled), against 0.24 for the whole read without it: more than the strings save the collector.
            var head = r.ReadText();
            var snapshot = DateOnly.FromDayNumber(r.ReadInt32());
            var phone = r.ReadBoolean() ? r.ReadText() : null;
            var sex = r.ReadByte();
            var birthYear = r.ReadInt32();
            var members = r.ReadInt32();
            var infants = r.ReadInt32();
            var flags = r.ReadByte();
            var housing = Shared(r.ReadText(), values);
            list.Add(new HouseholdRef(id, dong, address, head, snapshot, phone, sex == 0 ? null : (Sex)(sex - 1), birthYear, members, infants,
                (flags & 1) != 0, (flags & 2) != 0, housing.Length == 0 ? null : housing));
        }
        return list;
    }
}
