#!/usr/bin/env bash
# Scale benchmarks (docs/benchmarks.md), each in its own process under /usr/bin/time -v (peak resident memory):
#  1. score-national: a model trained on a small generated district scores N synthetic households streamed in
#     batches (probabilities only), then R households with top-3 reasons (feature contributions).
#  2. run-district: the whole `run` on a generated district, cold (empty SQLite file) then warm (same as-of again).
# Usage: bench/run-scale.sh [national households] [households with reasons] [district households] [work dir]
set -euo pipefail
cd "$(dirname "$0")/.."
national="${1:-23000000}"
reasons="${2:-1000000}"
district="${3:-190000}"
work="${4:-/tmp/blindspot-bench}"
mkdir -p "$work"
dotnet build -c Release bench/BlindSpot.Bench -v q -nologo >/dev/null
bin=bench/BlindSpot.Bench/bin/Release/net10.0/BlindSpot.Bench.dll
measure() { # name, then the bench arguments
  local name="$1"; shift
  /usr/bin/time -v dotnet "$bin" "$@" 2> "$work/time-$name.txt" | tee "$work/out-$name.txt"
  grep -E "Maximum resident set size|Elapsed \(wall clock\)|Percent of CPU" "$work/time-$name.txt" | sed "s/^/  $name: /"
}
measure national-probabilities score-national --households "$national" --reasons 0 --work "$work"
measure national-reasons score-national --households 0 --reasons "$reasons" --work "$work"
inbox="$work/inbox-$district"
[ -d "$inbox" ] || dotnet "$bin" generate "$inbox" "$district"
rm -f "$work/run.db" "$work/run.db-wal" "$work/run.db-shm"; rm -rf "$work/run-out"
measure run-cold run-district "$inbox" "$work/run.db" "$work/run-out"
measure run-warm run-district "$inbox" "$work/run.db" "$work/run-out"
grep -h "^\[+" "$work"/time-run-*.txt | sed 's/^/  log: /' || true
