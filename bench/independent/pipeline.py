#!/usr/bin/python3
"""An independent, plain pandas + scikit-learn pipeline over a BlindSpot inbox: the speed baseline of issue 11.

It does the same job as BlindSpot's `run`, the simple way a data analyst would write it, and uses nothing of
BlindSpot's code: read every CSV of the inbox (UTF-8 or CP949, English or Korean headers), take the newest registry
snapshot, link tips to households (the officer's household id, else the normalised address), build per-household
features (crisis indicators of the last 3 months, tips of the last 60 days, the registry's facts), learn from the
visit results (발굴 = 1, 비해당 = 0) with a histogram gradient-boosting classifier, score every household that may be
listed, and write one worklist per dong (urgent tips first, then recent tips, then the score) of the dong's capacity.

`first` trains and keeps the model in the work folder; `daily` reads the whole inbox again and scores with the kept
model (a plain pipeline keeps no state but its model). Prints each phase's wall and CPU seconds and the peak RSS.
It is a speed baseline, not a quality one: its quality baseline twin lives in the simulation (docs/simulation.md).

    python3 pipeline.py first <inbox> <work> <as-of yyyy-MM-dd>
    python3 pipeline.py daily <inbox> <work> <as-of yyyy-MM-dd>
"""
import glob
import io
import os
import re
import resource
import sys
import time

import joblib
import pandas as pd
from sklearn.ensemble import HistGradientBoostingClassifier

ALIASES = {
    "세대id": "household_id", "행정동": "dong", "주소": "address", "세대주성명": "head_name", "연락처": "phone",
    "세대주출생연도": "head_birth_year", "세대주성별": "head_sex", "세대원수": "members",
    "만2세미만자녀수": "children_under_2", "한부모": "single_parent", "임신": "pregnant", "장애": "disability",
    "주거형태": "housing_type", "점유형태": "tenure", "전입일": "moved_in", "기초생활수급": "basic_livelihood",
    "사례관리": "case_managed", "기준월": "reference_month", "위기정보": "indicator", "값": "value",
    "제보번호": "tip_id", "접수일시": "received_at", "제보자id": "officer_id", "대상자성명": "subject_name",
    "대상자연락처": "phone", "유형": "category", "긴급": "urgent", "내용": "note", "접수번호": "tip_id",
    "신고자유형": "reporter_type", "방문일": "visited_on", "결과": "result", "연계서비스": "services",
    "담당자id": "worker_id", "called_at": "received_at", "call_id": "tip_id",
}
TRUE = {"y", "예", "1", "true"}
RESULTS = {"발굴": 1, "discovered": 1, "비해당": 0, "not_in_crisis": 0}
HOUSING = ["아파트", "연립다세대", "단독", "반지하", "고시원", "쪽방", "기타"]
TENURE = ["자가", "전세", "월세", "무상", "기타"]
DONG = re.compile(r"\s+|제(?=\d)")


def read(path):
    raw = open(path, "rb").read()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp949", errors="replace")
    try:
        df = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False, on_bad_lines="skip")
    except pd.errors.ParserError:  # a truncated last line (an open quote): keep the rows before it
        df = pd.read_csv(io.StringIO(text[: text.rstrip().rfind("\n")]), dtype=str, keep_default_na=False, on_bad_lines="skip")
    df.columns = [ALIASES.get(c.strip().lower(), c.strip().lower()) for c in df.columns]
    return df


def dates(s):
    s = s.str.strip().str.replace(r"[./]", "-", regex=True)
    s = s.where(~s.str.fullmatch(r"\d{8}"), s.str[:4] + "-" + s.str[4:6] + "-" + s.str[6:8])
    return pd.to_datetime(s.str[:10], format="%Y-%m-%d", errors="coerce")


def flag(s):
    return s.fillna("").str.strip().str.lower().isin(TRUE)


def column(df, name):
    return df[name] if name in df else pd.Series("", index=df.index)


def norm_address(s):
    s = s.fillna("").str.replace(r"^\s*서울(특별)?시?\s*영등포구\s*", "", regex=True)
    s = s.str.replace(r"\(.*?\)", "", regex=True)
    return s.str.replace(r"[\s,]", "", regex=True)


def load(inbox):
    feeds = {"households": [], "crisis": [], "tips_officer": [], "tips_hotline": [], "outcomes": []}
    for path in sorted(glob.glob(os.path.join(inbox, "*.csv"))):
        name = os.path.basename(path)
        for prefix in sorted(feeds, key=len, reverse=True):
            if name.startswith(prefix):
                df = read(path)
                if prefix == "households":
                    m = re.match(r"households_(\d{8})", name)
                    df["snapshot"] = m.group(1) if m else "99999999"
                feeds[prefix].append(df)
                break
    return {k: (pd.concat(v, ignore_index=True) if v else pd.DataFrame()) for k, v in feeds.items()}


