using BlindSpot.Core.Contract;
using BlindSpot.Core.Domain;
using BlindSpot.Core.Ingest;

namespace BlindSpot.Csv.Ingest;

/// <summary>households*.csv (contract §2.1): one version of each household per snapshot date.</summary>
internal sealed class HouseholdRows(Func<string, int> col) : IFeedRows
{
    readonly int id = col("household_id"), dong = col("dong"), address = col("address"), headName = col("head_name"),
        phone = col("phone"), birthYear = col("head_birth_year"), sex = col("head_sex"), members = col("members"),
        infants = col("children_under_2"), singleParent = col("single_parent"), pregnant = col("pregnant"),
        disability = col("disability"), housing = col("housing_type"), tenure = col("tenure"), movedIn = col("moved_in"),
        livelihood = col("basic_livelihood"), caseManaged = col("case_managed");

    public void Read(RowCheck v, FileSession s)
    {
        // Arguments are evaluated left to right, so the first failure reported is the leftmost column at fault.
        var h = new Household(
            v.Id(id), v.Dong(dong), v.Text(address, 300), v.Text(headName, 100), v.Phone(phone),
            v.Int(birthYear, 1900, s.NowKst.Year), v.Sex(sex), v.Int(members, 1, 20), v.OptInt(infants, 0, 10) ?? 0,
            v.OptBool(singleParent), v.OptBool(pregnant), v.OptBool(disability),
            v.OneOf(housing, Vocabulary.HousingTypes), v.OneOf(tenure, Vocabulary.Tenures), v.Date(movedIn),
            v.Bool(livelihood), v.Bool(caseManaged), s.SnapshotDate);
        if (v.Failed) { s.QuarantineRow(v.Column, v.Reason!); return; }
        if (s.IsDuplicate(s.Context.HouseholdSnapshotKeys, IngestKeys.Household(h.HouseholdId, s.SnapshotDate))) return;
        s.Households.Add(h);
        s.Accept();
    }
}
