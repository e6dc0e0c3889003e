#!/usr/bin/env bash
# Activation benchmarks side by side (issue 7): for each workload in turn, the whole process (bench/run.sh: the
# NativeAOT CLI and the floor) and then in-process (bench/inprocess.sh: VolumeActivator in one .NET process), so
# that both see the same machine at nearly the same moment; one table of the two, with their ratios, and the load
# average at the start and the end of the run and of each workload. Results: bench/results/activation-<date>.md.
#   bench/activation.sh [RUNS] [ITERATIONS]   (default 10 whole-process runs and 9 in-process iterations per
#   workload; needs root, artifacts/bin from ./build.sh; run it on a quiet machine)
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-10}
ITERATIONS=${2:-9}
[[ $EUID -eq 0 ]] || { echo "bench: needs root (loop devices, mounts)" >&2; exit 1; }
# shellcheck source=bench/lib.sh
source bench/lib.sh   # for ALL_WORKLOADS only: each script prepares its own volume and root
PARTS=$(mktemp -d /tmp/live-persist-activation.XXXXXX)
trap 'rm -rf "$PARTS"' EXIT
dotnet build bench/LivePersist.Benchmarks -c Release -v quiet -nologo >&2

load() { cut -d' ' -f1-3 /proc/loadavg; }
LOAD_START=$(load)
LOADS=()
for name in ${WORKLOADS:-$ALL_WORKLOADS}; do
  before=$(load)
  RESULTS=$PARTS/whole-$name.md WORKLOADS=$name bench/run.sh "$RUNS" >&2
  WHOLE=$PARTS/whole-$name.md RESULTS=$PARTS/inprocess-$name.md WORKLOADS=$name NO_BUILD=1 bench/inprocess.sh "$ITERATIONS" >&2
  LOADS+=("$name: $before → $(load)")
done
LOAD_END=$(load)

# ratio A B: A / B to two significant figures, or — when B is 0.
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b + 0 == 0) print "—"; else printf "%.2g×", a / b }'; }
number() { sed -E 's/^ *([0-9.]+).*/\1/' <<<"$1"; }

RESULTS=bench/results/activation-$(date -u +%Y-%m-%d).md
mkdir -p bench/results
{
  echo "# Activation, whole process and in-process side by side, $(date -u +%Y-%m-%dT%H:%MZ)"
  echo
  echo "Command: \`sudo bench/activation.sh $RUNS $ITERATIONS\`: for each workload, \`bench/run.sh $RUNS\` (whole process: \`live-persist --root R activate VOLUME\` and \`deactivate\`, the NativeAOT CLI, process start included; floor: bench/floor.c, the bare system calls; medians of $RUNS runs) then \`bench/inprocess.sh $ITERATIONS\` (\`VolumeActivator.Activate\` and \`Deactivate\` in one process, BenchmarkDotNet in-process, JIT after 2 warm-ups; medians of $ITERATIONS calls), on the same kind of volume (ext4 on a loop device) and root, both in tmpfs."
  echo "Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), kernel $(uname -r), $(dotnet --version | sed 's/^/.NET SDK /'); live-persist $(file -b artifacts/bin/live-persist | cut -d, -f1-2)."
  echo "Load average (1, 5, 15 min): $LOAD_START at the start, $LOAD_END at the end; per workload (before → after): $(printf '%s; ' "${LOADS[@]}" | head -c -2)."
  echo
  echo "| workload | activate: whole process | in-process | floor | whole ÷ in-process | deactivate: whole process | in-process | floor | whole ÷ in-process | allocated in-process (activate / deactivate) |"
  echo "|---|---|---|---|---|---|---|---|---|---|"
  for name in ${WORKLOADS:-$ALL_WORKLOADS}; do
    # inprocess.sh's row: workload | activate in-process | whole | floor | deactivate in-process | whole | floor | allocated
    IFS='|' read -r _ _ up_in up_whole up_floor down_in down_whole down_floor allocated _ < <(grep "^| $name |" "$PARTS/inprocess-$name.md")
    items=$(grep -o "^| $name ([0-9]*)" "$PARTS/whole-$name.md" | grep -o '([0-9]*)')
    echo "| $name $items |$up_whole|$up_in|$up_floor| $(ratio "$(number "$up_whole")" "$(number "$up_in")") |$down_whole|$down_in|$down_floor| $(ratio "$(number "$down_whole")" "$(number "$down_in")") |$allocated|"
  done
  echo
  echo "Whole process in full (min–max, peak RSS), per workload:"
  echo
  echo "| workload | activate | floor | deactivate | floor | activate per item | peak RSS |"
  echo "|---|---|---|---|---|---|---|"
  for name in ${WORKLOADS:-$ALL_WORKLOADS}; do grep "^| $name (" "$PARTS/whole-$name.md"; done
} >"$RESULTS"
cat "$RESULTS"
echo "results: $RESULTS" >&2
