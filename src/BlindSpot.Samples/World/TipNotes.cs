using BlindSpot.Core.Domain;
using BlindSpot.Samples.Population;

namespace BlindSpot.Samples.World;

/// <summary>
/// Korean tip notes. Signal phrases follow domain-notes.md (what neighbours see before a lonely death, what
/// families in crisis lack); noise phrases are the everyday calls a hotline gets. Noise tips sometimes use
/// signal words (a tenant away on holiday leaves mail too), and real tips sometimes read like noise.
/// </summary>
internal static class TipNotes
{
    static readonly string[] Isolation =
    [
        "우편물이 쌓여 있음", "현관 앞에 우편물과 전단지가 쌓여 있음", "며칠째 인기척 없음", "문 앞에서 악취가 남",
        "파리가 꼬이고 냄새가 남", "낮에도 불이 켜져 있고 밤에는 꺼져 있음", "TV 소리가 며칠째 계속 들림",
        "문손잡이에 먼지가 쌓여 있음", "술병이 문 앞에 계속 쌓임", "하루 한 끼도 제대로 못 먹는 것 같음",
        "찾아오는 사람이 전혀 없음", "전기요금 고지서가 몇 달째 그대로 꽂혀 있음", "신문이 며칠째 문 앞에 그대로 있음",
    ];

    static readonly string[] Financial =
    [
        "관리비 체납 3개월째", "관리비가 몇 달째 밀려 있음", "월세가 밀려 집주인이 나가라고 함", "가스가 끊겼다고 함",
        "전기 공급 제한 안내문이 붙어 있음", "일자리를 잃고 생활비가 없다고 함", "편의점에서 외상을 부탁함",
        "끼니를 라면으로 때운다고 함", "빚 독촉 전화가 계속 온다고 함", "난방을 못 하고 지냄",
    ];

    // Each phrase with what it says of the household: drawn only for a household it is true of (a baby in the
    // registry, a pregnancy, a single father), so that what a note says of the family is honest.
    static readonly (string Text, Func<SimHousehold, bool> Fits)[] Family =
    [
        ("분유와 기저귀가 없음", Baby), ("아기가 혼자 울고 있음", Baby), ("임신 중인데 혼자 지냄", h => h.Pregnant && h.OnePerson),
        ("아이 아버지가 혼자 육아에 지쳐 보임", h => h.SingleParent && h.Sex == Sex.M), ("아이들이 밤늦게까지 방치됨", h => h.Members > 1),
        ("월세가 밀려 아기와 함께 쫓겨날 처지", Baby), ("분유를 물에 타서 양을 늘린다고 함", Baby),
        ("출산이 임박했는데 병원에 다니지 않음", h => h.Pregnant), ("아기 예방접종을 못 했다고 함", Baby),
    ];

    static bool Baby(SimHousehold h) => h.ChildrenUnder2 > 0;

    static readonly string[] Health =
    [
        "거동이 불편한데 돌봐줄 사람이 없음", "약을 제때 못 사는 것 같음", "병원비 때문에 치료를 미룸",
        "우울해 보이고 극단적인 말을 함", "치아가 거의 없어 식사를 못 함", SickAlone,
    ];

    static readonly string[] Noise =
    [
        "층간소음 민원", "이사 온 지 얼마 안 된 세입자라 잘 모름", "단순 오인 신고로 보임", "주차 문제로 이웃과 다툼",
        "쓰레기 분리배출 문제로 민원", "개 짖는 소리 민원", "리모델링 공사 소음", "담배 냄새 민원",
        "택배가 며칠째 문 앞에 있음(출장 중인 듯)", "여행 중이라 우편물이 쌓였다고 함", "지인이 연락이 안 된다고 걱정함",
        LivingWithFamily, "집주인과 보증금 분쟁 중", "세입자가 자주 바뀌는 집",
    ];

    const string LivingWithFamily = "확인해 보니 가족과 함께 지내고 있음", SickAlone = "몸이 아픈데 혼자 지냄";

    static readonly string[] Openers = ["", "", "", "관리사무소 확인 결과 ", "이웃 주민 말로는 ", "지난주부터 ", "두 번 방문했는데 ", "통장님 전언: "];

    /// <summary>
    /// A note about <paramref name="h"/> (null: somebody the registry does not have), with <paramref name="subject"/>
    /// (what the reporter says of the person, <see cref="SubjectDescriptions"/>) before or after it when given.
    /// </summary>
    public static string Compose(Rng rng, CrisisKind kind, bool signal, SimHousehold? h, string? subject = null)
    {
        string Main()
        {
            var phrase = !signal
                ? rng.Chance(0.25) ? rng.Pick(Pool(kind, h)) : rng.Pick(Noise)
                : rng.Chance(0.1) ? rng.Pick(Noise) : rng.Pick(Pool(kind, h));
            // What a phrase says of the household must be true of it: only a household of several is found living with
            // its family, only a one-person household lives alone.
            return phrase switch
            {
                LivingWithFamily when h is { OnePerson: true } => "확인해 보니 가족이 가끔 들여다봄",
                SickAlone when h is { OnePerson: false } => "몸이 아픈데 병원에 못 간다고 함",
                _ => phrase,
            };
        }

        var main = Main();
        var text = rng.Pick(Openers) + main;
        if (subject is not null) text = subject.Length % 2 == 0 ? $"{subject}, {text}" : $"{text} ({subject})";
        if (rng.Chance(0.35) && Main() is var more && more != main) text += ", " + more;
        // Real notes: quotes, commas and line breaks inside one field.
        if (rng.Chance(0.04)) text += " 집주인 말로는 \"두 달째 연락이 안 된다\"고 함";
        if (rng.Chance(0.03)) text += "\n재방문 필요.";
        if (rng.Chance(0.02)) text += "\r\n(통화 중 끊김)";
        return text;
    }

    static readonly string[] AnyFamily = Family.Select(f => f.Text).ToArray();

    static string[] Pool(CrisisKind kind, SimHousehold? h) => kind switch
    {
        CrisisKind.Family when h is null => AnyFamily,
        CrisisKind.Family when Family.Where(f => f.Fits(h)).Select(f => f.Text).ToArray() is { Length: > 0 } fitting => fitting,
        CrisisKind.Financial => Financial,
        CrisisKind.Health => Health,
        _ => Isolation,
    };

    public static bool IsAlarming(string note) =>
        note.Contains("악취") || note.Contains("인기척") || note.Contains("혼자 울고") || note.Contains("극단적") || note.Contains("냄새가 남");

    public static string Category(CrisisKind kind, bool signal, Rng rng) => !signal && rng.Chance(0.5)
        ? rng.Pick(["기타", "주거"])
        : kind switch
        {
            CrisisKind.Isolation => "고립",
            CrisisKind.Financial => rng.Chance(0.7) ? "경제" : "주거",
            CrisisKind.Family => "돌봄",
            _ => "건강",
        };
}
