#!/usr/bin/env bash
# Activation benchmarks: wall time of `live-persist activate` and `deactivate` (the whole process, as
# a user runs it) on an ext4 volume on a loop device, into a scratch root, for the workloads of
# ../../shared/reference/benchmark-anchors.md; beside each, the floor: the same directories, bind
# mounts and links made by the bare system calls (bench/floor.c, only the calls timed).
# Results go to bench/results/<date>.md with the machine and the command that produced them.
#   bench/run.sh [RUNS]      (default 10 runs per workload; needs root and artifacts/bin from ./build.sh)
# WORKLOADS (names, space-separated) and RESULTS (the file to write) may be set: bench/activation.sh does.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-10}
LP=$PWD/artifacts/bin/live-persist
FLOOR=$PWD/artifacts/bench/floor
[[ -x $LP ]] || { echo "bench: build first (./build.sh)" >&2; exit 1; }
[[ $EUID -eq 0 ]] || { echo "bench: needs root (loop devices, mounts)" >&2; exit 1; }
[[ -x /usr/bin/time ]] || { echo "bench: GNU time is missing (peak memory): apt-get install time" >&2; exit 1; }
mkdir -p "$(dirname "$FLOOR")"
gcc -O2 -Wall -Wextra -o "$FLOOR" bench/floor.c

# shellcheck source=bench/lib.sh
source bench/lib.sh
bench_prepare

# floor_steps: the floor's activation steps (into floor.up) and deactivation steps (floor.down) for the
# current persistence.conf: every missing directory of a destination, then its bind mount or, for a
# link tree, one link per regular file (and the directories between).
floor_steps() {
  : >"$WORK/floor.up"
  : >"$WORK/floor.down.reversed"
  local destination options source relative directory
  while IFS=$'\t' read -r destination options; do
    source=${options#source=}
    source=${source%%,*}
    if [[ $options == *,link* ]]; then
      (cd "$WORK/volume/$source" && find . -type f -printf '%P\n') | while read -r relative; do
        directory=$(dirname "$destination/$relative")
        echo "mkdir_p $ROOT$directory"
        echo "link $WORK/volume/$source/$relative $ROOT$destination/$relative"
        echo "unlink $ROOT$destination/$relative" >>"$WORK/floor.down.reversed"
      done
    else
      echo "mkdir_p $ROOT$destination"
      echo "bind $WORK/volume/$source $ROOT$destination"
      echo "umount $ROOT$destination" >>"$WORK/floor.down.reversed"
    fi
  done <"$WORK/volume/persistence.conf" |
    awk '$1 == "mkdir_p" { n = split($2, part, "/"); path = ""; for (i = 2; i <= n; i++) { path = path "/" part[i]; if (!(path in made)) { made[path] = 1; print "mkdir " path } } next } { print }' >"$WORK/floor.up"
  tac "$WORK/floor.down.reversed" >"$WORK/floor.down"
}

ms_since() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }

RESULTS=${RESULTS:-bench/results/$(date -u +%Y-%m-%d).md}
mkdir -p "$(dirname "$RESULTS")"
{
  echo "# Activation benchmarks, $(date -u +%Y-%m-%dT%H:%MZ)"
  echo
  echo "Command: \`sudo bench/run.sh $RUNS\` (medians of $RUNS runs, min–max in brackets). live-persist: wall time of \`live-persist --root R activate VOLUME\` and \`deactivate\`, process start included. Floor: bench/floor.c making the same directories, bind mounts and links with the bare system calls, only the calls timed."
  echo "Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), kernel $(uname -r), load average at start $(cut -d' ' -f1-3 /proc/loadavg); live-persist $(file -b "$LP" | cut -d, -f1-2)."
  echo
  echo "| workload | activate | floor | deactivate | floor | activate per item | peak RSS |"
  echo "|---|---|---|---|---|---|---|"
} >"$RESULTS"

summary() { local sorted; sorted=$(printf '%s\n' "$@" | sort -n); echo "$(printf '%s\n' "$@" | median_ms) ms ($(head -1 <<<"$sorted")–$(tail -1 <<<"$sorted"))"; }

for name in ${WORKLOADS:-$ALL_WORKLOADS}; do
  workload "$name"
  floor_steps
  items=$(grep -c -E '^(bind|link) ' "$WORK/floor.up")
  up=() down=() floor_up=() floor_down=()
  for _ in $(seq 1 "$RUNS"); do
    start=$(date +%s%N)
    "$LP" --root "$ROOT" activate "$WORK/volume" >/dev/null
    up+=("$(ms_since "$start")")
    start=$(date +%s%N)
    "$LP" --root "$ROOT" deactivate "$WORK/volume" >/dev/null
    down+=("$(ms_since "$start")")
    rm -rf "$ROOT"; mkdir -p "$ROOT/home/amnesia"; chown 1000:1000 "$ROOT/home/amnesia"
    floor_up+=("$(awk -v ns="$("$FLOOR" "$WORK/floor.up")" 'BEGIN { printf "%.1f", ns / 1e6 }')")
    floor_down+=("$(awk -v ns="$("$FLOOR" "$WORK/floor.down")" 'BEGIN { printf "%.1f", ns / 1e6 }')")
    rm -rf "$ROOT"; mkdir -p "$ROOT/home/amnesia"; chown 1000:1000 "$ROOT/home/amnesia"
  done
  # Peak resident memory of one more activation (GNU time's maximum RSS, in KiB).
  rss=$(/usr/bin/time -f %M "$LP" --root "$ROOT" activate "$WORK/volume" 2>&1 >/dev/null | tail -1)
  "$LP" --root "$ROOT" deactivate "$WORK/volume" >/dev/null
  per_item=$(awk -v ms="$(printf '%s\n' "${up[@]}" | median_ms)" -v n="$items" 'BEGIN { printf "%.3f ms", ms / n }')
  echo "| $name ($items) | $(summary "${up[@]}") | $(summary "${floor_up[@]}") | $(summary "${down[@]}") | $(summary "${floor_down[@]}") | $per_item | $((rss / 1024)) MiB |" | tee -a "$RESULTS"
done
# Peak resident memory of commands that do not depend on the workload.
{
  echo
  echo "| command | peak RSS |"
  echo "|---|---|"
  for command in "--help" "--root $ROOT features list" "--root $ROOT status"; do
    # shellcheck disable=SC2086 # the command's words
    echo "| live-persist $command | $(($(/usr/bin/time -f %M "$LP" $command 2>&1 >/dev/null | tail -1) / 1024)) MiB |"
  done
} | tee -a "$RESULTS"
echo "results: $RESULTS"
