# shellcheck shell=bash
# Shared by the activation benchmarks (bench/run.sh, bench/inprocess.sh); sourced, not run.
# bench_prepare: an ext4 volume on a loop device, mounted at $WORK/volume, and a scratch root $ROOT,
# all in a tmpfs at $WORK; removed again on exit. workload NAME: a fresh root and the volume's
# sources and persistence.conf for one workload. median_ms: the median of numbers on stdin.

# Every workload, in the order of the tables (used by the scripts that source this file).
# shellcheck disable=SC2034
ALL_WORKLOADS="tails-defaults tails-13-features-20-dotfiles binds-100 binds-1000 dotfiles-100 dotfiles-10000"

bench_prepare() {
  WORK=$(mktemp -d /tmp/live-persist-bench.XXXXXX)
  # Everything in memory, as on a live system (its root is an overlay over tmpfs): the host's disk
  # and its file system stay out of the numbers.
  mount -t tmpfs -o size=4G,mode=0755 live-persist-bench "$WORK"
  ROOT=$WORK/root
  LOOP=
  # shellcheck disable=SC2317 # run by the EXIT trap
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
}

# write_config LINE... : persistence.conf as tps writes it (115:122 0600).
write_config() {
  printf '%s\n' "$@" > "$WORK/volume/persistence.conf"
  chown 115:122 "$WORK/volume/persistence.conf"
  chmod 0600 "$WORK/volume/persistence.conf"
}

# workload NAME: builds a fresh root and the volume's sources for NAME.
workload() {
  rm -rf "$ROOT"; mkdir -p "$ROOT/home/amnesia"; chown 1000:1000 "$ROOT/home/amnesia"
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
