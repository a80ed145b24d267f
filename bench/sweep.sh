#!/usr/bin/env bash
# The side-by-side measurement (bench/side-by-side.sh) over several district sizes and seeds, one after the other, with
# one summary table: issue 11's check is run "again on other seeds and sizes", and a figure at one size and seed says
# little about the others (docs/benchmarks.md, "Eighteenth pass").
#
#   bench/sweep.sh <work> [households:seed:days ...]
#
# Default specs: 50000:3:1 100000:7:1 190000:42:2 190000:7:1 300000:11:1. Each spec gets its own folder under <work>
# (its generated inbox is kept there and reused by a later sweep); the summary is printed and written to
# <work>/sweep.tsv. Ratios are BlindSpot's wall time over the independent pipeline's on the same run. The independent's
# own phase line is kept beside it: its training (HistGradientBoosting, early stopping on by default above 10,000 rows)
# takes 1-4 s depending on the data, so its total moves with the seed as much as with the size.
set -euo pipefail
work=${1:?usage: bench/sweep.sh <work> [households:seed:days ...]}; shift
specs=("$@"); [ ${#specs[@]} -gt 0 ] || specs=(50000:3:1 100000:7:1 190000:42:2 190000:7:1 300000:11:1)
root=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$work"
summary="$work/sweep.tsv"
printf 'households\tseed\tfirst_bs_s\tfirst_ind_s\tfirst_ratio\tfirst_bs_cpu_s\tfirst_bs_peak_mb\tdaily_bs_s\tdaily_ind_s\tdaily_ratio\tdaily_bs_peak_mb\tindependent_phases\n' > "$summary"
for spec in "${specs[@]}"; do
  IFS=: read -r households seed days <<< "$spec"
  dir="$work/$households-$seed"
  bash "$root/bench/side-by-side.sh" "$dir" "$households" "${days:-1}" "$seed" > "$dir.log" 2>&1 || { echo "sweep: $spec failed, see $dir.log" >&2; exit 1; }
  results="$dir/play/results.tsv"
  phases=$(grep -ho 'INDEPENDENT first .*' "$dir/play/independent-first-"*.log | cut -d' ' -f4- | sed 's/ \[[0-9.]*\]//g' | tr ' ' ',')
  awk -F'\t' -v h="$households" -v s="$seed" -v ph="$phases" '
    $1 ~ /^blindspot-first/ { bf = $2; bc = $3; bp = $4 }
    $1 ~ /^independent-first/ { inf = $2 }
    $1 ~ /^blindspot-daily/ { bd = bd (bd == "" ? "" : "/") $2; dp = (dp == "" || $4 > dp) ? $4 : dp; last = $2 }
    $1 ~ /^independent-daily/ { id = id (id == "" ? "" : "/") $2; r = r (r == "" ? "" : "/") sprintf("%.2f", last / $2) }
    END { printf "%s\t%s\t%s\t%s\t%.2f\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", h, s, bf, inf, bf / inf, bc, bp, bd, id, r, dp, ph }
  ' "$results" >> "$summary"
done
column -t -s $'\t' "$summary"
