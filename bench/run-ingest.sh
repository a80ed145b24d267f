#!/usr/bin/env bash
# District-size ingest benchmark (docs/benchmarks.md): generates a 190,000-household inbox once, then ingests it
# into a fresh SQLite file and into a fresh PostgreSQL database (a throw-away server started from the machine's
# binaries), each under /usr/bin/time -v for the peak resident memory of the .NET process.
# Usage: bench/run-ingest.sh [households] [work dir]
set -euo pipefail
cd "$(dirname "$0")/.."
households="${1:-190000}"
work="${2:-/tmp/blindspot-bench}"
mkdir -p "$work"
dotnet build -c Release bench/BlindSpot.Bench -v q -nologo >/dev/null
bin=bench/BlindSpot.Bench/bin/Release/net10.0/BlindSpot.Bench.dll
inbox="$work/inbox-$households"
[ -d "$inbox" ] || dotnet "$bin" generate "$inbox" "$households"
for engine in sqlite postgres; do
  target=$([ "$engine" = sqlite ] && echo "$work/bench.db" || echo temp)
  /usr/bin/time -v dotnet "$bin" ingest "$inbox" "$engine" "$target" 2> "$work/time-$engine.txt"
  grep -E "Maximum resident set size|Elapsed \(wall clock\)|Percent of CPU" "$work/time-$engine.txt" | sed "s/^/  $engine: /"
done
