# shellcheck shell=bash
# Helpers for the system tests' scenarios, sourced in the guest:
#   source "$VM_REPO/tests/LivePersist.SystemTests/Scenarios/lib.sh"
# Scenarios run in the share (cwd), where the host test leaves its inputs (passphrase, payloads)
# and reads the facts the scenario reports (./facts, key=value lines).
set -euo pipefail

readonly TAILSDATA_TYPE=8DA63339-0007-60C0-C436-083AC8230908
readonly TAILSDATA_MAPPING=TailsData_unlocked

# fact KEY VALUE: reports a finding to the host (and on the console).
fact() {
  printf '%s=%s\n' "$1" "$2" >>facts
  echo "fact: $1=$2"
}

first_stick() {
  [[ -n ${VM_STICKS:-} ]] || { echo "no stick attached" >&2; return 1; }
  echo "${VM_STICKS%% *}"
}

wait_for_block_device() {
  local i
  for ((i = 0; i < 100; i++)); do
    [[ -b $1 ]] && return 0
    sleep 0.1
  done
  echo "$1 did not appear" >&2
  return 1
}

# partition_by_name DISK NAME: the partition whose GPT name is NAME, as the kernel reports it (there
# is no udev, so no /dev/disk/by-partlabel), or as blkid reads it from the table for a partition the
# kernel was told of one by one (partx, BLKPG), which carries no name.
partition_by_name() {
  local uevent device
  for uevent in /sys/class/block/"${1#/dev/}"*/uevent; do
    grep -qx DEVTYPE=partition "$uevent" || continue
    device=/dev/$(sed -n 's/^DEVNAME=//p' "$uevent")
    if grep -qx "PARTNAME=$2" "$uevent" ||
      { ! grep -q '^PARTNAME=' "$uevent" && [[ $(blkid -p -s PART_ENTRY_NAME -o value "$device") == "$2" ]]; }; then
      echo "$device"
      return 0
    fi
  done
  echo "no partition named $2 on $1" >&2
  return 1
}

# Sectors (512 bytes) written to a disk since boot: /sys/block/DISK/stat, field 7.
sectors_written() {
  awk '{ print $7 }' "/sys/block/${1#/dev/}/stat"
}

# --- live-persist in the guest ------------------------------------------------------------------
# The host's NativeAOT build (./build.sh publishes it), run as root as the welcome screen would.
readonly LP=$VM_REPO/artifacts/bin/live-persist
# Where live-persist mounts the unlocked volume (the Tails profile).
readonly LP_VOLUME=/live/persistence/TailsData_unlocked
readonly AMNESIA_HOME=/home/amnesia
readonly LIVE_MEDIUM=/run/live/medium
# Cheap key derivation for the volumes live-persist makes: pbkdf2 at cryptsetup's minimum. The KDF is
# not what these scenarios test (one create keeps the production defaults); argon2id with 32 MiB
# costs ~4 s more per format or unlock under emulation.
readonly LP_TEST_KDF=(--pbkdf pbkdf2 --pbkdf-iterations 1000)

# lp KEY ARGUMENT...: runs live-persist with stdin from /dev/null, keeps stdout in KEY.out and stderr
# in KEY.err (in the share), and reports KEY.exit and KEY.seconds. Never fails itself.
lp() {
  local key=$1
  shift
  lp_with_input "$key" /dev/null "$@"
}

# lp_with_input KEY FILE ARGUMENT...: the same, with stdin from FILE (passphrases: never in argv).
lp_with_input() {
  local key=$1 input=$2 start=$EPOCHREALTIME status=0
  shift 2
  echo "+ live-persist $* <${input##*/}"
  "$LP" "$@" <"$input" >"$key.out" 2>"$key.err" || status=$?
  sed 's/^/  | /' "$key.out" "$key.err"
  fact "$key.exit" "$status"
  fact "$key.seconds" "$(elapsed_since "$start")"
}

