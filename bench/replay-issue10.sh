#!/usr/bin/env bash
# Replays issue 10's reproductions (an unlucky clerk, a broken export, a careless attacker) and more of the same kind
# against the built CLI and jobs host, on SQLite and, when a connection string is given, on PostgreSQL. For each case it
# checks (a) one clear Korean line, no stack trace, the right exit code (2 usage, 1 environment or a bad file); (b) the
# ledger balances (rows read = accepted + duplicate + quarantined for every ingested file, every quarantined row in the
# quarantine copy with file, line and reason) and nothing valid is lost (the two good files each inbox brings along
# are ingested); (c) the next run goes on (worklists for all 18 dongs). At the end it reads the modes of every file
# and folder BlindSpot created (0600/0700 under umask 022) and greps every output and log for the inbox's names, phone
# numbers, resident-number shapes and the passwords used. docs/bad-input-replay.md shows the result table.
#
# Usage: bench/replay-issue10.sh CLI_DLL [POSTGRES_CONNECTION_STRING]
#   CLI_DLL      the built CLI: dotnet build -c Release src/BlindSpot.Cli -o /tmp/x  ->  /tmp/x/blindspot.dll
#                (the jobs host, BlindSpot.Jobs.dll, is built beside it: the CLI references it)
#   POSTGRES_CONNECTION_STRING  a server and a user that may CREATE DATABASE, e.g.
#                "Host=127.0.0.1;Port=5432;Username=postgres;Password=..." (no Database: the replay creates
#                replay_<pid>_* databases from a template and drops them at the end). Without it: SQLite only.
# Environment: REPLAY_WORK (work folder, default a new /tmp/replay-XXXXXX, deleted at the end unless REPLAY_KEEP=1),
#              REPLAY_ONLY (a regex of case names to run), REPLAY_TABLE (write the Markdown table to this file).
# Needs: dotnet, jq, python3; psql for PostgreSQL (a server's bin folder or postgresql-client).
# Exit: 0 when every check passed, 1 when any failed, 2 on a usage error of this script.
set -uo pipefail
umask 022 # a file BlindSpot left at the default mode would show as 0644

CLI=${1:-}
PG=${2:-}
if [ -z "$CLI" ] || [ ! -f "$CLI" ]; then
  sed -n '2,21p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
