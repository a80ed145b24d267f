using BlindSpot.Core.Domain;
using BlindSpot.Core.Ingest;
using BlindSpot.Samples.Population;
using BlindSpot.Samples.World;

namespace BlindSpot.Samples.Measurement;

/// <summary>A tip of the labelled set, with the household it is truly about (null: somebody the registry does not have).</summary>
/// <param name="Note">The note as the district's tips are written (<c>TipNotes</c>), with what the reporter says of the person.</param>
/// <param name="ReporterType">A hotline caller's reporter type (관리사무소, 이웃 …); null for officer tips.</param>
public sealed record LabelledTip(string TipId, string? TrueHouseholdId, string Dong, bool DongGiven, string Address,
    string? SubjectName, string? Phone, SpellingStyle Style, bool Officer, string Note = "", string? ReporterType = null);

/// <summary>
/// A labelled set for tip resolution: a generated district's registry (as its newest snapshot and the households that
/// moved out since the older one) and tips about its households spelt in every style of issue 9's table, plus calls
/// about people the registry does not have, each with a note and (calls) a reporter type drawn as the district's own
/// tip stream draws them. Same options and seed, same set. The notes and reporters come from a generator of their own
/// per tip, so the addresses and names are the same draws as before notes were added.
/// </summary>
public sealed record ResolutionSample(IReadOnlyList<HouseholdRef> Registry, IReadOnlyList<LabelledTip> Tips)
{
    /// <summary>Share of hotline calls about nobody in the registry (as the district's own tip stream).</summary>
    public const double UnregisteredShare = 0.08;

    public static ResolutionSample Draw(SampleOptions options, int tips, int seed)
    {
        ArgumentNullException.ThrowIfNull(options);
        var district = new District(options);
        var cal = district.Calendar;
        var registry = new List<HouseholdRef>();
        var living = new List<SimHousehold>();
        foreach (var h in district.Households)
        {
            var now = h.LivesHereOn(cal.AsOf);
            if (!now && !h.LivesHereOn(cal.FirstSnapshot)) continue;
            if (now) living.Add(h);
            registry.Add(new HouseholdRef(h.Id, DongProfile.All[h.Dong].Dong, h.Address.Registry(), h.HeadName, now ? cal.AsOf : cal.FirstSnapshot,
                h.Phone is { } p ? $"{p[..3]}-{p[3..7]}-{p[7..]}" : null, h.Sex, h.BirthYear, h.Members, h.ChildrenUnder2, h.SingleParent,
                h.Pregnant, h.Housing));
        }

        var rng = new Rng(seed);
        var result = new List<LabelledTip>(tips);
        for (var i = 0; i < tips; i++)
        {
            var id = $"R{seed}-{i + 1:D6}";
            if (rng.Chance(0.6 * UnregisteredShare))
            {
                // A call about somebody not in the registry: a building number beyond the registry's, a plausible unit.
                var dongIndex = rng.Int(0, DongProfile.All.Count - 1);
                var profile = DongProfile.All[dongIndex];
                var address = new Address(rng.Pick(profile.Roads), rng.Int(421, 499), 0, 0, rng.Int(1, 3) * 100 + rng.Int(1, 9) + "", 1);
                var dongGiven = rng.Chance(0.4);
                var (text, style) = AddressSpelling.Spell(rng, address, dongGiven ? null : profile.Dong, officer: false);
                var nr = Rng.Derived(seed, i, 1);
                var signal = nr.Chance(0.4);
                var note = TipNotes.Compose(nr, (CrisisKind)nr.Int(0, 3), signal, null, SubjectDescriptions.Draw(nr, null, cal.AsOf));
                result.Add(new LabelledTip(id, null, profile.Dong, dongGiven, text,
                    rng.Chance(0.5) ? Names.Korean(rng, rng.Chance(0.5) ? Sex.M : Sex.F) : null, null, style, false, note, TipStream.Reporter(nr, Housing.Rowhouse)));
                continue;
            }
            // Tips lean towards precarious housing and older one-person households, as the district's tips do.
            SimHousehold h;
            do h = rng.Pick(living);
            while (!(Housing.IsPrecarious(h.Housing) || h.OnePerson && h.AgeOn(cal.AsOf) >= 65) && rng.Chance(0.5));
            var dong = DongProfile.All[h.Dong].Dong;
            // The note and reporter as the district's tip stream draws them: mostly about the household's own kind of
            // crisis, sometimes noise.
            var tr = Rng.Derived(seed, i, 2);
            var inCrisis = tr.Chance(0.5);
            var tipNote = TipNotes.Compose(tr, inCrisis ? h.Kind : (CrisisKind)tr.Int(0, 3), inCrisis, h, SubjectDescriptions.Draw(tr, h, cal.AsOf));
            var officer = rng.Chance(0.4);
            if (officer)
            {
                var (text, style) = AddressSpelling.Spell(rng, h.Address, null, officer: true);
                result.Add(new LabelledTip(id, h.Id, dong, true, text, rng.Chance(0.7) ? h.HeadName : null,
                    h.Phone is { } p && rng.Chance(0.3) ? p : null, style, true, tipNote));
            }
            else
            {
                var dongGiven = rng.Chance(0.4);
                var (text, style) = AddressSpelling.Spell(rng, h.Address, dongGiven ? null : dong, officer: false);
                result.Add(new LabelledTip(id, h.Id, dong, dongGiven, text, Names.AsCallerSays(rng, h.HeadName, h.Sex, h.AgeOn(cal.AsOf)),
                    null, style, false, tipNote, TipStream.Reporter(tr, h.Housing)));
            }
        }
        return new ResolutionSample(registry, result);
    }
}
