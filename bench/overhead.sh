#!/usr/bin/env bash
# Create and unlock overhead (issue 7, part 4): live-persist against the same steps done by hand
# (sgdisk, cryptsetup, mkfs.ext4, mount) with the same KDF parameters, on a Tails-like stick in the
# test VM (dm-crypt is needed), alternately in one boot. Times are under qemu's software emulation:
# compare them with each other, not with real hardware. Results: bench/results/overhead-<date>.md.
#   bench/overhead.sh [RUNS]   (default 3; needs root, artifacts/bin from ./build.sh and tests/vm/prepare.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-3}
[[ $EUID -eq 0 ]] || { echo "overhead: needs root (the test VM)" >&2; exit 1; }
[[ -x artifacts/bin/live-persist ]] || { echo "overhead: build first (./build.sh)" >&2; exit 1; }
tests/vm/prepare.sh >/dev/null
WORK=$(mktemp -d /var/tmp/live-persist-overhead.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
truncate -s 8G "$WORK/stick.img"
sgdisk --clear --new=1:1M:+4096M --typecode=1:EF00 --change-name=1:Tails "$WORK/stick.img" >/dev/null
mkdir "$WORK/share"
tests/vm/run.sh --stick "$WORK/stick.img" --share "$WORK/share" --timeout 1500 bench/overhead-guest.sh "$RUNS" \
  2>/dev/null | grep -E '^(create|unlock)\.(ours|by_hand) ' >"$WORK/times"

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2 ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2)}'; }
value() { awk -v k="$1" '$1 == k { print $2 }' "$WORK/times" | median; }
RESULTS=bench/results/overhead-$(date -u +%Y-%m-%d).md
{
  echo "# Create and unlock overhead, $(date -u +%Y-%m-%dT%H:%MZ)"
  echo
  echo "Command: \`sudo bench/overhead.sh $RUNS\` (medians of $RUNS runs each, alternating, in one boot of the test VM: Debian 12's kernel under qemu's software emulation, 2 vCPUs; KDF pbkdf2 with 1000 iterations for both)."
  echo "Host: $(nproc) cores, load average at start $(cut -d' ' -f1-3 /proc/loadavg)."
  echo
  echo "| step | live-persist | by hand | extra |"
  echo "|---|---|---|---|"
  for step in create unlock; do
    ours=$(value "$step.ours") hand=$(value "$step.by_hand")
    echo "| $step | $ours s | $hand s | $(awk -v a="$ours" -v b="$hand" 'BEGIN { printf "%+.2f s (%.2fx)", a - b, a / b }') |"
  done
} | tee "$RESULTS"
