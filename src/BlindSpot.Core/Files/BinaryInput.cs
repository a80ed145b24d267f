using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace BlindSpot.Core.Files;

/// <summary>
/// Reads what a <see cref="BinaryWriter"/> with UTF-8 wrote, value for value as <see cref="BinaryReader"/> reads it
/// (little-endian integers, a byte per bool, a string as its 7-bit encoded byte length and UTF-8 bytes, a decimal as
/// its four 32-bit parts), from one buffer: a byte array held whole, or a stream read into a pooled buffer in large
/// sequential reads. Values are cut from the buffer as spans and a string is decoded once, straight into its string.
/// BinaryReader asks its stream for every 4-byte value and decodes a string through a char buffer: the kept copies of
/// a district (the registry, the history: ~10 million values at 190,000 households) read in about half the CPU this way
/// (docs/adr/0006, "Loading the district").
/// Ending early throws <see cref="EndOfStreamException"/>, a malformed length <see cref="FormatException"/> and a
/// malformed decimal <see cref="ArgumentException"/>.
/// </summary>
public sealed class BinaryInput : IDisposable
{
    readonly Stream? stream;
    readonly bool pooled;
    byte[] buffer;
    int position, end;
    long consumedBefore;

    /// <summary>Reads <paramref name="bytes"/> in place (nothing is copied).</summary>
    public BinaryInput(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        buffer = bytes;
        end = bytes.Length;
    }

    /// <summary>Reads <paramref name="stream"/> from its position through a pooled buffer of <paramref name="bufferSize"/> bytes (left open).</summary>
    public BinaryInput(Stream stream, int bufferSize = 1 << 20)
    {
        ArgumentNullException.ThrowIfNull(stream);
        this.stream = stream;
        pooled = true;
        buffer = ArrayPool<byte>.Shared.Rent(bufferSize);
    }

    /// <summary>How many bytes have been read.</summary>
    public long Position => consumedBefore + position;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    ReadOnlySpan<byte> Take(int count)
    {
        if (end - position < count) Fill(count);
        var span = new ReadOnlySpan<byte>(buffer, position, count);
        position += count;
        return span;
    }

    /// <summary>Moves what is left to the front and reads until <paramref name="count"/> bytes are there.</summary>
    void Fill(int count)
    {
        if (stream is null) throw new EndOfStreamException();
        var left = end - position;
        // A length read from a damaged file must not ask for more memory than the stream still holds.
        if (stream.CanSeek && count - left > stream.Length - stream.Position) throw new EndOfStreamException();
        if (count > buffer.Length)
        {
            var larger = ArrayPool<byte>.Shared.Rent(count);
            Buffer.BlockCopy(buffer, position, larger, 0, left);
            ArrayPool<byte>.Shared.Return(buffer);
            buffer = larger;
        }
        else
        {
            Buffer.BlockCopy(buffer, position, buffer, 0, left);
        }
        consumedBefore += position;
        (position, end) = (0, left);
        while (end < count)
        {
            var read = stream.Read(buffer, end, buffer.Length - end);
            if (read == 0) throw new EndOfStreamException();
            end += read;
        }
    }

    /// <summary>The next <paramref name="count"/> bytes, valid until the next read.</summary>
    public ReadOnlySpan<byte> ReadBytes(int count) => count >= 0 ? Take(count) : throw new ArgumentOutOfRangeException(nameof(count));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public byte ReadByte() => Take(1)[0];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool ReadBoolean() => Take(1)[0] != 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int ReadInt32() => BinaryPrimitives.ReadInt32LittleEndian(Take(4));

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public decimal ReadDecimal()
    {
        var bytes = Take(16);
        // lo, mid, hi, flags, as BinaryWriter writes them; flags with an invalid scale or sign throw.
        ReadOnlySpan<int> parts =
        [
            BinaryPrimitives.ReadInt32LittleEndian(bytes), BinaryPrimitives.ReadInt32LittleEndian(bytes[4..]),
            BinaryPrimitives.ReadInt32LittleEndian(bytes[8..]), BinaryPrimitives.ReadInt32LittleEndian(bytes[12..]),
        ];
        return new decimal(parts);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public string ReadString()
    {
        var length = Read7BitEncodedInt();
        if (length < 0) throw new FormatException("A negative string length.");
        return length == 0 ? "" : Encoding.UTF8.GetString(Take(length));
    }

    /// <summary>
    /// A string written by <see cref="BinaryText.WriteText"/>: its length in chars (7-bit encoded, shifted left once, the
    /// low bit set for UTF-16), then its chars as ASCII bytes or as UTF-16LE. Nothing to decode: ASCII is widened and
    /// UTF-16 copied (UTF-8 decoding was half of reading the kept copies, whose addresses and names are Hangul).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public string ReadText()
    {
        var header = Read7BitEncodedInt();
        var length = header >>> 1;
        if (length == 0) return "";
        if ((header & 1) == 0)
        {
            var ascii = Take(length);
            if (!Ascii.IsValid(ascii)) throw new FormatException("A non-ASCII byte in an ASCII string.");
            return Encoding.Latin1.GetString(ascii);
        }
        var utf16 = Take(checked(length * 2));
        if (BitConverter.IsLittleEndian) return new string(MemoryMarshal.Cast<byte, char>(utf16));
        return string.Create(length, utf16.ToArray(), static (chars, bytes) =>
        {
            for (var i = 0; i < chars.Length; i++) chars[i] = (char)BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(i * 2));
        });
    }

    /// <summary>An int as BinaryReader.Read7BitEncodedInt reads it: at most five bytes, the fifth holding four bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    int Read7BitEncodedInt()
    {
        var value = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = ReadByte();
            if (shift == 28 && b > 0b1111) throw new FormatException("A 7-bit encoded int of more than 32 bits.");
            value |= (b & 0x7F) << shift;
            if (b < 0x80) return value;
        }
    }

    public void Dispose()
    {
        if (pooled && buffer.Length > 0) ArrayPool<byte>.Shared.Return(buffer);
        buffer = [];
        (position, end) = (0, 0);
    }
}

/// <summary>Writes strings for <see cref="BinaryInput.ReadText"/>.</summary>
public static class BinaryText
{
    /// <summary>
    /// <paramref name="text"/> as its length in chars (7-bit encoded, shifted left once, the low bit set for UTF-16), then
    /// its chars: one byte each when all are ASCII, else UTF-16LE (every char as it is, a lone surrogate too).
    /// </summary>
    public static void WriteText(this BinaryWriter w, string text)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > int.MaxValue / 2) throw new ArgumentException("Too long a string.", nameof(text));
        var ascii = Ascii.IsValid(text);
        w.Write7BitEncodedInt(text.Length << 1 | (ascii ? 0 : 1));
        if (text.Length == 0) return;
        if (ascii)
        {
            Span<byte> bytes = text.Length <= 1024 ? stackalloc byte[text.Length] : new byte[text.Length];
            Encoding.ASCII.GetBytes(text, bytes);
            w.Write(bytes);
        }
        else if (BitConverter.IsLittleEndian)
        {
            w.Write(MemoryMarshal.AsBytes(text.AsSpan()));
        }
        else
        {
            foreach (var c in text) w.Write((ushort)c); // BinaryWriter writes little-endian
        }
    }
}