# lp_must KEY ARGUMENT... / lp_must_with_input KEY FILE ARGUMENT...: the same, and the scenario stops
# if live-persist fails (what follows would be meaningless; the host sees KEY.exit and the console).
lp_must() {
  lp "$@"
  expect_exit "$1" 0
}

lp_must_with_input() {
  lp_with_input "$@"
  expect_exit "$1" 0
}

expect_exit() {
  local actual
  actual=$(sed -n "s/^$1\.exit=//p" facts | tail -n1)
  [[ $actual == "$2" ]] || { echo "live-persist ($1) exited with $actual, not $2: stopping here" >&2; exit 1; }
}

elapsed_since() {
  local now=${EPOCHREALTIME/./} then=${1/./}
  printf '%d.%02d' $(((now - then) / 1000000)) $(((now - then) % 1000000 / 10000))
}

# passphrase_lines FILE LINE...: writes stdin for live-persist, one passphrase a line.
passphrase_lines() {
  local file=$1
  shift
  printf '%s\n' "$@" >"$file"
}

# The desktop user of the Tails profile (uid 1000) and a fresh home, as before the user logs in.
make_amnesia_home() {
  mkdir -p "$AMNESIA_HOME"
  chown 1000:1000 "$AMNESIA_HOME"
  chmod 0700 "$AMNESIA_HOME"
}

# as_amnesia COMMAND...: runs COMMAND as uid/gid 1000 with umask 077 and HOME set, as the desktop does.
as_amnesia() {
  HOME=$AMNESIA_HOME setpriv --reuid=1000 --regid=1000 --clear-groups -- bash -c 'umask 077; "$@"' as_amnesia "$@"
}

# mount_live_medium DISK: mounts the disk's system partition (FAT, named Tails) read-only where the
# Tails profile looks for the live medium, so live-persist finds its boot device as on Tails.
mount_live_medium() {
  mkdir -p "$LIVE_MEDIUM"
  mount -t vfat -o ro "$(partition_by_name "$1" Tails)" "$LIVE_MEDIUM"
}

# mount_source DESTINATION: what is mounted there ("/dev/mapper/X[/sub]"), or "none".
mount_source() {
  findmnt -n -o SOURCE --mountpoint "$1" 2>/dev/null | tail -n1 | grep . || echo none
}

is_mapped() {
  if [[ -e /dev/mapper/$TAILSDATA_MAPPING ]]; then echo yes; else echo no; fi
}

# manifest DIRECTORY...: the trees under the directories (themselves included), sorted: one line per
# entry (path, type, uid:gid, octal mode, link target), then one per file (SHA-256, path). Two
# manifests are equal when the trees hold the same names, contents, owners and modes.
manifest() {
  find "$@" -printf '%p %y %U:%G %m %l\n' | LC_ALL=C sort
  find "$@" -type f -exec sha256sum {} + | LC_ALL=C sort -k2
}

# --- volumes made by others -----------------------------------------------------------------
readonly TAILS_CONFIG_UID=115 TAILS_CONFIG_GID=122

# add_tailsdata_partition DISK: as tps asks udisks: a partition from the end of the last one to the
# end of the disk, named TailsData, of TailsData's type; the kernel is told of the new partition alone
# (the system partition may be mounted, so it cannot re-read the whole table).
add_tailsdata_partition() {
  local number
  number=$(($(sgdisk -p "$1" | awk '/^ +[0-9]+ / { n = $1 } END { print n + 0 }') + 1))
  sgdisk --new="$number:0:0" --typecode="$number:$TAILSDATA_TYPE" --change-name="$number:TailsData" "$1" >/dev/null
  [[ -b $1$number ]] || partx --add --nr "$number" "$1"
  wait_for_block_device "$1$number"
  echo "$1$number"
}

