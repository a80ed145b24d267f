using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;
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
        // The length as BinaryReader.Read7BitEncodedInt reads it: at most five bytes, the fifth holding four bits.
        var length = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = ReadByte();
            if (shift == 28 && b > 0b1111) throw new FormatException("A string length of more than 32 bits.");
            length |= (b & 0x7F) << shift;
            if (b < 0x80) break;
        }
        if (length < 0) throw new FormatException("A negative string length.");
        return length == 0 ? "" : Encoding.UTF8.GetString(Take(length));
    }

    public void Dispose()
    {
        if (pooled && buffer.Length > 0) ArrayPool<byte>.Shared.Return(buffer);
        buffer = [];
        (position, end) = (0, 0);
    }
}
