#!/usr/bin/env bash
# BlindSpot's nightly `run` (the CLI, SQLite) beside an independent pandas + scikit-learn pipeline
# (bench/independent/pipeline.py), on the same generated inbox and the same days, on the same machine, one after the
# other: the side-by-side measurement of issue 11 (docs/benchmarks.md says how to read it).
#
#   bench/side-by-side.sh <work> [households=190000] [days=3] [seed=42]
#
# Day 0 is the first run on an empty store (ingest, train, score, lists); every business day after it the bench's
# `day-files` writes that day's new tips and visit results into the inbox (the sample generator's continued district, as the
# simulation writes its days; no new snapshot) and both run again.
# Each run is its own process, timed by /usr/bin/time: wall seconds, CPU seconds (user + system) and peak RSS.
# At the end a table puts each BlindSpot run beside the independent run that followed it, against issue 11's bars
# (wall ratio at most 1.0 for the first run and about 0.5 for a daily run; 12 s, 2.5 s and 600 MB as stated at 190,000
# households, read only at that size), with a verdict per run: what the issue's own check reads off. Beside the wall
# times it prints both runs' CPU seconds and the CPU pressure at the end of BlindSpot's run (psi60): on two shared cores
# BlindSpot's runs use both cores and the independent's mostly one, so a busy machine moves the wall ratio by itself
# (docs/benchmarks.md, "Twenty-eighth pass": the same code measured 0.89 here and 1.10-1.22 under more load).
# scikit-learn's OpenMP threads wait passively (OMP_WAIT_POLICY=PASSIVE): spinning threads on a shared, loaded
# machine cost the baseline seconds it would not pay alone (20,000 households, load 9-16: scoring 0.6-0.7 s passive,
# 3.8-6.2 s spinning).
# Needs the .NET SDK and Debian's python3-pandas, python3-sklearn (apt-get install python3-pandas python3-sklearn).
set -euo pipefail
work=$1; households=${2:-190000}; days=${3:-3}; seed=${4:-42}
root=$(cd "$(dirname "$0")/.." && pwd)
py=/usr/bin/python3
"$py" -c 'import pandas, sklearn' 2>/dev/null || { echo "side-by-side: needs Debian's python3-pandas and python3-sklearn" >&2; exit 2; }
mkdir -p "$work"
dotnet build "$root/bench/BlindSpot.Bench" -c Release -o "$work/bench-bin" -nologo -v q >/dev/null
# The CLI as it is deployed (build/publish.sh, which says what the recipe is and how long its first publish takes).
rm -rf "$work/cli-bin"
"$root/build/publish.sh" "$root/src/BlindSpot.Cli" "$work/cli-bin" >/dev/null
generated="$work/inbox-$households-$seed"
[ -d "$generated" ] || dotnet "$work/bench-bin/BlindSpot.Bench.dll" generate "$generated" "$households" "$seed"
rm -rf "$work/play"; mkdir -p "$work/play/inbox"; cp "$generated"/* "$work/play/inbox/"
inbox="$work/play/inbox"; db="$work/play/blindspot.db"; results="$work/play/results.tsv"

# One measured run: label, then the command. Appends "label wall cpu peak_mb load pressure" to the results: the load
# averages and the CPU pressure (/proc/pressure/cpu, "some" avg60: the share of the last minute in which a runnable
# task waited for a core) at its end, which say how busy the shared machine was ("-" where the kernel has no PSI).
measure() {
  local label=$1; shift
  /usr/bin/time -o "$work/play/time" -f "%e %U %S %M" "$@" > "$work/play/$label.log" 2>&1 || { echo "$label failed: $work/play/$label.log" >&2; exit 1; }
  read -r wall user sys rss < <(tail -1 "$work/play/time")
  local pressure
  pressure=$(awk '$1 == "some" { sub("avg60=", "", $3); print $3 }' /proc/pressure/cpu 2>/dev/null || true)
  printf '%s\t%s\t%.2f\t%.0f\t%s\t%s\n' "$label" "$wall" "$(echo "$user + $sys" | bc)" "$((rss / 1024))" "$(cut -d' ' -f1-3 /proc/loadavg)" \
    "${pressure:--}" | tee -a "$results"
}
run_day() {
  local kind=$1 day=$2
  measure "blindspot-$kind-$day" dotnet "$work/cli-bin/blindspot.dll" run --db "$db" --inbox "$inbox" --out "$work/play/out" --as-of "$day"
  OMP_WAIT_POLICY=PASSIVE measure "independent-$kind-$day" "$py" "$root/bench/independent/pipeline.py" "$kind" "$inbox" "$work/play/independent" "$day"
}

printf 'run\twall_s\tcpu_s\tpeak_mb\tload\tcpu_pressure_avg60\n' | tee "$results"
day=2026-10-30   # the generated inbox's last day (SampleOptions.AsOf)
run_day first "$day"
for _ in $(seq "$days"); do
  next=$day
  while :; do
    next=$(date -d "$next + 1 day" +%F)
    dotnet "$work/bench-bin/BlindSpot.Bench.dll" day-files "$db" "$inbox" "$next" "$seed" "$households" >/dev/null
    [ "$(date -d "$next" +%u)" -le 5 ] && break
  done
  day=$next
  run_day daily "$day"
done

# The verdict table (the header says what it reads).
echo
awk -F'\t' -v households="$households" '
  NR == 1 { next }
  $1 ~ /^blindspot-/ { sub(/^blindspot-/, "", $1); bs[$1] = $2; bscpu[$1] = $3; peak[$1] = $4; psi[$1] = $6; order[++n] = $1; next }
  $1 ~ /^independent-/ { sub(/^independent-/, "", $1); ind[$1] = $2; indcpu[$1] = $3 }
  END {
    printf "%-20s %8s %8s %6s %6s %7s %7s %7s %6s %s\n", "run", "bs_s", "ind_s", "ratio", "bar", "bs_cpu", "ind_cpu", "peak", "psi60", "verdict"
    for (k = 1; k <= n; k++) {
      r = order[k]; first = r ~ /^first-/
      bar = first ? 1.0 : 0.5; abs = first ? 12 : 2.5
      ratio = bs[r] / ind[r]
      verdict = (ratio <= bar ? "ratio met" : "ratio MISSED")
      # The absolute bars are stated for 190,000 households: at another size only the ratio is read.
      if (households == 190000) verdict = verdict ", " (bs[r] <= abs ? "under " : "OVER ") abs " s, " (peak[r] <= 600 ? "peak met" : "peak MISSED")
      printf "%-20s %8.2f %8.2f %6.2f %6.1f %7.2f %7.2f %7d %6s %s\n", r, bs[r], ind[r], ratio, bar, bscpu[r], indcpu[r], peak[r], psi[r], verdict
    }
  }' "$results"