# make_tails_volume DISK PASSPHRASE_FILE TYPE KDF_OPTION...: a Persistent Storage made as Tails makes
# it: the partition, LUKS (TYPE luks2 with tps's exact luksFormat command and the given KDF options,
# or luks1 as udisks made it before Tails 5.13), ext4 labelled TailsData, the root owned by root with
# mode 0770 and the ACL user:amnesia:--x; opened as udisks names it and mounted on /mnt/tails-made.
# The caller fills it and calls close_tails_volume.
make_tails_volume() {
  local disk=$1 key=$2 type=$3 partition uuid
  shift 3
  partition=$(add_tailsdata_partition "$disk")
  cryptsetup luksFormat --batch-mode --key-file=- --type="$type" "$@" "$partition" <"$key"
  uuid=$(cryptsetup luksUUID "$partition")
  cryptsetup open --key-file=- "$partition" "luks-$uuid" <"$key"
  wait_for_block_device "/dev/mapper/luks-$uuid"
  mkfs.ext4 -F -q -L TailsData "/dev/mapper/luks-$uuid"
  mkdir -p /mnt/tails-made
  mount -o acl "/dev/mapper/luks-$uuid" /mnt/tails-made
  chown 0:0 /mnt/tails-made
  chmod 0770 /mnt/tails-made
  setfacl --remove-all /mnt/tails-made
  setfacl --modify user:1000:x /mnt/tails-made
  TAILS_MADE_MAPPING=luks-$uuid
}

close_tails_volume() {
  sync
  umount /mnt/tails-made
  cryptsetup close "$TAILS_MADE_MAPPING"
}

# write_tails_config DIRECTORY FILE LINE...: the file written as tps writes it: the lines sorted and
# de-duplicated, a temporary file in the same directory (O_SYNC, mode 0600, owner 115:122), renamed
# over FILE, then chattr +S.
write_tails_config() {
  local directory=$1 name=$2 temporary
  shift 2
  temporary=$(mktemp "$directory/tmpXXXXXXXX")
  printf '%s\n' "$@" | LC_ALL=C sort -u >"$temporary"
  chown "$TAILS_CONFIG_UID:$TAILS_CONFIG_GID" "$temporary"
  chmod 0600 "$temporary"
  sync "$temporary"
  mv "$temporary" "$directory/$name"
  chattr +S "$directory/$name"
  sync "$directory"
}

# user_tree DIRECTORY FILE...: makes DIRECTORY (owner amnesia, 0700) with the FILEs, each holding
# its own name and some random bytes, owned by amnesia.
user_tree() {
  local directory=$1 file
  shift
  install -d -o 1000 -g 1000 -m 0700 "$directory"
  for file; do
    install -d -o 1000 -g 1000 -m 0700 "$(dirname "$directory/$file")"
    { echo "$file"; head -c 4096 /dev/urandom; } >"$directory/$file"
    chown 1000:1000 "$directory/$file"
    chmod 0600 "$directory/$file"
  done
}

