using BlindSpot.Core.Domain;
using BlindSpot.Samples.Population;

namespace BlindSpot.Samples.World;

/// <summary>
/// What a tip's note says of who the person is ("혼자 사는 70대 할머니", "아기 엄마", "중년 남성"), drawn from the hidden
/// household the way a neighbour or an officer sees it, and as unreliable: often nothing is said (40%); the person seen
/// in a household of several is another member a third of the time (a spouse of the other sex and a similar age); ages
/// are guessed from looks (off by about six years); one description in twelve is of someone else altogether (a visitor,
/// the neighbour next door, a wrong door); some say only the sex (남자분) or nothing usable (주민). Living alone,
/// a baby, a pregnancy and a single parent are said only when true of the household (or in the wrong descriptions),
/// and not every time.
/// </summary>
internal static class SubjectDescriptions
{
    /// <summary>Null when the note says nothing of the person.</summary>
    public static string? Draw(Rng rng, SimHousehold? h, DateOnly on)
    {
        if (rng.Chance(0.4)) return null;
        // Somebody else altogether (or somebody the registry does not have: anybody).
        if (h is null || rng.Chance(0.08))
            return Person(rng, rng.Chance(0.5) ? Sex.M : Sex.F, rng.Int(20, 89), alone: rng.Chance(0.5) ? true : rng.Chance(0.3) ? false : null,
                baby: rng.Chance(0.03), pregnant: false, singleParent: false, couple: false);
        var sex = h.Sex;
        var age = h.AgeOn(on);
        if (!h.OnePerson && rng.Chance(0.35))
        {
            // Another member seen: mostly a spouse of the other sex and a similar age.
            sex = rng.Chance(0.75) ? (sex == Sex.M ? Sex.F : Sex.M) : sex;
            age = Math.Max(19, age + rng.Int(-8, 8));
        }
        var seen = Math.Clamp(age + (int)Math.Round(rng.Normal() * 6), 15, 99);
        bool? alone = h.OnePerson ? rng.Chance(0.5) ? true : null : rng.Chance(0.04) ? true : rng.Chance(0.15) ? false : null;
        return Person(rng, sex, seen, alone, baby: h.ChildrenUnder2 > 0 && rng.Chance(0.5), pregnant: h.Pregnant && rng.Chance(0.6),
            singleParent: h.SingleParent && rng.Chance(0.4), couple: h.Members == 2 && h.AgeOn(on) >= 65 && rng.Chance(0.3));
    }

    static string Person(Rng rng, Sex sex, int seen, bool? alone, bool baby, bool pregnant, bool singleParent, bool couple)
    {
        var f = sex == Sex.F;
        if (couple) return rng.Pick(["노부부", "노부부 중 " + (f ? "할머니" : "할아버지"), "어르신 부부"]);
        if (pregnant) return rng.Pick(["임신 중인 여성", "임산부", alone == true ? "혼자 사는 임산부" : "임신한 젊은 여성"]);
        if (singleParent) return rng.Pick(["한부모 가정", f ? "혼자 아이 키우는 엄마" : "혼자 아이 키우는 아빠", f ? "미혼모" : "아이 아버지가 혼자 키움"]);
        if (baby) return rng.Pick([f ? "아기 엄마" : "아기 아빠", "아기 키우는 집", f ? "젖먹이 키우는 엄마" : "갓난아기 있는 집"]);
        var decade = Math.Clamp(seen / 10 * 10, 20, 90);
        var who = rng.Chance(0.12)
            ? rng.Pick([f ? "여자분" : "남자분", "주민", "세입자"])
            : seen >= 63
                ? rng.Chance(0.2) ? "어르신" : (rng.Chance(0.3) ? $"{decade}대 " : "") + (f ? "할머니" : "할아버지")
                : seen >= 40
                    ? rng.Pick<string>(f ? ["아주머니", "중년 여성", $"{decade}대 여성"] : ["아저씨", "중년 남성", $"{decade}대 남성"])
                    : rng.Pick<string>(f ? ["젊은 여성", $"{decade}대 여성", "아가씨"] : ["젊은 남성", $"{decade}대 남성", "청년"]);
        return alone switch
        {
            true => rng.Pick(["혼자 사는 ", "혼자 사시는 ", "독거 "]) + who,
            false => who + rng.Pick([" (가족과 함께 삶)", " (식구들과 같이 삶)"]),
            _ => who,
        };
    }
}
