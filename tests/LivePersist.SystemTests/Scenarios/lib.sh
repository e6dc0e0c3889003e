# shellcheck shell=bash
# Helpers for the system tests' scenarios, sourced in the guest:
#   source "$VM_REPO/tests/LivePersist.SystemTests/Scenarios/lib.sh"
# Scenarios run in the share (cwd), where the host test leaves its inputs (passphrase, payloads)
# and reads the facts the scenario reports (./facts, key=value lines).
set -euo pipefail

readonly TAILSDATA_TYPE=8DA63339-0007-60C0-C436-083AC8230908
readonly TAILSDATA_MAPPING=TailsData_unlocked
readonly TAILSDATA_MOUNT=/mnt/TailsData
# Tails' key derivation (argon2id, 4 iterations) with 32 MiB instead of up to 1 GiB: fast enough
# under emulation.
readonly TEST_KDF=(--pbkdf argon2id --pbkdf-memory 32768 --pbkdf-force-iterations 4)

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

# partition_by_name DISK NAME: the partition whose GPT name is NAME, as the kernel reports it
# (there is no udev, so no /dev/disk/by-partlabel).
partition_by_name() {
  local uevent
  for uevent in /sys/class/block/"${1#/dev/}"*/uevent; do
    if grep -qx "PARTNAME=$2" "$uevent"; then
      echo "/dev/$(sed -n 's/^DEVNAME=//p' "$uevent")"
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

# create_tailsdata_partition DISK SIZE: partition 2, named TailsData, in the free space after the
# Tails partition; the kernel re-reads the table (no udev: nothing else would tell it).
create_tailsdata_partition() {
  sgdisk --new="2:0:+$2" --typecode="2:$TAILSDATA_TYPE" --change-name=2:TailsData "$1" >/dev/null
  blockdev --rereadpt "$1"
  wait_for_block_device "${1}2"
}

# The passphrase is in ./passphrase (written by the host, no newline); it goes to cryptsetup on
# stdin, never in argv.
luks_format() {
  cryptsetup luksFormat --batch-mode --type luks2 "${TEST_KDF[@]}" --key-file=- "$1" <passphrase
}

luks_open() {
  cryptsetup open --key-file=- "$1" "$TAILSDATA_MAPPING" <passphrase
  wait_for_block_device "/dev/mapper/$TAILSDATA_MAPPING"
}

luks_close() {
  cryptsetup close "$TAILSDATA_MAPPING"
}

# create_persistent_volume DISK: a TailsData partition with LUKS2 and ext4, opened and mounted at
# $TAILSDATA_MOUNT.
create_persistent_volume() {
  local partition=${1}2
  create_tailsdata_partition "$1" 64M
  luks_format "$partition"
  luks_open "$partition"
  mkfs.ext4 -q -L TailsData "/dev/mapper/$TAILSDATA_MAPPING"
  mkdir -p "$TAILSDATA_MOUNT"
  mount "/dev/mapper/$TAILSDATA_MAPPING" "$TAILSDATA_MOUNT"
}

# durable_copy SOURCE DESTINATION: copies, then fsyncs the file and its directory.
durable_copy() {
  cp -- "$1" "$2"
  sync -- "$2" "$(dirname -- "$2")"
}
