#!/usr/bin/env bash
# The live-persist demo (./build.sh demo builds, then runs this): the whole lifecycle on a
# simulated USB stick, narrated, across a restart. Where the kernel has device-mapper (dm-crypt)
# it runs here, on a loop device, with the live system's root in a temporary directory; elsewhere
# (as on the project's build machines) it boots the test VM of tests/vm/ twice, with the stick
# attached as a removable USB stick. LIVE_PERSIST_DEMO=native|vm chooses.
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$PWD
LP=$REPO/artifacts/bin/live-persist

die() { printf 'run-demo.sh: %s\n' "$*" >&2; exit 1; }
say() { printf '\n\e[1m%s\e[0m\n' "$*"; }

[[ $EUID -eq 0 ]] || die "the demo needs root (loop devices, mounts, or the test VM): run 'sudo ./build.sh demo'"
[[ -x $LP ]] || die "$LP is missing: run ./build.sh first (./build.sh demo does)"

has_device_mapper() {
  modprobe -q dm_crypt 2>/dev/null || true
  grep -qw device-mapper /proc/misc && [[ -d /sys/module/dm_crypt && -c /dev/mapper/control ]]
}

WORK=$(mktemp -d /var/tmp/live-persist-demo.XXXXXX)
chmod 0755 "$WORK" # the desktop user (uid 1000) works in the simulated root under it
STICK_IMAGE=$WORK/stick.img
PASSPHRASE_FILE=$WORK/share/passphrase
mkdir -p "$WORK/share"
echo "a demo passphrase, long enough" >"$PASSPHRASE_FILE"
chmod 0600 "$PASSPHRASE_FILE"

# An 8 GB stick as Tails' installer leaves it: a 4 GiB FAT system partition named Tails, free space.
make_stick() {
  truncate -s 8G "$STICK_IMAGE"
  sgdisk --clear --new=1:1M:+4096M --typecode=1:EF00 --change-name=1:Tails "$STICK_IMAGE" >/dev/null
  mkfs.vfat --offset=2048 -n TAILS "$STICK_IMAGE" $((4096 * 1024)) >/dev/null 2>&1
}

NATIVE_ROOT=$WORK/root
NATIVE_LOOP=''

# Locks what the demo may have left unlocked (an interrupted run), then frees the loop device.
cleanup_native() {
  if [[ -n $NATIVE_LOOP ]]; then
    "$LP" --root "$NATIVE_ROOT" lock --device "$NATIVE_LOOP" >/dev/null 2>&1 || true
    losetup --detach "$NATIVE_LOOP" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}

run_native() {
  trap cleanup_native EXIT
  NATIVE_LOOP=$(losetup --find --show --partscan "$STICK_IMAGE")
  export DEMO_LP=$LP DEMO_OPTIONS="--root $NATIVE_ROOT" DEMO_DEVICE="--device $NATIVE_LOOP" DEMO_FIXED=--allow-fixed \
    DEMO_STICK=$NATIVE_LOOP DEMO_PASSPHRASE_FILE=$PASSPHRASE_FILE DEMO_ROOT=$NATIVE_ROOT
  say "live-persist demo, natively: the stick is $NATIVE_LOOP (a loop device: not removable, hence --allow-fixed); the live system's root is $NATIVE_ROOT"
  mkdir -p "$NATIVE_ROOT"
  demo/lifecycle.sh first-boot
  say "… the computer restarts: everything outside the Persistent Storage is forgotten …"
  rm -rf "$NATIVE_ROOT"
  mkdir -p "$NATIVE_ROOT"
  demo/lifecycle.sh second-boot
}

run_in_vm() {
  trap 'rm -rf "$WORK"' EXIT
  say "live-persist demo in the test VM (this kernel has no device-mapper): preparing it (tests/vm/prepare.sh) …"
  tests/vm/prepare.sh >"$WORK/prepare.log" 2>&1 || { cat "$WORK/prepare.log" >&2; die "the test VM could not be prepared (above)"; }
  local boot scenario=$WORK/share/boot.sh
  # The guest's scenario: mount the stick's system partition where Tails has its live medium, so
  # that live-persist finds the stick it booted from, then run one boot of the lifecycle.
  cat >"$scenario" <<'SCENARIO'
set -euo pipefail
stick=${VM_STICKS%% *}
mkdir -p /run/live/medium
mount -t vfat -o ro "${stick}1" /run/live/medium
export DEMO_LP=$VM_REPO/artifacts/bin/live-persist DEMO_OPTIONS= DEMO_DEVICE= DEMO_FIXED= DEMO_STICK=$stick DEMO_ROOT= \
  DEMO_PASSPHRASE_FILE=$VM_SHARE/passphrase DEMO_COLOUR=${DEMO_COLOUR:-}
exec "$VM_REPO/demo/lifecycle.sh" "$1"
SCENARIO
  for boot in first-boot second-boot; do
    [[ $boot == second-boot ]] && say "… the computer restarts: everything outside the Persistent Storage is forgotten …"
    say "booting the VM with the stick attached as a removable USB stick ($boot)"
    # Only the scenario's own lines: the kernel's and the harness's are noise here.
    tests/vm/run.sh --stick "$STICK_IMAGE" --share "$WORK/share" --timeout 900 "$scenario" "$boot" 2>"$WORK/harness.log" |
      sed -u -e '/^\[ *[0-9.]*\] /d' -e '/^vm-guest: /d' || {
      cat "$WORK/harness.log" >&2
      die "the VM run of the $boot failed (above)"
    }
  done
}

make_stick
case ${LIVE_PERSIST_DEMO:-auto} in
  native) run_native ;;
  vm) run_in_vm ;;
  auto) if has_device_mapper; then run_native; else run_in_vm; fi ;;
  *) die "LIVE_PERSIST_DEMO must be native, vm or auto" ;;
esac
say "The demo is over: the Persistent Storage was created, kept files across a restart, refused a wrong passphrase and wrote nothing when read-only."