def features(f, as_of):
    reg = f["households"]
    reg = reg[reg["snapshot"] == reg["snapshot"].max()].drop_duplicates("household_id").copy()
    reg["dong"] = reg["dong"].str.replace(DONG, "", regex=True)
    x = pd.DataFrame(index=reg["household_id"].values)
    x["age"] = as_of.year - pd.to_numeric(reg["head_birth_year"], errors="coerce").values
    x["male"] = reg["head_sex"].str.strip().isin(["M", "남"]).values.astype(int)
    x["members"] = pd.to_numeric(reg["members"], errors="coerce").values
    x["alone"] = (x["members"] == 1).astype(int)
    for c in ["single_parent", "pregnant", "disability", "basic_livelihood"]:
        x[c] = flag(column(reg, c)).values.astype(int)
    x["children_under_2"] = pd.to_numeric(column(reg, "children_under_2"), errors="coerce").fillna(0).values
    x["housing"] = pd.Categorical(reg["housing_type"].str.strip(), categories=HOUSING).codes
    x["tenure"] = pd.Categorical(reg["tenure"].str.strip(), categories=TENURE).codes
    x["years_here"] = ((as_of - dates(reg["moved_in"])).dt.days / 365.25).values

    cr = f["crisis"]
    month = pd.to_datetime(cr["reference_month"].str.strip().str[:7] + "-01", errors="coerce")
    recent = cr[(month > as_of - pd.DateOffset(months=4)) & (month <= as_of)]
    x["indicators_3m"] = recent.groupby("household_id")["indicator"].nunique().reindex(x.index).fillna(0)
    x["rows_12m"] = cr[month > as_of - pd.DateOffset(months=12)].groupby("household_id").size().reindex(x.index).fillna(0)

    tips = pd.concat([f["tips_officer"], f["tips_hotline"]], ignore_index=True).drop_duplicates("tip_id")
    tips["at"] = pd.to_datetime(tips["received_at"].str.strip().str[:16], format="%Y-%m-%d %H:%M", errors="coerce")
    tips = tips[(tips["at"] <= as_of + pd.Timedelta(days=1)) & (tips["at"] > as_of - pd.Timedelta(days=60))].copy()
    by_address = pd.Series(reg["household_id"].values, index=norm_address(reg["address"]).values)
    by_address = by_address[~by_address.index.duplicated(keep=False)]
    known = column(tips, "household_id").fillna("").str.strip()
    tips["hh"] = known.where(known != "").fillna(norm_address(tips["address"]).map(by_address))
    tips = tips.dropna(subset=["hh"])
    tips["urgent"] = flag(column(tips, "urgent"))
    x["tips_60d"] = tips.groupby("hh").size().reindex(x.index).fillna(0)
    x["urgent_tip"] = tips.groupby("hh")["urgent"].max().reindex(x.index).fillna(False).astype(int)
    x["last_tip"] = tips.groupby("hh")["at"].max().reindex(x.index)
    return reg, x


def labels(f, index):
    o = f["outcomes"].drop_duplicates(["household_id", "visited_on"], keep="last")
    o = o.assign(y=o["result"].str.strip().str.lower().map(RESULTS), day=dates(o["visited_on"])).dropna(subset=["y"])
    last = o.sort_values("day").drop_duplicates("household_id", keep="last")
    return last.set_index("household_id")["y"].reindex(index)


def main(mode, inbox, work, as_of_text):
    as_of = pd.Timestamp(as_of_text)
    os.makedirs(work, exist_ok=True)
    phases, t, c = [], time.perf_counter(), time.process_time()

    def mark(name):
        nonlocal t, c
        phases.append(f"{name}={time.perf_counter() - t:.2f} [{time.process_time() - c:.2f}]")
        t, c = time.perf_counter(), time.process_time()

    f = load(inbox)
    mark("read")
    reg, x = features(f, as_of)
    mark("features")
    cols = [c for c in x.columns if c != "last_tip"]
    model_path = os.path.join(work, "model.joblib")
    if mode == "first":
        y = labels(f, x.index)
        known = y.notna()
        model = HistGradientBoostingClassifier(max_iter=200, learning_rate=0.1, random_state=0)
        model.fit(x.loc[known, cols], y[known].astype(int))
        joblib.dump(model, model_path)
        mark("train")
    else:
        model = joblib.load(model_path)
    reg = reg.set_index("household_id")
    eligible = ~flag(reg["case_managed"])
    visited = f["outcomes"].assign(day=dates(f["outcomes"]["visited_on"]))
    eligible &= ~reg.index.isin(set(visited.loc[visited["day"] > as_of - pd.Timedelta(days=28), "household_id"]))
    x = x[eligible.values].copy()
    x["score"] = model.predict_proba(x[cols])[:, 1]
    mark("score")
    capacity_file = os.path.join(inbox, "capacity.csv")
    cap = {}
    if os.path.exists(capacity_file):
        capacity = read(capacity_file)
        cap = dict(zip(capacity["dong"].str.replace(DONG, "", regex=True), pd.to_numeric(capacity["daily_visits"])))
    x["dong"] = reg.loc[x.index, "dong"].values
    if cap:  # rows naming a place that is not one of the district's dongs (a legal dong, another district) are left out
        x = x[x["dong"].isin(cap.keys())]
    x["tipped"] = x["last_tip"].notna().astype(int)
    out = os.path.join(work, "worklists", as_of_text)
    os.makedirs(out, exist_ok=True)
    listed = 0
    for dong, g in x.groupby("dong"):
        top = g.sort_values(["urgent_tip", "tipped", "score"], ascending=False).head(int(cap.get(dong, 10)))
        top = top.assign(name=reg.loc[top.index, "head_name"].values, address=reg.loc[top.index, "address"].values)
        top[["name", "address", "score", "tips_60d"]].to_csv(os.path.join(out, f"{dong}.csv"), encoding="utf-8-sig")
        listed += len(top)
    mark("worklists")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"INDEPENDENT {mode} {as_of_text} " + " ".join(phases) + f" peak_mb={peak:.0f} households={len(reg)} listed={listed}")


if __name__ == "__main__":
    start, cpu = time.perf_counter(), time.process_time()
    main(*sys.argv[1:5])
    print(f"INDEPENDENT total={time.perf_counter() - start:.2f} [{time.process_time() - cpu:.2f}] (wall [CPU of the process])")