# partition_range PARTITION: "START SIZE" in bytes, from sysfs.
partition_range() {
  local name=${1#/dev/}
  echo "$(($(cat "/sys/class/block/$name/start") * 512)) $(($(cat "/sys/class/block/$name/size") * 512))"
}

# manifest_relative DIRECTORY: like manifest, with paths relative to DIRECTORY, so a volume's source
# folder and the destination it is bound to can be compared.
manifest_relative() {
  (cd "$1" && find . -printf '%P %y %U:%G %m %l\n' | LC_ALL=C sort && find . -type f -exec sha256sum {} + | LC_ALL=C sort -k2)
}

# --- power cuts ---------------------------------------------------------------------------------
# A sleep that needs no process: read with a timeout on a FIFO nobody writes to (opened read-write,
# so the open does not wait for a writer).
[[ -p /run/scenario-nap ]] || mkfifo /run/scenario-nap
exec {NEVER_READY}<>/run/scenario-nap
nap() {
  read -r -t "$1" -u "$NEVER_READY" _ || true
}

# cut_power MARKER REASON: reports why, then prints MARKER, on which the host kills qemu at once.
cut_power() {
  fact cut.trigger "$2"
  echo "$1"
  sleep 600
}

# durable_writer DIRECTORY LIST: writes 256 KiB files of random bytes into DIRECTORY, one after the
# other, each fsync'd with its directory; only then is "SHA-256 NAME" appended to LIST (in the share,
# so on the host at once): every file LIST names must survive a power cut intact.
durable_writer() {
  local directory=$1 list=$2 i=0 sum
  mkdir -p "$directory"
  while :; do
    i=$((i + 1))
    head -c 262144 /dev/urandom >/tmp/durable.bin
    sum=$(sha256sum </tmp/durable.bin)
    dd if=/tmp/durable.bin of="$directory/$i.bin" bs=256k conv=fsync status=none
    sync "$directory"
    echo "${sum%% *} $i.bin" >>"$list"
  done
}

# bulk_writer DIRECTORY: rewrites four 16 MiB files over and over, never syncing (page cache and
# writeback busy with them when the power goes).
bulk_writer() {
  local directory=$1 i=0
  mkdir -p "$directory"
  while :; do
    dd if=/dev/zero of="$directory/bulk-$((i % 4))" bs=1M count=16 conv=notrunc status=none
    i=$((i + 1))
  done
}

# check_durable_files DIRECTORY LIST: reports durable.listed, durable.intact, durable.corrupt,
# durable.missing.
check_durable_files() {
  local sum name listed=0 intact=0 corrupt=0 missing=0 actual
  while read -r sum name; do
    listed=$((listed + 1))
    if [[ ! -f $1/$name ]]; then
      missing=$((missing + 1))
      continue
    fi
    actual=$(sha256sum <"$1/$name")
    if [[ ${actual%% *} == "$sum" ]]; then intact=$((intact + 1)); else corrupt=$((corrupt + 1)); fi
  done <"$2"
  fact durable.listed "$listed"
  fact durable.intact "$intact"
  fact durable.corrupt "$corrupt"
  fact durable.missing "$missing"
}

# fsck_recheck PARTITION KEY_FILE: opens the volume read-only under another name and reports
# fsck.recheck, the status of e2fsck -fn (0: clean).
fsck_recheck() {
  local status=0
  cryptsetup open --readonly --key-file="$2" "$1" recheck
  wait_for_block_device /dev/mapper/recheck
  e2fsck -fn /dev/mapper/recheck || status=$?
  cryptsetup close recheck
  fact fsck.recheck "$status"
}

# --- long-lived scenarios: the host's browser and commands (RunningVm, GuestShell) ------------------
# A scenario booted with RunningVm sets up what the host test drives (a service, a relay), then calls
# serve_host_commands, which tells the host it is ready and runs the host's commands until the host
# says stop; the scenario ends after it returns.

# wait_for_listener ADDRESS PORT [SECONDS]: waits (default 30 s) until something listens on TCP
# ADDRESS:PORT (IPv4), or on 0.0.0.0:PORT; reads /proc/net/tcp, so the wait starts no process.
wait_for_listener() {
  local address=$1 port=$2 seconds=${3:-30} a b c d want any entry state i
  IFS=. read -r a b c d <<<"$address"
  printf -v want '%02X%02X%02X%02X:%04X' "$d" "$c" "$b" "$a" "$port"
  printf -v any '00000000:%04X' "$port"
  for ((i = 0; i < seconds * 10; i++)); do
    while read -r _ entry _ state _; do
      [[ $state == 0A && ($entry == "$want" || $entry == "$any") ]] && return 0
    done </proc/net/tcp
    nap 0.1
  done
  echo "nothing listens on $address:$port after $seconds s" >&2
  return 1
}

# expose_loopback_port PORT: makes a guest service that listens on 127.0.0.1:PORT only reachable from
# the host's 127.0.0.1:PORT. The VM must run with run.sh --forward PORT (VmRunOptions.ForwardedPorts),
# which forwards the host's 127.0.0.1:PORT to the card's 10.0.2.15:PORT; a socat relay here accepts
# there and connects to 127.0.0.1:PORT, so the service sees every connection come from 127.0.0.1,
# with the Host and Origin the host's browser sent (127.0.0.1:PORT). Returns once the relay listens.
expose_loopback_port() {
  local port=$1 pid
  if [[ -z ${VM_GUEST_ADDRESS:-} ]]; then
    echo "expose_loopback_port: the VM has no network card: boot it with run.sh --forward $port" >&2
    return 1
  fi
  if [[ " ${VM_FORWARDED_PORTS:-} " != *" $port "* ]]; then
    echo "expose_loopback_port: the host forwards port(s) '${VM_FORWARDED_PORTS:-}', not $port (run.sh --forward $port)" >&2
    return 1
  fi
  if ! command -v socat >/dev/null; then
    echo "expose_loopback_port: socat is missing (./build.sh installs it on the host, which is the guest's root)" >&2
    return 1
  fi
  socat -lp "relay-$port" "TCP4-LISTEN:$port,bind=$VM_GUEST_ADDRESS,reuseaddr,fork" "TCP4:127.0.0.1:$port" </dev/null &
  pid=$!
  wait_for_listener "$VM_GUEST_ADDRESS" "$port" 30 || { kill "$pid" 2>/dev/null; return 1; }
  kill -0 "$pid" 2>/dev/null || { echo "expose_loopback_port: the relay for port $port exited" >&2; return 1; }
  echo "relay: $VM_GUEST_ADDRESS:$port -> 127.0.0.1:$port (socat, pid $pid)"
}

# The directory in the share through which the host talks to the guest (GuestShell on the host side):
#   ready        the guest: serve_host_commands runs (its KEY=VALUE arguments, one a line)
#   N.sh         the host: command N (1, 2, ...), a bash script; first line "# vm-channel timeout=SECONDS"
#   N.out N.err  the guest: the command's stdout and stderr
#   N.exit       the guest, last: its exit status and a newline (124: killed at its timeout)
#   stop         the host: end serve_host_commands (the scenario goes on to its end)
readonly VM_CHANNEL=$VM_SHARE/vm-channel

# serve_host_commands [KEY=VALUE]...: tells the host the guest is ready (writing the KEY=VALUE lines
# into the ready file), then runs the host's commands in order, each as root with bash, cwd the
# share, stdin /dev/null, this scenario's exported environment, under `timeout`; returns when the
# host writes stop. Polls the share every 0.1 s with builtins only (no process start while idle).
serve_host_commands() {
  local n=1 header limit status
  mkdir -p "$VM_CHANNEL"
  printf '%s\n' "$@" >"$VM_CHANNEL/ready.tmp"
  mv "$VM_CHANNEL/ready.tmp" "$VM_CHANNEL/ready"
  echo "vm-channel: ready; serving the host's commands"
  while [[ ! -e $VM_CHANNEL/stop ]]; do
    if [[ ! -e $VM_CHANNEL/$n.sh ]]; then
      nap 0.1
      continue
    fi
    limit=300
    header=
    read -r header <"$VM_CHANNEL/$n.sh" || true
    [[ $header =~ timeout=([0-9]+) ]] && limit=${BASH_REMATCH[1]}
    status=0
    timeout --kill-after=5 "$limit" bash "$VM_CHANNEL/$n.sh" </dev/null >"$VM_CHANNEL/$n.out" 2>"$VM_CHANNEL/$n.err" || status=$?
    # One write of the status and its newline: the host takes the command as done once it sees both.
    printf '%s\n' "$status" >"$VM_CHANNEL/$n.exit"
    echo "vm-channel: command $n exited with $status"
    n=$((n + 1))
  done
  echo "vm-channel: the host asked to stop"
}
