using System.Globalization;

namespace BlindSpot.Resolution.Addresses;

/// <summary>How a building number is mistaken: a neighbour's number, two digits swapped, a digit dropped or added, one digit wrong.</summary>
public static class BuildingNumbers
{
    // How a wrong number is wrong, set by hand (not fitted): mostly a neighbour's number, sometimes two digits swapped, a
    // digit dropped, a digit added or one digit wrong. Each kind's share is spread over the numbers it can give.
    const double Neighbour = 0.6, Swapped = 0.1, Dropped = 0.1, Added = 0.1, Replaced = 0.1;

    /// <summary>
    /// The numbers the caller may have meant when writing <paramref name="written"/> wrongly, each with the probability of
    /// that slip among all wrong numbers: neighbours within <paramref name="span"/> (nearer more likely), two neighbouring
    /// digits swapped, a digit dropped or added, one digit replaced. Positive numbers only, not the written one.
    /// </summary>
    public static IReadOnlyDictionary<int, double> Slips(int written, int span)
    {
        var slips = new Dictionary<int, double>();
        void Add(int n, double p)
        {
            if (n > 0 && n != written) slips[n] = slips.GetValueOrDefault(n) + p;
        }
        var near = 0.0;
        for (var gap = 1; gap <= span; gap++) near += 2 / (1 + gap / 2.0);
        for (var gap = 1; gap <= span; gap++)
        {
            Add(written - gap, Neighbour / near / (1 + gap / 2.0));
            Add(written + gap, Neighbour / near / (1 + gap / 2.0));
        }
        var digits = written.ToString(CultureInfo.InvariantCulture);
        var swaps = new List<int>();
        for (var i = 0; i + 1 < digits.Length; i++)
        {
            var c = digits.ToCharArray();
            (c[i], c[i + 1]) = (c[i + 1], c[i]);
            swaps.Add(Number(new string(c)));
        }
        Spread(swaps, Swapped);
        Spread(digits.Length < 2 ? [] : Enumerable.Range(0, digits.Length).Select(i => Number(digits.Remove(i, 1))).ToList(), Dropped);
        Spread(digits.Length >= 4 ? [] : Enumerable.Range(0, digits.Length + 1).SelectMany(i => Digits.Select(d => Number(digits.Insert(i, d)))).ToList(), Added);
        Spread(Enumerable.Range(0, digits.Length).SelectMany(i => Digits.Where(d => d[0] != digits[i])
            .Select(d => Number(string.Concat(digits.AsSpan(0, i), d, digits.AsSpan(i + 1))))).ToList(), Replaced);
        return slips;

        void Spread(List<int> numbers, double share)
        {
            var valid = numbers.Where(n => n > 0 && n != written).Distinct().ToList();
            foreach (var n in valid) Add(n, share / valid.Count);
        }
    }

    static readonly string[] Digits = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"];

    // A leading zero is no number people write (012): not a slip.
    static int Number(string s) => s.Length == 0 || s[0] == '0' ? 0 : int.Parse(s, CultureInfo.InvariantCulture);
}
