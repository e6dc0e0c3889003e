#!/usr/bin/env bash
# In-process activation benchmarks: VolumeActivator.Activate and Deactivate called in one .NET process
# (bench/LivePersist.Benchmarks, BenchmarkDotNet's in-process toolchain, JIT with tiering, after warm-up),
# on the same volume, scratch root and workloads as bench/run.sh (bench/lib.sh prepares them). Beside
# each: the whole-process times (the NativeAOT CLI) and the floor from the latest bench/results/ file
# of bench/run.sh. Results go to bench/results/inprocess-<date>.md.
#   bench/inprocess.sh [ITERATIONS]   (default 9 measured iterations per method, after 2 warm-ups; needs root)
# WORKLOADS (names, space-separated), WHOLE (the bench/run.sh results to compare with), RESULTS (the file to
# write) and NO_BUILD=1 may be set: bench/activation.sh does.
set -euo pipefail
cd "$(dirname "$0")/.."
ITERATIONS=${1:-9}
[[ $EUID -eq 0 ]] || { echo "bench: needs root (loop devices, mounts)" >&2; exit 1; }
[[ -n ${NO_BUILD:-} ]] || dotnet build bench/LivePersist.Benchmarks -c Release -v quiet -nologo >&2
BENCH=$PWD/artifacts/build/bin/LivePersist.Benchmarks/release/LivePersist.Benchmarks
WHOLE=${WHOLE:-$(find bench/results -maxdepth 1 -name '[0-9]*.md' | sort | tail -1)}
[[ -n $WHOLE ]] || { echo "bench: no bench/run.sh results to compare with: run it first" >&2; exit 1; }

# shellcheck source=bench/lib.sh
source bench/lib.sh
bench_prepare

RAW=$WORK/raw
: >"$RAW"
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
for name in ${WORKLOADS:-$ALL_WORKLOADS}; do
  workload "$name"
  "$BENCH" "$ROOT" "$WORK/volume" "$name" "$ITERATIONS" "$RAW" >"$WORK/$name.log" || { cat "$WORK/$name.log" >&2; exit 1; }
  tail -1 "$RAW" >&2
done
LOAD_END=$(cut -d' ' -f1-3 /proc/loadavg)

# whole NAME COLUMN: the median in COLUMN (2 activate, 3 its floor, 4 deactivate, 5 its floor) of NAME's row in $WHOLE.
whole() { awk -F'|' -v name="$1" -v column=$(($2 + 1)) '$2 ~ "^ " name " \\(" { split($column, part, " ms"); gsub(/ /, "", part[1]); print part[1] }' "$WHOLE"; }
kib() { awk -v b="$1" 'BEGIN { printf "%.0f KiB", b / 1024 }'; }

RESULTS=${RESULTS:-bench/results/inprocess-$(date -u +%Y-%m-%d).md}
{
  echo "# In-process activation benchmarks, $(date -u +%Y-%m-%dT%H:%MZ)"
  echo
  echo "Command: \`sudo bench/inprocess.sh $ITERATIONS\`. In-process: \`VolumeActivator.Activate\` and \`Deactivate\` called in one process (bench/LivePersist.Benchmarks, BenchmarkDotNet 0.15.8, in-process emit toolchain, JIT, monitoring strategy: 2 warm-up and $ITERATIONS measured iterations of one call each; medians; allocated bytes per call from its MemoryDiagnoser). The deactivation after a measured activation, the activation before a measured deactivation and the fresh root are done outside the timed call. Whole process and floor: the medians of [$(basename "$WHOLE")]($(basename "$WHOLE")) (bench/run.sh: the NativeAOT CLI, process start included; bench/floor.c, the bare system calls), the same workloads on the same kind of volume and root, in an earlier run."
  echo "Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), kernel $(uname -r), shared with other work: load average $LOAD_START at start, $LOAD_END at the end; $(dotnet --version | sed 's/^/.NET SDK /')."
  echo
  echo "| workload | activate in-process | whole process | floor | deactivate in-process | whole process | floor | allocated (activate / deactivate) |"
  echo "|---|---|---|---|---|---|---|---|"
  while read -r name up down up_bytes down_bytes; do
    echo "| $name | $up ms | $(whole "$name" 2) ms | $(whole "$name" 3) ms | $down ms | $(whole "$name" 4) ms | $(whole "$name" 5) ms | $(kib "$up_bytes") / $(kib "$down_bytes") |"
  done <"$RAW"
} >"$RESULTS"
cat "$RESULTS"
echo "results: $RESULTS"
