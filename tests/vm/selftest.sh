#!/bin/bash
# A scenario that checks what the harness promises the guest, and prints what it finds.
# prepare.sh boots it after building the cache; run it by hand to inspect a guest:
#   truncate -s 64M /tmp/stick.img && sudo tests/vm/run.sh -s /tmp/stick.img tests/vm/selftest.sh
# It does not write to the sticks (dm-crypt is checked with a plain mapping, opened read-only).
set -euo pipefail

failures=0
check() { # check DESCRIPTION COMMAND...: runs COMMAND, reports, counts failures
  local what=$1
  shift
  if "$@"; then echo "selftest: ok    $what"; else echo "selftest: FAIL  $what"; failures=$((failures + 1)); fi
}

echo "selftest: kernel $(uname -r), $(nproc) CPU(s), $(awk '/MemTotal/ { print int($2 / 1024) }' /proc/meminfo) MiB, uid $(id -u)"
echo "selftest: cwd $PWD; VM_STICKS='$VM_STICKS' VM_FIXED='$VM_FIXED' VM_REPO='$VM_REPO'"
check "running as root" test "$(id -u)" = 0
check "cwd is the writable share" bash -c 'echo ok >.selftest && rm .selftest'
check "the root file system is writable (tmpfs overlay)" bash -c 'echo ok >/etc/.selftest && rm /etc/.selftest'
check "DM_DISABLE_UDEV=1" test "${DM_DISABLE_UDEV:-}" = 1
check "the loopback interface is up" test $(($(</sys/class/net/lo/flags) & 1)) = 1
check "device-mapper is there (/dev/mapper/control)" test -c /dev/mapper/control
check "dm-crypt is loaded" test -d /sys/module/dm_crypt
check "modprobe finds the guest kernel's modules" modprobe -n dm_snapshot
# A mount of an unknown file system type makes the kernel run its module autoloader.
check "the kernel autoloads modules (isofs, at a mount attempt)" bash -c '
  mkdir -p /tmp/autoload && { mount -t iso9660 -o ro /dev/null /tmp/autoload 2>/dev/null || true; } &&
  grep -qw iso9660 /proc/filesystems'
check "cryptsetup, sgdisk, mkfs.ext4, e2fsck, partx, setfacl are on PATH" \
  bash -c 'for t in cryptsetup sgdisk mkfs.ext4 e2fsck partx setfacl; do command -v $t >/dev/null || exit 1; done'

for dev in $VM_STICKS; do
  name=${dev#/dev/}
  sysfs=$(readlink -f "/sys/block/$name")
  echo "selftest: stick $dev: removable=$(cat "/sys/block/$name/removable")," \
    "$(($(cat "/sys/block/$name/size") / 2048)) MiB, write cache '$(cat "/sys/block/$name/queue/write_cache")'," \
    "sysfs $sysfs"
  check "$dev is removable" test "$(cat "/sys/block/$name/removable")" = 1
  check "$dev is on USB" grep -q /usb <<<"$sysfs"
  check "$dev stat has a sectors-written field" test "$(awk '{ print NF }' "/sys/block/$name/stat")" -ge 7
done
for dev in $VM_FIXED; do
  name=${dev#/dev/}
  check "$dev is not removable" test "$(cat "/sys/block/$name/removable")" = 0
done

first=${VM_STICKS%% *}
first=${first:-${VM_FIXED%% *}}
if [[ -n $first ]]; then
  # A plain mapping needs no key derivation and writes nothing: the quickest proof that dm-crypt maps.
  check "cryptsetup open (plain, read-only) makes /dev/mapper/selftest" bash -c "
    head -c 32 /dev/urandom | cryptsetup -q open --type plain --readonly --key-file - --key-size 256 \
      --cipher aes-xts-plain64 $first selftest && test -b /dev/mapper/selftest &&
    dd if=/dev/mapper/selftest of=/dev/null bs=4096 count=1 status=none && cryptsetup close selftest"
fi

live_persist=$VM_REPO/artifacts/bin/live-persist
if [[ -x $live_persist ]]; then
  start=$EPOCHREALTIME
  "$live_persist" --help >/dev/null 2>&1 || true
  echo "selftest: live-persist --help took $(awk -v a="$start" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.2f", b - a }') s"
else
  echo "selftest: ($live_persist is not built; not timed)"
fi

if ((failures)); then
  echo "selftest: $failures check(s) failed"
  exit 1
fi
echo "selftest: all checks passed"
