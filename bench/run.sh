#!/usr/bin/env bash
# Activation benchmarks: wall time of `live-persist activate` (process start included) on an ext4
# volume on a loop device, activating into a scratch root, for the workloads of
# ../../shared/reference/benchmark-anchors.md. Each run is followed by a deactivation (not timed).
# Results go to bench/results/<date>.md with the machine and the command that produced them.
#   bench/run.sh [RUNS]      (default 10 runs per workload; needs root and artifacts/bin from ./build.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-10}
LP=$PWD/artifacts/bin/live-persist
[[ -x $LP ]] || { echo "bench: build first (./build.sh)" >&2; exit 1; }
[[ $EUID -eq 0 ]] || { echo "bench: needs root (loop devices, mounts)" >&2; exit 1; }

WORK=$(mktemp -d /tmp/live-persist-bench.XXXXXX)
LOOP=
cleanup() {
  grep -o " $WORK[^ ]*" /proc/self/mountinfo | sort -r | while read -r m; do umount -l "$m" 2>/dev/null || true; done
  [[ -n $LOOP ]] && losetup -d "$LOOP" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

truncate -s 2G "$WORK/volume.img"
mkfs.ext4 -q -F -L TailsData "$WORK/volume.img"
LOOP=$(losetup --find --show "$WORK/volume.img")
mkdir -p "$WORK/volume"
mount -o nodev,nosuid,noatime "$LOOP" "$WORK/volume"
chmod 0770 "$WORK/volume"
setfacl -m u:1000:x "$WORK/volume"

# write_config LINE... : persistence.conf as tps writes it (115:122 0600).
write_config() {
  printf '%s\n' "$@" > "$WORK/volume/persistence.conf"
  chown 115:122 "$WORK/volume/persistence.conf"
  chmod 0600 "$WORK/volume/persistence.conf"
}

# workload NAME: builds a fresh root and the volume's sources for NAME.
workload() {
  rm -rf "$WORK/root"; mkdir -p "$WORK/root/home/amnesia"; chown 1000:1000 "$WORK/root/home/amnesia"
  find "$WORK/volume" -mindepth 1 -maxdepth 1 ! -name lost+found ! -name persistence.conf -exec rm -rf {} +
  local lines=() i
  case $1 in
    tails-defaults)
      lines=($'/home/amnesia/Persistent\tsource=Persistent' $'/var/cache/apt/archives\tsource=apt/cache' $'/var/lib/apt/lists\tsource=apt/lists')
      mkdir -p "$WORK/volume/Persistent" "$WORK/volume/apt/cache" "$WORK/volume/apt/lists" ;;
    tails-13-features-20-dotfiles)
      lines=($'/home/amnesia/Persistent\tsource=Persistent' $'/var/lib/gdm3/settings/persistent\tsource=greeter-settings'
        $'/etc/NetworkManager/system-connections\tsource=nm-system-connections' $'/var/lib/tca\tsource=tca'
        $'/home/amnesia/.mozilla/firefox/bookmarks\tsource=bookmarks' $'/etc/cups\tsource=cups-configuration'
        $'/home/amnesia/.thunderbird\tsource=thunderbird' $'/home/amnesia/.gnupg\tsource=gnupg' $'/home/amnesia/.electrum\tsource=electrum'
        $'/home/amnesia/.purple\tsource=pidgin' $'/home/amnesia/.ssh\tsource=openssh-client' $'/var/cache/apt/archives\tsource=apt/cache'
        $'/var/lib/apt/lists\tsource=apt/lists' $'/home/amnesia\tsource=dotfiles,link')
      for l in "${lines[@]}"; do mkdir -p "$WORK/volume/${l##*source=}"; done
      rm -rf "$WORK/volume/dotfiles,link"; mkdir -p "$WORK/volume/dotfiles"
      for i in $(seq 1 20); do echo "$i" > "$WORK/volume/dotfiles/.dotfile$i"; done ;;
    binds-*)
      local n=${1#binds-}
      for i in $(seq 1 "$n"); do lines+=("/srv/bench/d$i	source=b/d$i"); mkdir -p "$WORK/volume/b/d$i"; done ;;
    dotfiles-*)
      local n=${1#dotfiles-}
      lines=($'/home/amnesia\tsource=dotfiles,link')
      mkdir -p "$WORK/volume/dotfiles"
      for i in $(seq 1 "$n"); do
        mkdir -p "$WORK/volume/dotfiles/.config/d$((i % 100))"
        echo "$i" > "$WORK/volume/dotfiles/.config/d$((i % 100))/f$i"
      done
      chown -R 1000:1000 "$WORK/volume/dotfiles" ;;
  esac
  write_config "${lines[@]}"
}

median_ms() { sort -n | awk '{a[NR]=$1} END {print (NR % 2 ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2)}'; }

RESULTS=bench/results/$(date -u +%Y-%m-%d).md
mkdir -p bench/results
{
  echo "# Activation benchmarks, $(date -u +%Y-%m-%dT%H:%MZ)"
  echo
  echo "Command: \`sudo bench/run.sh $RUNS\` (median of $RUNS runs; wall time of \`live-persist --root R activate VOLUME\`, process start included)."
  echo "Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), kernel $(uname -r), load average at start $(cut -d' ' -f1-3 /proc/loadavg)."
  echo
  echo "| workload | median | min | max |"
  echo "|---|---|---|---|"
} > "$RESULTS"

for name in tails-defaults tails-13-features-20-dotfiles binds-100 binds-1000 dotfiles-100 dotfiles-10000; do
  workload "$name"
  times=()
  for _ in $(seq 1 "$RUNS"); do
    start=$(date +%s%N)
    "$LP" --root "$WORK/root" activate "$WORK/volume" > /dev/null
    end=$(date +%s%N)
    times+=($(( (end - start) / 1000000 )))
    "$LP" --root "$WORK/root" deactivate "$WORK/volume" > /dev/null
  done
  sorted=$(printf '%s\n' "${times[@]}" | sort -n)
  median=$(printf '%s\n' "${times[@]}" | median_ms)
  echo "| $name | $median ms | $(head -1 <<<"$sorted") ms | $(tail -1 <<<"$sorted") ms |" | tee -a "$RESULTS"
done
echo "results: $RESULTS"
