using System.Collections.Concurrent;

namespace BlindSpot.Resolution;

/// <summary>
/// A number for each dong string met (from 1, in the order first asked; the same string always the same number), so
/// that comparing two dongs is comparing two numbers. Safe across threads: a string asked on two threads at once gets
/// the one number stored.
/// </summary>
internal sealed class DongCodes
{
    readonly ConcurrentDictionary<string, int> codes = new(StringComparer.Ordinal);
    int last;

    public int Of(string dong) => codes.TryGetValue(dong, out var code) ? code : codes.GetOrAdd(dong, _ => Interlocked.Increment(ref last));
}
