#!/usr/bin/env bash
# Memory (issue 7, part 5): the peak resident set of the CLI per command and of live-persistd at idle
# and during create, unlock and lock, in the test VM (dm-crypt is needed), with a KDF that needs no
# memory of its own (pbkdf2): argon2id's memory cost is a security parameter (Tails' rule: up to
# 1 GiB, from the free RAM), reported apart. Results: bench/results/memory-<date>.md.
#   bench/memory.sh   (needs root, artifacts/bin from ./build.sh and tests/vm/prepare.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
[[ $EUID -eq 0 ]] || { echo "memory: needs root (the test VM)" >&2; exit 1; }
[[ -x artifacts/bin/live-persistd ]] || { echo "memory: build first (./build.sh)" >&2; exit 1; }
tests/vm/prepare.sh >/dev/null
WORK=$(mktemp -d /var/tmp/live-persist-memory.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
truncate -s 8G "$WORK/stick.img"
sgdisk --clear --new=1:1M:+4096M --typecode=1:EF00 --change-name=1:Tails "$WORK/stick.img" >/dev/null
mkdir "$WORK/share"
tests/vm/run.sh --stick "$WORK/stick.img" --share "$WORK/share" --timeout 900 bench/memory-guest.sh \
  2>/dev/null | grep -E '^(cli|service)\.[a-z_0-9]+ [0-9]+$' >"$WORK/kib"
[[ -s $WORK/kib ]] || { echo "memory: the VM reported nothing" >&2; exit 1; }

mib() { awk -v k="$1" '$1 == k && $2 > v { v = $2 } END { printf "%.1f MiB", v / 1024 }' "$WORK/kib"; }  # the largest of repeated steps
RESULTS=bench/results/memory-$(date -u +%Y-%m-%d).md
{
  echo "# Memory, $(date -u +%Y-%m-%dT%H:%MZ)"
  echo
  echo "Command: \`sudo bench/memory.sh\` (one boot of the test VM: Debian 12's kernel, 2 GiB, 2 vCPUs; a Tails-like 8 GiB stick; KDF pbkdf2, 1000 iterations)."
  echo "Host: $(nproc) cores. Peak = the kernel's high-water mark of resident memory (GNU time's maximum RSS for the CLI, VmHWM for the service)."
  echo
  echo "| process | when | resident |"
  echo "|---|---|---|"
  for step in create lock unlock status; do echo "| live-persist | \`$step\`, peak | $(mib "cli.$step") |"; done
  echo "| live-persist | \`--help\`, peak | $(mib cli.help) |"
  echo "| live-persistd | started, idle | $(mib service.started) |"
  echo "| live-persistd | after 20 status calls | $(mib service.after_20_status_calls) |"
  echo "| live-persistd | peak before any job | $(mib service.peak_before_jobs) |"
  echo "| live-persistd | peak through create | $(mib service.peak_after_create) |"
  echo "| live-persistd | peak through lock and unlock | $(mib service.peak_after_unlock) |"
  echo "| live-persistd | idle after the jobs | $(mib service.idle_after_jobs) |"
} | tee "$RESULTS"