fi
CLI=$(realpath "$CLI")
JOBS=$(dirname "$CLI")/BlindSpot.Jobs.dll
REPO=$(cd "$(dirname "$0")/.." && pwd)
for tool in dotnet jq python3; do command -v $tool >/dev/null || { echo "replay: $tool is needed" >&2; exit 2; }; done
if [ -n "$PG" ]; then
  PSQL=$(command -v psql || ls /usr/lib/postgresql/*/bin/psql 2>/dev/null | tail -1)
  [ -x "$PSQL" ] || { echo "replay: psql is needed for PostgreSQL" >&2; exit 2; }
fi

W=${REPLAY_WORK:-$(mktemp -d /tmp/replay-XXXXXX)}
mkdir -p "$W"
W=$(realpath "$W")
ONLY=${REPLAY_ONLY:-.}
AS_OF=2026-10-30
LIST_DAY=2026-11-02
PLANTED_NAME=홍길동
PLANTED_PHONE=010-9876-5432
PLANTED_RRN=800101-1234567
DB_PASSWORD=Repl4y-Secret-Pw
RESULTS=$W/results.tsv
: > "$RESULTS"
PASSED=0 FAILED=0
CASE_FAILS=0

# ---------------------------------------------------------------- PostgreSQL helpers
pg_field() { # the value of key $1 in the connection string $PG (case-insensitive, spaces ignored)
  echo "$PG" | tr ';' '\n' | awk -F= -v k="$1" 'BEGIN{IGNORECASE=1} {key=$1; gsub(/ /,"",key)} tolower(key)==tolower(k) {sub(/^[^=]*=/,""); print; exit}'
}
if [ -n "$PG" ]; then
  export PGHOST=$(pg_field Host) PGPORT=$(pg_field Port) PGUSER=$(pg_field Username) PGPASSWORD=$(pg_field Password)
  [ -z "$PGPORT" ] && export PGPORT=5432
  [ -z "$PGUSER" ] && export PGUSER=$(pg_field "User Id")
  PG_BASE=$(echo "$PG" | tr ';' '\n' | grep -viE '^\s*(database|db)\s*=' | grep -v '^$' | paste -sd';')
  PG_PREFIX=replay_$$
  export PGOPTIONS='-c client_min_messages=warning' 
  psql_c() { "$PSQL" -X -q -v ON_ERROR_STOP=1 -d postgres -c "$1" >/dev/null; }
  psql_c "select 1" || { echo "replay: cannot connect to PostgreSQL with the given connection string" >&2; exit 2; }
fi

cleanup() {
  if [ -n "$PG" ]; then
    for d in $("$PSQL" -X -At -d postgres -c "select datname from pg_database where datname like '${PG_PREFIX}_%'" 2>/dev/null); do
      "$PSQL" -X -q -d postgres -c "drop database if exists \"$d\" with (force)" >/dev/null 2>&1
    done
  fi
  [ "${REPLAY_KEEP:-0}" = 1 ] || rm -rf "$W"
}
trap cleanup EXIT

# ---------------------------------------------------------------- running and checking
# Every command of a case runs in the case folder $C; its output goes to $C/<n>.out, .err, .rc and is kept for the
# personal-data grep at the end.
N=0
run_cli() { # run_cli ARGS... : runs the CLI, sets OUT ERR RC
  N=$((N + 1))
  OUT=$C/$N.out ERR=$C/$N.err
  (cd "$C" && timeout 300 dotnet "$CLI" "$@" > "$OUT" 2> "$ERR"); RC=$?
  echo "$*" > "$C/$N.cmd"
}
run_jobs() { # run_jobs SECONDS ARGS... : the jobs host, stopped after SECONDS if still running (RC 124 then)
  local secs=$1; shift
  N=$((N + 1))
  OUT=$C/$N.out ERR=$C/$N.err
  (cd "$C" && timeout -s TERM "$secs" dotnet "$JOBS" "$@" > "$OUT" 2> "$ERR"); RC=$?
  echo "jobs $*" > "$C/$N.cmd"
}
note_check() { # note_check OK|FAIL what
  if [ "$1" = OK ]; then PASSED=$((PASSED + 1)); else FAILED=$((FAILED + 1)); CASE_FAILS=$((CASE_FAILS + 1)); echo "    FAIL [$ENGINE] $CASE: $2 (see $C)"; fi
}
check() { # check "what" test-expression...
  local what=$1; shift
  if "$@"; then note_check OK "$what"; else note_check FAIL "$what"; fi
}
# a stack frame, the runtime's unhandled-exception text, or an exception's type opening a line (the hosts' console names an
# event's exception in a few words at the end of its line: that is allowed)
no_trace() { ! grep -qE '^\s+at [^ ]+\(|Unhandled exception|^[A-Za-z.]*Exception: |--- End of (inner|stack)' "$OUT" "$ERR"; }
has_hangul() { grep -qP '[\x{AC00}-\x{D7A3}]' "$1"; }
# expect_rc N : the exit code, no stack trace on either stream
expect_rc() { check "exit $1 (was $RC): $(head -c 160 "$ERR" | head -1)" [ "$RC" = "$1" ]; check "no stack trace" no_trace; }
# expect_line REGEX : standard error is exactly one Korean line matching REGEX
expect_line() {
  check "one line on stderr (has $(wc -l < "$ERR"))" [ "$(wc -l < "$ERR")" = 1 ]
  check "the line is Korean" has_hangul "$ERR"
  check "the line says /$1/: $(head -1 "$ERR")" grep -qE -- "$1" "$ERR"
  MESSAGE=$(head -1 "$ERR")
}
expect_no_stderr() { check "nothing on stderr: $(head -1 "$ERR")" [ ! -s "$ERR" ]; }
status_of() { jq -r --arg f "$1" '.files[] | select(.file == $f) | .status' "$OUT"; }
reason_of() { jq -r --arg f "$1" '.files[] | select(.file == $f) | .rejected_reason // ""' "$OUT"; }
notes_of() { jq -r --arg f "$1" '.files[] | select(.file == $f) | .notes[]' "$OUT"; }
field_of() { jq -r --arg f "$1" --arg k "$2" '.files[] | select(.file == $f) | .[$k] // ""' "$OUT"; }
# expect_file FILE STATUS [REASON-REGEX] : the ingest --json ledger line of FILE
expect_file() {
  local st; st=$(status_of "$1")
  check "$1 is $2 (was ${st:-absent})" [ "$st" = "$2" ]
  if [ -n "${3:-}" ]; then
    local r; r=$(reason_of "$1")
    check "$1's reason says /$3/: $r" grep -qE -- "$3" <<< "$r"
    MESSAGE="$1: $r"
  fi
}
# ledger_balances : for every file ingested in this run, read = accepted + duplicate + quarantined, and the quarantine
# copy holds exactly the quarantined rows, each with file, line and reason
ledger_balances() {
  local bad; bad=$(jq -r '.files[] | select(.status == "Ingested") | select(.rows_read != .accepted + .duplicate + .quarantined) | .file' "$OUT")
  check "ledger balances for every ingested file ($bad)" [ -z "$bad" ]
  while IFS=$'\t' read -r file q qfile; do
    [ "$q" -gt 0 ] || continue
    [[ "$qfile" = /* ]] || qfile=$C/$qfile # a relative --quarantine is relative to the command's folder
    check "$file: quarantine copy of $q rows with file, line, reason" python3 - "$qfile" "$q" "$file" <<'PY'
import csv, sys
path, n, name = sys.argv[1], int(sys.argv[2]), sys.argv[3]
with open(path, encoding="utf-8-sig", newline="") as f:
    rows = list(csv.DictReader(f))
ok = len(rows) == n and all(r["file"] == name and r["line"].isdigit() and int(r["line"]) >= 2 and r["reason"].strip() for r in rows)
sys.exit(0 if ok else 1)
PY
  done < <(jq -r '.files[] | select(.status == "Ingested") | [.file, .quarantined, (.quarantine_file // "")] | @tsv' "$OUT")
}
quarantine_reasons() { # the reasons of FILE's quarantined rows (one per line)
  local qfile; qfile=$(jq -r --arg f "$1" '.files[] | select(.file == $f) | .quarantine_file // ""' "$OUT")
  [ -n "$qfile" ] && [[ "$qfile" != /* ]] && qfile=$C/$qfile
  [ -n "$qfile" ] && python3 -c 'import csv,sys; [print(r["reason"].replace("\n"," ")) for r in csv.DictReader(open(sys.argv[1],encoding="utf-8-sig",newline=""))]' "$qfile"
}
# expect_quarantined FILE N REASON-REGEX : N rows of FILE quarantined, each reason matching
expect_quarantined() {
  local q; q=$(field_of "$1" quarantined)
  check "$1: $2 quarantined (was $q)" [ "$q" = "$2" ]
  local reasons; reasons=$(quarantine_reasons "$1")
  check "$1: every quarantine reason says /$3/" bash -c '[ -n "$1" ] && ! grep -vqE -- "$2" <<< "$1"' _ "$reasons"
  MESSAGE="$1: $(head -1 <<< "$reasons")"
}
# held_ingested : the two good files the inbox brought along are in ("one bad file never stops the others")
held_ingested() {
  for f in crisis_202609.csv tips_hotline_202610.csv; do
    local st; st=$(status_of $f)
    check "good file $f ingested or known (was ${st:-absent})" bash -c '[ "$1" = Ingested ] || [ "$1" = Skipped ]' _ "$st"
  done
}
ledger_summary() { # "files: 2 ingested, 1 failed; rows 120 = 110 + 2 + 8"
  jq -r '[.files[] | .status] as $s | [.files[] | select(.status == "Ingested")] as $i |
    "\($s | map(select(. == "Ingested")) | length) in, \($s | map(select(. == "Skipped")) | length) known, \($s | map(select(. == "Rejected" or . == "Failed" or . == "Unrecognised")) | length) refused/failed, \($s | map(select(. == "Deferred")) | length) deferred; rows \($i | map(.rows_read) | add // 0) = \($i | map(.accepted) | add // 0) + \($i | map(.duplicate) | add // 0) dup + \($i | map(.quarantined) | add // 0) quar"' "$OUT"
}
# ingest [ARGS...] : ingest --json into the case's store, then the generic checks (no trace, ledger, good files)
ingest() {
  run_cli ingest --inbox inbox --db "$DB" --json "$@"
  check "no stack trace" no_trace
  if jq -e .files "$OUT" >/dev/null 2>&1; then
    ledger_balances
    LEDGER=$(ledger_summary)
  else
    LEDGER="(no ledger: $(head -1 "$ERR"))"
  fi
}
# next_run RC [AS_OF] : the main command goes on and writes the lists of all 18 dongs
next_run() {
  local as_of=${2:-$AS_OF}
  run_cli run --inbox inbox --out out --as-of "$as_of" --db "$DB" --json
  local json=$OUT
  check "next run exits $1 (was $RC): $(head -1 "$ERR")" [ "$RC" = "$1" ]
  check "no stack trace in the next run" no_trace
  local dongs; dongs=$(jq -r '[.worklists.dongs[] | select(.file != null)] | length' "$json" 2>/dev/null)
  local day; day=$(jq -r '.worklists.date' "$json" 2>/dev/null)
  local files; files=$(ls "$C/out/worklists/$day" 2>/dev/null | grep -c '\.csv$')
  check "next run writes 18 worklists (json $dongs, files $files)" [ "${dongs:-0}/${files:-0}" = 18/18 ]
  local scored; scored=$(jq -r '.model.scored // 0' "$json" 2>/dev/null)
  check "next run scores with the champion ($scored)" [ "${scored:-0}" -gt 0 ]
  NEXT="exit $RC, $dongs lists"
  MOVED_OUT=$(jq -r '[.worklists.dongs[].excluded.moved_out // 0] | add' "$json" 2>/dev/null)
}

# A fresh copy of the base store for a case: SQLite copies the file, PostgreSQL creates a database from the template.
new_case() { # new_case NAME ENGINE
  CASE=$1 ENGINE=$2 C=$W/$2/$1 N=0 MESSAGE="" LEDGER="-" NEXT="-" CASE_FAILS=0 EXIT_SHOWN=""
  rm -rf "$C"; mkdir -p "$C/inbox"
  cp "$W/held/"* "$C/inbox/"
  if [ "$ENGINE" = sqlite ]; then
    cp "$W/base/sqlite/base.db" "$C/store.db"
    DB=$C/store.db
  else
    local name=${PG_PREFIX}_$(echo "$1" | tr -c 'a-z0-9\n' '_' | head -c 40)
    psql_c "drop database if exists \"$name\" with (force)"
    psql_c "create database \"$name\" template \"${PG_PREFIX}_base\""
    DB="$PG_BASE;Database=$name"
  fi
  touch "$C/.start"
}
# A case with no store to copy (usage errors, missing stores): an empty folder.
bare_case() { CASE=$1 ENGINE=$2 C=$W/$2/$1 N=0 MESSAGE="" LEDGER="-" NEXT="-" CASE_FAILS=0 EXIT_SHOWN=""; rm -rf "$C"; mkdir -p "$C"; touch "$C/.start"; DB=$C/store.db; }
# end_case EXIT-SHOWN : one row of the table
end_case() {
  local status=pass; [ "$CASE_FAILS" -gt 0 ] && status="FAIL ($CASE_FAILS)"
  local msg=${MESSAGE//|/\\|}; msg=${msg//$'\t'/ }
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$CASE" "$ENGINE" "${msg:0:260}" "$1" "$LEDGER" "$NEXT" "$status" >> "$RESULTS"
  echo "  [$ENGINE] $CASE: $status"
}
wants() { [[ "$1" =~ $ONLY ]]; }

# ---------------------------------------------------------------- inputs
# The base district: data-samples/ ingested and run once (a champion promoted), all but two good files, which every
# case's inbox brings along with its bad file.
mkdir -p "$W/held" "$W/base/inbox"
cp "$REPO"/data-samples/*.csv "$W/base/inbox/"
mv "$W/base/inbox/crisis_202609.csv" "$W/base/inbox/tips_hotline_202610.csv" "$W/held/"
ID1=$(tail -n +2 "$W/held/crisis_202609.csv" | head -1 | cut -d, -f2)   # reference_month,household_id,indicator,value
ID2=$(tail -n +2 "$W/held/crisis_202609.csv" | sed -n 2p | cut -d, -f2)
ID3=$(tail -n +2 "$W/held/crisis_202609.csv" | sed -n 3p | cut -d, -f2)
OUTCOME_ROW=$(sed -n 2p "$REPO/data-samples/outcomes_2026Q4.csv" | tr -d '\r')  # 세대ID,방문일,결과,연계서비스,담당자ID
OUTCOME_ID=$(cut -d, -f1 <<< "$OUTCOME_ROW") OUTCOME_DAY=$(cut -d, -f2 <<< "$OUTCOME_ROW") OUTCOME_RESULT=$(cut -d, -f3 <<< "$OUTCOME_ROW")
OTHER_RESULT=$([ "$OUTCOME_RESULT" = 발굴 ] && echo 비해당 || echo 발굴)

# The inbox's personal data, for the grep at the end: every name and phone of the registry and the tips.
python3 - "$REPO/data-samples" "$W/pii-names.txt" "$W/pii-phones.txt" <<'PY'
import csv, glob, io, re, sys
src, names_out, phones_out = sys.argv[1:]
names, phones = set(), set()
for path in glob.glob(src + "/*.csv"):
    raw = open(path, "rb").read()
    try: text = raw.decode("utf-8-sig")
    except UnicodeDecodeError: text = raw.decode("cp949")
    rows = csv.DictReader(io.StringIO(text))
    for row in rows:
        for k, v in row.items():
            if k is None or v is None: continue
            key = k.strip().lower().replace(" ", "")
            if key in ("head_name", "세대주성명", "subject_name", "대상자성명") and re.fullmatch(r"[가-힣]{2,5}", v.strip()):
                names.add(v.strip())
            if key in ("phone", "연락처", "대상자연락처"):
                d = re.sub(r"\D", "", v)
                if len(d) >= 9: phones.add(d)
open(names_out, "w").write("\n".join(sorted(names)) + "\n")
with open(phones_out, "w") as f:
    for d in sorted(phones):
        f.write(d + "\n")
        f.write((f"{d[:3]}-{d[3:-4]}-{d[-4:]}" if d.startswith("01") else f"{d[:2]}-{d[2:-4]}-{d[-4:]}") + "\n")
PY
echo "replay: $(wc -l < "$W/pii-names.txt") names and $(( $(wc -l < "$W/pii-phones.txt") / 2 )) phone numbers of the inbox to look for"

build_base() { # build_base ENGINE
  local e=$1 dir=$W/base/$1
  mkdir -p "$dir"
  local db
  if [ "$e" = sqlite ]; then db=$dir/base.db; else psql_c "create database \"${PG_PREFIX}_base\""; db="$PG_BASE;Database=${PG_PREFIX}_base"; fi
  (cd "$dir" && dotnet "$CLI" run --inbox "$W/base/inbox" --out out --as-of $AS_OF --db "$db" --json > run.json 2> run.err)
  local version; version=$(cd "$dir" && dotnet "$CLI" models --db "$db" --json | jq -r '.[0].version')
  (cd "$dir" && dotnet "$CLI" promote "$version" --db "$db" --reason "replay base" > promote.out 2>&1) || { echo "replay: base $e failed" >&2; cat "$dir/run.err" >&2; exit 1; }
}

# ---------------------------------------------------------------- the cases
# Each case_* takes the engine. Files are written with printf so that bytes are exact.
CRISIS_HEAD=household_id,reference_month,indicator,value
TIP_HEAD=tip_id,received_at,officer_id,dong,address,subject_name,phone,household_id,category,urgent,note
OUT_HEAD=household_id,visited_on,result,services,worker_id

case_nul() {
  new_case nul-byte "$1"
  printf '%s\n%s,2026-10,ELEC_ARREARS,2\n%s,2026-10,TELECOM\0ARREARS,1\n%s,2026-10,GAS_ARREARS,3\n' "$CRISIS_HEAD" "$ID1" "$ID2" "$ID3" > "$C/inbox/crisis_202610.csv"
  printf '%s\nOT-R-1,2026-10-02 10:00,OF-01-001,도림동,도림로 1,,,,고립,N,혼자 지냄\0 연락 안 됨\nOT-R-2,2026-10-02 11:00,OF-01-001,도림동,도림로 2,,,,고립,N,연락\x01안 됨\n' "$TIP_HEAD" > "$C/inbox/tips_officer_2026R1.csv"
  ingest
  expect_rc 0
  held_ingested
  expect_quarantined crisis_202610.csv 1 '^잘못된 문자'
  expect_quarantined tips_officer_2026R1.csv 2 '^잘못된 문자'
  check "crisis: the other two rows accepted" [ "$(field_of crisis_202610.csv accepted)" = 2 ]
  next_run 0
  end_case 0
}

case_nul_header() {
  new_case nul-in-header "$1"
  printf 'household_id,reference_month,indi\0cator,value\n%s,2026-10,ELEC_ARREARS,2\n' "$ID1" > "$C/inbox/crisis_202610.csv"
  ingest
  expect_rc 1
  held_ingested
  expect_file crisis_202610.csv Rejected '필수 열이 없습니다: indicator'
  next_run 0 # refused then, same name and reason: reported once, not again
  end_case "1, then 0"
}

case_year_one() {
  new_case year-1-dates "$1"
  printf '%s\n%s,0001-01-01,발굴,,W0101\n%s,00010101,발굴,,W0101\n%s,2026-10-05,비해당,,W0101\n' "$OUT_HEAD" "$ID1" "$ID2" "$ID3" > "$C/inbox/outcomes_2026R1.csv"
  printf '%s\n%s,0001-01,ELEC_ARREARS,2\n' "$CRISIS_HEAD" "$ID1" > "$C/inbox/crisis_202610.csv"
  printf '%s\nOT-R-3,0001-01-01 10:00,OF-01-001,도림동,도림로 1,,,,고립,N,연락 안 됨\n' "$TIP_HEAD" > "$C/inbox/tips_officer_2026R1.csv"
  head -3 "$REPO/data-samples/households_20261030_part2.csv" > "$C/inbox/households_00010101.csv"
  ingest
  expect_rc 1
  held_ingested
  expect_quarantined outcomes_2026R1.csv 2 '날짜가 너무 이릅니다'
  expect_quarantined crisis_202610.csv 1 '날짜가 너무 이릅니다'
  expect_quarantined tips_officer_2026R1.csv 1 '날짜가 너무 이릅니다'
  expect_file households_00010101.csv Rejected '날짜가 너무 이릅니다'
  run_cli train --as-of $AS_OF --db "$DB" --no-promote
  check "train goes on after year-1 rows (exit $RC): $(grep -v '^\[' "$ERR" | head -1)" [ "$RC" = 0 ]
  check "no stack trace from train" no_trace
  next_run 0
  end_case "1, then 0"
}

case_far_dates() {
  new_case far-dates "$1"
  printf '%s\n%s,2099-01-01,발굴,,W0101\n%s,1990-05-05,발굴,,W0101\n' "$OUT_HEAD" "$ID1" "$ID2" > "$C/inbox/outcomes_2026R1.csv"
  ingest
  expect_rc 0
  held_ingested
  check "future visit quarantined as future" bash -c "grep -q '미래' <<< \"\$1\"" _ "$(quarantine_reasons outcomes_2026R1.csv)"
  expect_quarantined outcomes_2026R1.csv 2 '미래|너무 이릅니다'
  next_run 0
  end_case 0
}

case_moved_in_year_one() {
  new_case moved-in-year-1 "$1"
  # a third part of the stored snapshot: same households (duplicates), one with moved_in 0001-01-01
  python3 - "$REPO/data-samples/households_20261030_part2.csv" "$C/inbox/households_20261030_part3.csv" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8", newline="")))
h = rows[0]; m = h.index("moved_in")
rows[1][m] = "0001-01-01"
csv.writer(open(sys.argv[2], "w", encoding="utf-8", newline=""), lineterminator="\n").writerows(rows[:31])
PY
  ingest
  expect_rc 0
  held_ingested
  expect_quarantined households_20261030_part3.csv 1 '날짜가 너무 이릅니다'
  check "the other 29 rows are duplicates" [ "$(field_of households_20261030_part3.csv duplicate)" = 29 ]
  next_run 0
  end_case 0
}

case_bad_name() {
  new_case non-utf8-file-name "$1"
  cp "$W/held/crisis_202609.csv" "$C/inbox/crisis_$(printf '\xc7\xd1\xb1\xdb').csv"  # 한글 in CP949: a Windows zip
  ingest
  expect_rc 1
  held_ingested
  local name; name=$(jq -r '.files[] | select(.status == "Failed") | .file' "$OUT")
  check "reported with a printable name ($name)" bash -c '[ -n "$1" ] && iconv -f utf-8 -t utf-8 <<< "$1" >/dev/null' _ "$name"
  expect_file "$name" Failed 'UTF-8이 아니거나'
  next_run 1 # lists written, exit 1 naming the file until it is renamed
  check "the next run names it again" bash -c "jq -e '.ingest.rejected | length == 1' '$OUT' >/dev/null"
  end_case "1, next 1"
}

case_links() {
  new_case links-and-special-files "$1"
  ln -s /nonexistent/crisis.csv "$C/inbox/crisis_dangling.csv"
  ln -s /dev/zero "$C/inbox/crisis_zero.csv"
  ln -s /etc/passwd "$C/inbox/crisis_passwd.csv"
  mkfifo "$C/inbox/crisis_fifo.csv"
  : > "$C/inbox/crisis_empty.csv"
  mkdir "$C/inbox/crisis_dir.csv"
  local t0=$SECONDS
  ingest
  check "did not hang or read /dev/zero ($((SECONDS - t0)) s)" [ $((SECONDS - t0)) -lt 120 ]
  expect_rc 1
  held_ingested
  expect_file crisis_dangling.csv Failed '가리키는 파일이 없는 링크'
  expect_file crisis_passwd.csv Failed '폴더 밖을 가리키는 링크'
  expect_file crisis_fifo.csv Failed '일반 파일이 아니라서'
  expect_file crisis_zero.csv Failed '폴더 밖을 가리키는 링크'
  expect_file crisis_empty.csv Rejected '빈 파일'
  check "the folder named .csv is not a file of the ledger" [ -z "$(status_of crisis_dir.csv | grep -v Ignored)" ]
  check "/etc/passwd never read" bash -c "! grep -q 'root:' '$OUT' '$ERR'"
  next_run 1
  end_case "1, next 1"
}

case_snapshot_parts() {
  new_case identical-snapshot-part "$1"
  cp "$REPO/data-samples/households_20261030_part1.csv" "$C/inbox/households_20261101_part1.csv"
  cp "$REPO/data-samples/households_20261030_part2.csv" "$C/inbox/households_20261101_part2.csv"
  mkdir "$C/later"; mv "$C/inbox/households_20261101_part"* "$C/later/"
  next_run 0 2026-11-02 # moved out before the new snapshot
  local before=$MOVED_OUT
  mv "$C/later/"* "$C/inbox/"
  ingest
  expect_rc 0
  held_ingested
  expect_file households_20261101_part1.csv Ingested
  expect_file households_20261101_part2.csv Ingested
  MESSAGE="both parts ingested for 2026-11-01 (not \"same bytes\")"
  next_run 0 2026-11-02
  check "moved out as of 2026-11-02 after the identical snapshot ($MOVED_OUT) as before it ($before)" [ "$MOVED_OUT" = "$before" ]
  end_case 0
}

case_correction_snapshot() {
  new_case five-row-correction-snapshot "$1"
  head -6 "$REPO/data-samples/households_20261030_part2.csv" > "$C/inbox/households_correction.csv"
  ingest
  expect_rc 1
  held_ingested
  expect_file households_correction.csv Rejected '세대 중 .*전출로 처리됩니다.*--confirm-moved-out'
  local msg=$MESSAGE
  next_run 0
  run_cli ingest --inbox inbox --db "$DB" --json
  expect_file households_correction.csv Skipped
  MESSAGE=$msg
  end_case "1, then 0"
}

case_refused_renamed() {
  new_case refused-then-renamed "$1"
  { cat "$REPO/data-samples/households_20261030_part2.csv"; tail -n +2 "$REPO/data-samples/households_20261030_part1.csv" | sed '1s/^\xEF\xBB\xBF//'; } > "$C/inbox/households_2026-11-01.csv"
  # part1 has another column order: write the whole snapshot with part2's header through python instead
  python3 - "$REPO/data-samples/households_20261030_part1.csv" "$REPO/data-samples/households_20261030_part2.csv" "$C/inbox/households_2026-11-01.csv" <<'PY'
import csv, sys
a = list(csv.DictReader(open(sys.argv[1], encoding="utf-8-sig", newline="")))
b = list(csv.DictReader(open(sys.argv[2], encoding="utf-8-sig", newline="")))
keys = [k for k in b[0].keys() if k]
w = csv.DictWriter(open(sys.argv[3], "w", encoding="utf-8", newline=""), fieldnames=keys, lineterminator="\n", extrasaction="ignore")
w.writeheader(); w.writerows(b); w.writerows({k: r.get(k, "") for k in keys} for r in a)
PY
  printf '%s\nOT-R-4,2026-10-02 10:00,OF-01-001,도림동,도림로 1,,,,고립,N,연락 안 됨\n' "$TIP_HEAD" > "$C/inbox/tips_officr_2026R1.csv"
  ingest
  expect_rc 1
  held_ingested
  expect_file households_2026-11-01.csv Rejected '날짜를 읽을 수 없습니다'
  local msg=$MESSAGE
  expect_file tips_officr_2026R1.csv Unrecognised
  mv "$C/inbox/households_2026-11-01.csv" "$C/inbox/households_20261101.csv"
  mv "$C/inbox/tips_officr_2026R1.csv" "$C/inbox/tips_officer_2026R1.csv"
  ingest
  expect_rc 0
  expect_file households_20261101.csv Ingested
  expect_file tips_officer_2026R1.csv Ingested
  MESSAGE="$msg; renamed: both ingested"
  next_run 0
  end_case "1, then 0"
}

case_half_written() {
  new_case half-written-file "$1"
  printf '%s\n%s,2026-10,ELEC_ARREARS,2\n%s,2026-10,GAS_ARREARS,3\n%s,2026-10,WATER_ARREARS,259' "$CRISIS_HEAD" "$ID1" "$ID2" "$ID3" > "$C/inbox/crisis_202610.csv"
  printf '%s\n%s,2026-11,ELEC_ARREARS,1\n' "$CRISIS_HEAD" "$ID1" > "$C/inbox/crisis_202611.csv.part"
  ingest
  expect_rc 0
  held_ingested
  expect_quarantined crisis_202610.csv 1 '방금 바뀐 파일의 마지막 행'
  check "the .part file is not read" [ -z "$(status_of crisis_202611.csv.part | grep -v Ignored)" ]
  local msg=$MESSAGE
  printf '%s\n%s,2026-10,ELEC_ARREARS,2\n%s,2026-10,GAS_ARREARS,3\n%s,2026-10,WATER_ARREARS,259367\n' "$CRISIS_HEAD" "$ID1" "$ID2" "$ID3" > "$C/inbox/crisis_202610.csv"
  touch -d '-3 minutes' "$C/inbox/crisis_202610.csv"
  ingest
  expect_rc 0
  expect_file crisis_202610.csv Ingested
  check "the complete file brings the cut row (accepted 1, duplicate 2)" [ "$(field_of crisis_202610.csv accepted)/$(field_of crisis_202610.csv duplicate)" = 1/2 ]
  MESSAGE="$msg; complete file: 1 accepted + 2 duplicate"
  next_run 0
  end_case 0
}

case_stray_byte() {
  new_case stray-0xE9-byte "$1"
  python3 - "$REPO/data-samples/households_20261030_part2.csv" "$C/inbox/households_20261030_part3.csv" <<'PY'
import sys
lines = open(sys.argv[1], "rb").read().split(b"\n")[:101]
lines[5] = lines[5].replace(b",", b",\xe9", 1)   # one Latin-1 byte in a UTF-8 file
open(sys.argv[2], "wb").write(b"\n".join(lines) + b"\n")
PY
  ingest
  expect_rc 0
  held_ingested
  check "stays UTF-8 ($(field_of households_20261030_part3.csv encoding))" [ "$(field_of households_20261030_part3.csv encoding)" = utf-8 ]
  expect_quarantined households_20261030_part3.csv 1 '^잘못된 문자'
  check "noted: one undecodable byte" bash -c "grep -q 'UTF-8로 읽을 수 없는 바이트 1개' <<< \"\$1\"" _ "$(notes_of households_20261030_part3.csv)"
  next_run 0
  end_case 0
}

case_corrected_result() {
  new_case corrected-visit-result "$1"
  printf '%s\n%s,%s,%s,,W0101\n' "$OUT_HEAD" "$OUTCOME_ID" "$OUTCOME_DAY" "$OTHER_RESULT" > "$C/inbox/outcomes_2026R1.csv"
  printf '%s,정정\n%s,%s,%s,,W0101,Y\n' "$OUT_HEAD" "$OUTCOME_ID" "$OUTCOME_DAY" "$OTHER_RESULT" > "$C/inbox/outcomes_2026R2.csv"
  ingest
  expect_rc 0
  held_ingested
  expect_quarantined outcomes_2026R1.csv 1 '같은 세대·방문일에 다른 결과'
  local msg=$MESSAGE
  check "with 정정=Y: accepted as a correction" [ "$(field_of outcomes_2026R2.csv accepted)" = 1 ]
  check "noted as a correction" bash -c "grep -q '정정' <<< \"\$1\"" _ "$(notes_of outcomes_2026R2.csv)"
  MESSAGE="$msg / 정정=Y: $(notes_of outcomes_2026R2.csv | head -1)"
  next_run 0
  end_case 0
}

case_unknown_household() {
  new_case outcome-for-unknown-household "$1"
  printf '%s\nYDP-9999999,2026-10-05,발굴,,W0101\n' "$OUT_HEAD" > "$C/inbox/outcomes_2026R1.csv"
  ingest
  expect_rc 0
  held_ingested
  expect_quarantined outcomes_2026R1.csv 1 '세대 명부에 없는 세대ID'
  next_run 0
  end_case 0
}

case_echoes() {
  new_case masked-echoes "$1"
  printf '%s,%s\n%s,2026-10,%s,1,x\n' "$CRISIS_HEAD" "$PLANTED_NAME $PLANTED_PHONE" "$ID1" "$PLANTED_NAME $PLANTED_PHONE" > "$C/inbox/crisis_202610.csv"
  cp "$W/held/crisis_202609.csv" "$C/inbox/crisis_$PLANTED_RRN.csv"
  ingest
  expect_rc 1
  held_ingested
  expect_file 'crisis_******-*******.csv' Failed '주민등록번호로 보이는'
  local msg=$MESSAGE
  check "unknown header and code masked in the notes" bash -c "! grep -q '$PLANTED_NAME' <<< \"\$1\" && grep -q '계약에 없는 열' <<< \"\$1\"" _ "$(notes_of crisis_202610.csv)"
  MESSAGE="$msg; notes: $(notes_of crisis_202610.csv | paste -sd' ')"
  next_run 1
  end_case "1, next 1"
}

case_rrn_variants() {
  new_case resident-number-variants "$1"
  local i=0
  for v in 8001011234560 '800101 1234560' '800101–1234560' '800101−1234560' '８００１０１－１２３４５６０' '800101－1234560' '800101.1234560'; do
    i=$((i + 1))
    printf '%s\nOT-V-%d,2026-10-02 10:00,OF-01-001,도림동,도림로 1,,,,고립,N,주민번호 %s 라고 함\n' "$TIP_HEAD" $i "$v" > "$C/inbox/tips_officer_2026V$i.csv"
  done
  printf '%s\nOT-L-1,2026-10-02 10:00,OF-01-001,도림동,도림로 1,,01012345678,,고립,N,번호 8001011234567 계좌\n' "$TIP_HEAD" > "$C/inbox/tips_officer_2026L1.csv"
  ingest
  expect_rc 1
  held_ingested
  for j in $(seq 1 $i); do expect_file "tips_officer_2026V$j.csv" Rejected '주민등록번호로 보이는 값'; done
  local msg=$MESSAGE
  expect_file tips_officer_2026L1.csv Ingested
  check "look-alikes (a phone, 13 digits with a wrong check digit) accepted" [ "$(field_of tips_officer_2026L1.csv accepted)" = 1 ]
  MESSAGE="7 variants: ${msg#*: }; look-alikes accepted"
  next_run 0
  end_case "1, then 0"
}

case_not_csv() {
  new_case not-csv-text "$1"
  python3 - "$W/held/crisis_202609.csv" "$C/inbox" <<'PY'
import sys, zipfile
src = open(sys.argv[1], encoding="utf-8").read().splitlines()[:20]
text = "\r\n".join(src) + "\r\n"
open(sys.argv[2] + "/crisis_2026U1.csv", "wb").write(b"\xff\xfe" + text.encode("utf-16-le"))
with zipfile.ZipFile(sys.argv[2] + "/crisis_2026X1.csv", "w") as z: z.writestr("xl/workbook.xml", "<workbook/>")
open(sys.argv[2] + "/crisis_2026S1.csv", "w", encoding="utf-8").write(text.replace(",", ";"))
PY
  ingest
  expect_rc 1
  held_ingested
  expect_file crisis_2026X1.csv Rejected '엑셀 통합 문서'
  expect_file crisis_2026S1.csv Rejected '세미콜론'
  expect_file crisis_2026U1.csv Rejected 'UTF-16'
  next_run 0
  end_case "1, then 0"
}

case_mistyped_db() {
  bare_case mistyped-db "$1"
  local db=$C/typo-folder/blindspotx.db
  if [ "$1" = postgres ]; then db="$PG_BASE;Database=${PG_PREFIX}_nosuchdb"; fi
  local fails=0
  for cmd in "worklists --date $LIST_DAY --out out" "targets --year 2026 --as-of $AS_OF" "train --as-of $AS_OF" "models" "score --as-of $AS_OF" "promote m-1"; do
    # shellcheck disable=SC2086
    run_cli $cmd --db "$db"
    if [ "$1" = sqlite ]; then expect_rc 2; expect_line '저장소가 없습니다: .*blindspotx.db'
    else expect_rc 1; expect_line 'PostgreSQL 데이터베이스가 없습니다'; fi
  done
  check "no file, no folder created" bash -c '[ ! -e "$1/typo-folder" ] && [ ! -e "$1/out" ]' _ "$C"
  if [ "$1" = postgres ]; then
    local msg=$MESSAGE
    psql_c "create database \"${PG_PREFIX}_empty\""
    run_cli worklists --date $LIST_DAY --out out --db "$PG_BASE;Database=${PG_PREFIX}_empty"
    expect_rc 2; expect_line 'BlindSpot 저장소가 없습니다'
    check "no table created in the empty database" [ "$("$PSQL" -X -At -d "${PG_PREFIX}_empty" -c "select count(*) from information_schema.tables where table_schema='public'")" = 0 ]
    MESSAGE="$msg (exit 1) / empty database: $MESSAGE (exit 2)"
    end_case "1 / 2"
  else
    end_case 2
  fi
}

case_holidays() {
  new_case holidays-2027 "$1"
  local bad=""
  for d in 2027-01-01 2027-02-08 2027-02-09 2027-03-01 2027-05-13; do
    run_cli worklists --date $d --out out --db "$DB" --json
    expect_rc 0
    [ "$(jq -r .is_business_day "$OUT")" = false ] || bad="$bad $d"
  done
  check "2027 holidays are not business days ($bad)" [ -z "$bad" ]
  run_cli worklists --date 2027-02-10 --out out --db "$DB" --json
  check "2027-02-10 is a business day" [ "$(jq -r .is_business_day "$OUT")" = true ]
  run_cli worklists --date 2051-01-02 --out out --db "$DB"
  expect_rc 2; expect_line '2050-12-01 사이여야'
  MESSAGE="2027-01-01, 02-08, 02-09 (설날 대체), 03-01, 05-13: no lists; 02-10 lists; 2051: $MESSAGE"
  end_case "0; 2051: 2"
}

case_password_db() {
  bare_case password-in-db "$1"
  run_cli worklists --date $LIST_DAY --out out --db "Server=127.0.0.1;Password=$DB_PASSWORD"
  expect_rc 2; expect_line '연결 문자열'
  local msg=$MESSAGE
  run_cli worklists --date $LIST_DAY --out out --db "./blind;spot.db"
  expect_rc 2; expect_line "';'"
  run_cli ingest --inbox . --db "a=b.db"
  expect_rc 2
  check "no file created" [ -z "$(find "$C" -newer "$C/.start" -not -name '*.out' -not -name '*.err' -not -name '*.cmd' -not -path "$C")" ]
  MESSAGE="$msg / $MESSAGE"
  end_case 2
}

case_as_of_bounds() {
  bare_case as-of-out-of-range "$1"
  for cmd in "run --inbox . --out out --as-of 0001-01-01" "run --inbox . --out out --as-of 9999-12-31" "train --as-of 0001-01-01" "score --as-of 9999-12-31"; do
    # shellcheck disable=SC2086
    run_cli $cmd --db "$DB"; expect_rc 2; expect_line '사이여야 합니다'
  done
  local msg=$MESSAGE
  run_cli worklists --date 00010101 --out out --db "$DB"; expect_rc 2; expect_line 'yyyy-MM-dd'
  MESSAGE="$msg / $MESSAGE"
  end_case 2
}

case_db_not_a_store() {
  bare_case db-not-a-store "$1"
  mkdir "$C/folder.db"
  head -c 8192 /dev/urandom > "$C/corrupt.db"
  cp /etc/hostname "$C/text.db" 2>/dev/null || echo "not a database" > "$C/text.db"
  run_cli worklists --date $LIST_DAY --out out --db "$C/folder.db"; expect_rc 2; expect_line '폴더입니다'
  local m1=$MESSAGE
  run_cli ingest --inbox . --db /dev/null; expect_rc 2; expect_line '일반 파일이 아닙니다'
  run_cli worklists --date $LIST_DAY --out out --db "$C/corrupt.db"; expect_rc 1; expect_line 'SQLite 데이터베이스 파일이 아닙니다'
  run_cli ingest --inbox . --db "$C/text.db"; expect_rc 1; expect_line 'SQLite 데이터베이스 파일이 아닙니다'
  local m3=$MESSAGE
  sqlite_foreign "$C/foreign.db"
  run_cli ingest --inbox . --db "$C/foreign.db"; expect_rc 2; expect_line 'BlindSpot 저장소가 아닙니다'
  check "nothing written into the other application's file" [ "$(python3 -c 'import sqlite3,sys; print(len(sqlite3.connect(sys.argv[1]).execute("select name from sqlite_master where type=\"table\"").fetchall()))' "$C/foreign.db")" = 1 ]
  MESSAGE="$m1 (2) / $m3 (1) / another application's SQLite file: $MESSAGE (2)"
  end_case "2 / 1 / 2"
}
sqlite_foreign() { python3 -c 'import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute("create table invoices(id integer primary key, amount int)"); c.commit()' "$1"; }

case_unwritable_paths() {
  new_case unwritable-out-quarantine "$1"
  echo x > "$C/afile"
  run_cli run --inbox inbox --out "$C/afile/out" --as-of $AS_OF --db "$DB"
  expect_rc 1; expect_line '쓰거나 읽지 못했습니다|쓸 수 없습니다'
  local m1=$MESSAGE
  printf '%s\nYDP-9999999,2026-10-05,발굴,,W0101\n' "$OUT_HEAD" > "$C/inbox/outcomes_2026R1.csv"
  run_cli ingest --inbox inbox --db "$DB" --quarantine "$C/afile/q"
  expect_rc 1; expect_line '격리 폴더에 쓸 수 없습니다'
  local m2=$MESSAGE
  ingest # and with a writable quarantine folder the files go in
  expect_rc 0
  held_ingested
  MESSAGE="$m1 / $m2"
  next_run 0
  end_case "1, then 0"
}

case_inbox_is_file() {
  bare_case inbox-not-a-folder "$1"
  echo x > "$C/afile"
  run_cli ingest --inbox "$C/afile" --db "$DB"; expect_rc 2; expect_line '--inbox 폴더가 없습니다'
  run_cli run --inbox "$C/nope" --out out --db "$DB"; expect_rc 2; expect_line '--inbox 폴더가 없습니다'
  end_case 2
}

case_postgres_failures() {
  bare_case postgres-failures "$1"
  local d="Database=${PG_PREFIX}_base"
  local bad_pw=${PG_BASE/Password=$PGPASSWORD/Password=Wrong-$DB_PASSWORD}
  [ "$bad_pw" = "$PG_BASE" ] && bad_pw="$PG_BASE;Password=Wrong-$DB_PASSWORD"
  local msgs=""
  for spec in "Host=127.0.0.1;Port=1;Username=postgres;Password=$DB_PASSWORD;$d|연결할 수 없습니다" \
              "$bad_pw;$d|로그인에 실패했습니다" \
              "$PG_BASE;Database=${PG_PREFIX}_missing|데이터베이스가 없습니다" \
              "Host=no-such-host.invalid;Username=postgres;Password=$DB_PASSWORD;$d|연결할 수 없습니다|통신하지 못했습니다"; do
    local db=${spec%%|*} re=${spec#*|}
    for cmd in "ingest --inbox ." "worklists --date $LIST_DAY --out out" "targets --year 2026 --as-of $AS_OF"; do
      # shellcheck disable=SC2086
      run_cli $cmd --db "$db"; expect_rc 1; expect_line "$re"
    done
    msgs="$msgs / $MESSAGE"
  done
  run_cli models --db "$PG_BASE;Port=99999;$d"; expect_rc 2; expect_line '연결 문자열'
  MESSAGE="${msgs# / } / Port=99999: $MESSAGE (2)"
  end_case "1 (port 99999: 2)"
}

case_usage() {
  bare_case usage-errors "$1"
  run_cli targets --year 0 --db "$DB"; expect_rc 2; expect_line '--year는 2022부터 2050'
  local m1=$MESSAGE
  run_cli targets --year abc --db "$DB"; expect_rc 2; expect_line '정수를 주세요'
  run_cli worklists --date $LIST_DAY --out out --exploration-share 2 --db "$DB"; expect_rc 2; expect_line '--exploration-share는 0부터 1'
  local m2=$MESSAGE
  run_cli run --bogus; expect_rc 2; expect_line '알 수 없는 옵션'
  N=$((N + 1)); OUT=$C/$N.out ERR=$C/$N.err
  (cd "$C" && LANG=ko_KR.UTF-8 LC_ALL=ko_KR.UTF-8 dotnet "$CLI" run --inbox . --out out "$PLANTED_NAME" > "$OUT" 2> "$ERR"); RC=$?
  expect_rc 2; expect_line '알 수 없는 인수'
  check "the stray value is not repeated" bash -c "! grep -q '$PLANTED_NAME' '$ERR'"
  run_cli worklists --date $LIST_DAY --as-of $LIST_DAY --out out --db "$DB"; expect_rc 2; expect_line '--as-of는 --date보다'
  run_cli models --card v-nope --db "$W/base/sqlite/base.db"; expect_rc 1; expect_line '그런 버전이 없습니다'
  echo '{ "BlindSpot": { "Db":' > "$C/appsettings.json"
  run_cli worklists --date $LIST_DAY --out out; expect_rc 2; expect_line '설정 파일 .*읽을 수 없습니다'
  rm "$C/appsettings.json"
  N=$((N + 1)); OUT=$C/$N.out ERR=$C/$N.err
  (cd "$C" && echo "$DB_PASSWORD" | dotnet "$CLI" users add --username kim --role boss --password-stdin --db "$W/base/sqlite/base.db" > "$OUT" 2> "$ERR"); RC=$?
  expect_rc 2; expect_line '--role은 planner, dong, analyst, admin'
  run_cli users add --username kim --role dong --dong 도림동 --db "$W/base/sqlite/base.db"; expect_rc 2; expect_line '--password-stdin이 필요합니다'
  run_cli web --urls ftp://x --db "$W/base/sqlite/base.db"; expect_rc 2; expect_line 'http://나 https://'
  run_cli targets --year 2027 --as-of $AS_OF --db "$DB"; expect_rc 2; expect_line '아직 시작되지 않았습니다'
  BlindSpot__Worklists__ExplorationShare=abc run_cli worklists --date $LIST_DAY --out out --db "$W/base/sqlite/base.db"; expect_rc 2; expect_line 'ExplorationShare 값을 읽을 수 없습니다'
  BLINDSPOT_LOG_LEVEL=bogus run_cli models --db "$W/base/sqlite/base.db"; expect_rc 2; expect_line 'MinimumLevel'
  printf 'date,name\n2026-13-45,x\n' > "$C/holidays.csv"
  run_cli worklists --date $LIST_DAY --out out --holidays "$C/holidays.csv" --db "$W/base/sqlite/base.db"; expect_rc 2; expect_line 'HolidaysFile'
  check "no store, output or quarantine created by usage errors" bash -c '[ ! -e "$1/store.db" ] && [ ! -e "$1/out" ] && [ ! -e "$1/quarantine" ]' _ "$C"
  MESSAGE="$m1 / $m2 / ..."
  end_case 2
}

case_jobs_start() {
  bare_case jobs-host-start "$1"
  run_jobs 60 --help
  check "--help exits 0 (was $RC)" [ "$RC" = 0 ]
  check "--help prints the switches" grep -q -- '--trigger' "$OUT"
  check "--help creates nothing" [ -z "$(find "$C" -newer "$C/.start" -not -name '*.out' -not -name '*.err' -not -name '*.cmd' -not -path "$C")" ]
  run_jobs 60 --workers 0 --db "$DB"; expect_rc 2; expect_line 'Workers는 1에서 64'
  local m1=$MESSAGE
  run_jobs 60 --BlindSpot:Retention:Years=0 --db "$DB"; expect_rc 2; expect_line 'Retention:Years'
  run_jobs 60 --bogus x; expect_rc 2; expect_line '알 수 없는 옵션입니다: --bogus'
  run_jobs 60 --db; expect_rc 2; expect_line '--db 뒤에 값을 주세요'
  mkdir -p "$C/folder.db"
  run_jobs 60 --db "$C/folder.db"; expect_rc 2; expect_line '폴더입니다'
  run_jobs 60 --db "$DB" --holidays "$C/no-such-holidays.csv"; expect_rc 2; expect_line 'HolidaysFile 파일이 없습니다'
  echo '{ "BlindSpot": { "Db":' > "$C/appsettings.json"
  run_jobs 60; expect_rc 2; expect_line '설정 파일'
  rm "$C/appsettings.json"
  local m2=""
  if [ "$1" = postgres ]; then
    local t0=$SECONDS
    run_jobs 90 --db "Host=127.0.0.1;Port=1;Username=postgres;Password=$DB_PASSWORD;Database=x" --BlindSpot:Jobs:DatabaseWait=00:00:03
    expect_rc 1; expect_line '연결할 수 없습니다.*기다렸습니다'
    m2=$MESSAGE
    check "waited about 3 s ($((SECONDS - t0)) s)" [ $((SECONDS - t0)) -ge 3 ]
    run_jobs 60 --db "$PG_BASE;Password=Wrong-$DB_PASSWORD;Database=${PG_PREFIX}_base"; expect_rc 1; expect_line '로그인에 실패했습니다'
  fi
  MESSAGE="$m1${m2:+ / down: $m2}"
  end_case "0 / 2 / 1"
}

# The scheduled ingest of the jobs host over a bad inbox: a NUL row, a FIFO, a dangling link, a file written a moment
# ago (deferred by the quiet period), a refused file; then the host is stopped and the CLI's next run goes on.
case_jobs_ingest() {
  new_case jobs-host-ingest "$1"
  printf '%s\n%s,2026-10,ELEC_ARREARS,2\n%s,2026-10,TELECOM\0ARREARS,1\n' "$CRISIS_HEAD" "$ID1" "$ID2" > "$C/inbox/crisis_202610.csv"
  touch -d '-5 minutes' "$C/inbox/"*.csv
  mkfifo "$C/inbox/crisis_fifo.csv"
  ln -s /nonexistent "$C/inbox/crisis_dangling.csv"
  printf '%s\n%s,2026-10,GAS_ARREARS,3\n%s,2026-10,WATER_ARREARS,259' "$CRISIS_HEAD" "$ID1" "$ID3" > "$C/inbox/crisis_202610b.csv" # just written
  printf '%s\nYDP-9999999,2026-10-05,발굴,,W0101\n' "$OUT_HEAD" > "$C/inbox/outcomes_2026R1.csv"
  touch -d '-5 minutes' "$C/inbox/outcomes_2026R1.csv"
  local t0=$SECONDS
  # the host runs the ingest job once at start, then waits for its schedule: stopped after 45 s
  run_jobs 45 --db "$DB" --inbox inbox --out out --trigger ingest-inbox --log-file logs/jobs-.clef
  check "the host was running until stopped (exit $RC)" bash -c '[ "$1" = 124 ] || [ "$1" = 0 ] || [ "$1" = 143 ]' _ "$RC"
  check "no stack trace from the host" no_trace
  local log; log=$(ls "$C"/logs/*.clef 2>/dev/null | head -1)
  check "the job ran and reported the failed files" bash -c "[ -n '$log' ] && grep -q 'ingest-inbox' '$log' && grep -q 'crisis_fifo.csv' '$log'"
  # the host's console (standard output) renders its log lines
  check "the host deferred the file written a moment ago" grep -q 'Deferred crisis_202610b.csv: ' "$OUT"
  check "the host quarantined the NUL row and stored the other" grep -q 'Ingested crisis_202610.csv (Crisis, utf-8): 2 read, 1 accepted, 0 duplicate, 1 quarantined' "$OUT"
  check "the host quarantined the outcome of an unknown household" grep -q 'Ingested outcomes_2026R1.csv (Outcomes, utf-8): 1 read, 0 accepted, 0 duplicate, 1 quarantined' "$OUT"
  # what the store has now, from the CLI (the jobs host wrote the ledger)
  run_cli ingest --inbox inbox --db "$DB" --json
  check "no stack trace" no_trace
  ledger_balances
  LEDGER=$(ledger_summary)
  held_ingested
  expect_file crisis_202610.csv Skipped
  expect_file crisis_fifo.csv Failed '일반 파일이 아니라서'
  MESSAGE="host: NUL row quarantined, FIFO and dangling link failed, just-written file deferred, unknown household quarantined; then the CLI: $(reason_of crisis_fifo.csv)"
  rm -f "$C/inbox/crisis_fifo.csv" "$C/inbox/crisis_dangling.csv"
  next_run 0
  end_case "host: stopped; CLI 0"
}

case_quarantine_in_inbox() {
  new_case quarantine-is-the-inbox "$1"
  printf '%s\nYDP-9999999,2026-10-05,발굴,,W0101\n' "$OUT_HEAD" > "$C/inbox/outcomes_2026R1.csv"
  run_cli ingest --inbox inbox --db "$DB" --quarantine inbox/
  expect_rc 2; expect_line '격리 폴더.*받은 파일 폴더.*같습니다'
  local m1=$MESSAGE
  check "nothing written into the inbox" [ "$(ls "$C/inbox" | wc -l)" = 3 ]
  run_jobs 60 --db "$DB" --inbox inbox --quarantine "$C/inbox" --log-file logs/jobs-.clef
  expect_rc 2; expect_line '격리 폴더.*받은 파일 폴더.*같습니다'
  ingest --quarantine inbox/quarantine # a sub-folder of the inbox is fine: sub-folders are not read
  expect_rc 0
  held_ingested
  MESSAGE="$m1 (CLI and jobs host); a sub-folder of the inbox: ingested"
  next_run 0
  end_case "2 (sub-folder: 0)"
}

case_jobs_log_file() {
  bare_case jobs-host-log-file "$1"
  echo x > "$C/afile"
  run_jobs 60 --db "$DB" --log-file "$C/afile/jobs.clef"
  expect_rc 1; expect_line '쓰거나 읽지 못했습니다'
  end_case 1
}

# ---------------------------------------------------------------- personal data and modes
check_modes() { # every file BlindSpot created in the case folders: 0600, folders 0700
  local bad
  bad=$(cd "$W" && find sqlite postgres -newer "$W/held" \( -path '*/inbox' -o -path '*/inbox/*' \) -prune -o \
        \( -type f \( -name 'store.db*' -o -name 'base.db*' -o -path '*/quarantine/*' -o -path '*/out/*' -o -path '*/logs/*' -o -name '*.inbox-lock' -o -name '*.district-cache' \) ! -perm 600 -print \) -o \
        \( -type d \( -name quarantine -o -path '*/out/*' -o -name out -o -name logs -o -name worklists \) ! -perm 700 -print \) 2>/dev/null | head -20)
  local count; count=$(cd "$W" && find sqlite postgres \( -path '*/inbox' -o -path '*/inbox/*' \) -prune -o -type f \( -name 'store.db*' -o -name 'base.db*' -o -path '*/quarantine/*' -o -path '*/out/*' -o -path '*/logs/*' \) -print 2>/dev/null | wc -l)
  CASE=file-modes ENGINE=both C=$W MESSAGE="$count files with personal data read: ${bad:-all 0600, folders 0700}" LEDGER="-" NEXT="-" CASE_FAILS=0
  check "files 0600, folders 0700 (umask 022): $bad" [ -z "$bad" ]
  end_case "-"
}

check_personal_data() {
  # every standard output and error of every command, and every log file; not the worklists, quarantine copies and
  # stores, which hold personal data on purpose (owner-only)
  local outputs=$W/all-outputs.txt
  find "$W/sqlite" "$W/postgres" "$W/base" \( -name '*.out' -o -name '*.err' -o -name '*.json' -o -path '*/logs/*' \) -type f -print0 2>/dev/null | xargs -0 cat > "$outputs" 2>/dev/null
  CASE=personal-data-in-outputs ENGINE=both C=$W LEDGER="-" NEXT="-" CASE_FAILS=0
  local names phones rrn planted secrets
  names=$(grep -oFf "$W/pii-names.txt" "$outputs" | sort | uniq -c | sort -rn | head -5 | tr -s ' ' | paste -sd,)
  phones=$(grep -oFf "$W/pii-phones.txt" "$outputs" | sort -u | head -5 | paste -sd,)
  rrn=$(grep -oP '(?<![0-9A-Za-z])\d{6}[-\s.\x{2013}\x{2212}\x{FF0D}]?\d{7}(?![0-9A-Za-z])' "$outputs" | head -5 | paste -sd,)
  planted=$(grep -oF -e "$PLANTED_NAME" -e "$PLANTED_PHONE" -e "$PLANTED_RRN" -e '８００１０１' "$outputs" | sort -u | paste -sd,)
  secrets=$(grep -oF -e "$DB_PASSWORD" ${PGPASSWORD:+-e "$PGPASSWORD"} "$outputs" | sort -u | paste -sd,)
  check "no name of the inbox in any output ($names)" [ -z "$names" ]
  check "no phone number of the inbox in any output ($phones)" [ -z "$phones" ]
  check "no resident-number shape in any output ($rrn)" [ -z "$rrn" ]
  check "no planted value in any output ($planted)" [ -z "$planted" ]
  check "no password in any output ($secrets)" [ -z "$secrets" ]
  MESSAGE="$(wc -l < "$outputs") lines of output searched for $(wc -l < "$W/pii-names.txt") names, $(( $(wc -l < "$W/pii-phones.txt") / 2 )) phones, resident numbers, passwords: ${names:-}${phones:-}${rrn:-}${planted:-}${secrets:-none found}"
  end_case "-"
}

# ---------------------------------------------------------------- main
ENGINES=sqlite
[ -n "$PG" ] && ENGINES="sqlite postgres"
for e in $ENGINES; do
  echo "replay: the base district on $e (data-samples/ less two good files, run once, its model promoted)"
  build_base "$e"
done
CASES="nul nul_header year_one far_dates moved_in_year_one bad_name links snapshot_parts correction_snapshot refused_renamed
  half_written stray_byte corrected_result unknown_household echoes rrn_variants not_csv mistyped_db holidays password_db
  as_of_bounds db_not_a_store unwritable_paths inbox_is_file postgres_failures usage jobs_start jobs_ingest quarantine_in_inbox
  jobs_log_file"
SQLITE_ONLY=" password_db as_of_bounds db_not_a_store inbox_is_file usage jobs_log_file "
PG_ONLY=" postgres_failures "
for e in $ENGINES; do
  echo "replay: cases on $e"
  for c in $CASES; do
    wants "$c" || continue
    [ "$e" = postgres ] && [[ "$SQLITE_ONLY" == *" $c "* ]] && continue
    [ "$e" = sqlite ] && [[ "$PG_ONLY" == *" $c "* ]] && continue
    "case_$c" "$e"
  done
done
check_modes
check_personal_data

# ---------------------------------------------------------------- the table
# One row per case: the SQLite run's message, exit, ledger and next run (PostgreSQL's when the case ran there only), and
# each engine's result ("-" where a case does not apply to that engine).
table() {
  python3 - "$RESULTS" "$PASSED" "$FAILED" <<'PY'
import sys
rows, order = {}, []
for line in open(sys.argv[1], encoding="utf-8"):
    case, engine, msg, exit_, ledger, nxt, status = line.rstrip("\n").split("\t")
    if case not in rows: rows[case] = {}; order.append(case)
    rows[case][engine] = (msg, exit_, ledger, nxt, status)
print("| case | message (shortened; SQLite's when both ran) | exit | ledger (this run's files) | next run | SQLite | PostgreSQL |")
print("|---|---|---|---|---|---|---|")
passed = failed = 0
for case in order:
    r = rows[case]
    msg, exit_, ledger, nxt, _ = r.get("sqlite") or r.get("postgres") or r.get("both")
    res = {e: (r[e][4] if e in r else "-") for e in ("sqlite", "postgres")}
    if "both" in r: res = {"sqlite": r["both"][4], "postgres": r["both"][4]}
    for v in r.values():
        if v[4] == "pass": passed += 1
        else: failed += 1
    if "sqlite" in r and "postgres" in r and r["sqlite"][2] != r["postgres"][2]:
        ledger += " (PostgreSQL: " + r["postgres"][2] + ")"
    print(f"| {case} | {msg} | {exit_} | {ledger} | {nxt} | {res['sqlite']} | {res['postgres']} |")
print()
print(f"{passed} of {passed + failed} case runs passed ({len(order)} cases; {sys.argv[2]} of {int(sys.argv[2]) + int(sys.argv[3])} checks).")
PY
}
table > "$W/table.md"
[ -n "${REPLAY_TABLE:-}" ] && cp "$W/table.md" "$REPLAY_TABLE"
echo
cat "$W/table.md"
[ "$FAILED" = 0 ]
