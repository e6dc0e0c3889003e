#!/usr/bin/env bash
# Boots the test VM, runs a scenario (a bash script) as root in it, and exits with its status.
#
# Usage: tests/vm/run.sh [option]... SCENARIO.sh [ARGUMENT]...
#   -s, --stick IMAGE        attach IMAGE as a removable USB stick (repeatable, at most 8)
#   -f, --fixed IMAGE        attach IMAGE as a fixed virtio disk (repeatable)
#   -m, --memory MIB         guest memory (default 2048)
#   -c, --cpus N             guest CPUs (default: the host's, at most 2)
#       --share DIR          the writable share, the scenario's cwd (default: a new directory,
#                            deleted afterwards)
#       --forward PORT       give the guest a network card (qemu user-mode, restrict=on: it reaches
#                            nothing outside) and forward the host's 127.0.0.1:PORT to the guest's
#                            10.0.2.15:PORT, the same number, so that a browser's Host and Origin
#                            (127.0.0.1:PORT) are right in the guest too (repeatable; off by default)
#       --power-cut-on TEXT  kill qemu with SIGKILL as soon as a console line contains TEXT
#       --timeout SECONDS    kill qemu after SECONDS (default 600)
#       --result-file FILE   also write outcome=, status=, boot_seconds=, seconds= lines to FILE
#
# The guest: Debian's kernel (prepare.sh), the host's / read-only under a tmpfs overlay (so the
# host's tools, dotnet and this checkout at their usual paths; writes outside the share vanish),
# no udev (DM_DISABLE_UDEV=1). The scenario runs with the host's bash as root, stdin /dev/null,
# cwd = the share at the same path as on the host, PATH=/usr/local/sbin:...:/bin, and:
#   VM_STICKS   the sticks' devices in the order of the -s options ("/dev/sda /dev/sdb")
#   VM_FIXED    the fixed disks' devices in the order of the -f options ("/dev/vda")
#   VM_SHARE    the share (= cwd)        VM_REPO   this checkout
#   VM_GUEST_ADDRESS  10.0.2.15 with --forward, else empty;  VM_FORWARDED_PORTS  the --forward ports
# A guest service bound to 127.0.0.1 only is reached from the host through a relay in the guest
# (expose_loopback_port in tests/LivePersist.SystemTests/Scenarios/lib.sh).
# Its output (and the kernel's) streams to stdout; the harness's own lines go to stderr.
#
# Exit status: the scenario's (keep it below 250), or
#   250  --power-cut-on: the marker appeared and qemu was killed
#   251  the guest stopped without reporting a status (kernel panic, init failure, qemu crash)
#   252  --timeout: qemu was killed
#   253  usage error, harness not prepared, or qemu could not start
set -euo pipefail
# shellcheck source=tests/vm/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

say() { printf 'vm-host [%5ss] %s\n' "$(vm_elapsed)" "$*" >&2; }
harness_error() { printf 'run.sh: %s\n' "$*" >&2; exit "$VM_STATUS_HARNESS"; }
usage() { sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "$0"; }
# qemu's option syntax doubles commas inside values.
qemu_escape() { printf '%s' "${1//,/,,}"; }

STICKS=() FIXED=() FORWARDS=() MEMORY=2048 CPUS=$(($(nproc) < 2 ? $(nproc) : 2)) SHARE='' MARKER='' TIMEOUT=600 RESULT_FILE=''
while (($#)); do
  case $1 in
    -s | --stick | -f | --fixed | -m | --memory | -c | --cpus | --share | --forward | --power-cut-on | --timeout | --result-file)
      (($# >= 2)) || harness_error "$1 needs a value (see --help)"
      case $1 in
        -s | --stick) STICKS+=("$2") ;;
        -f | --fixed) FIXED+=("$2") ;;
        -m | --memory) MEMORY=$2 ;;
        -c | --cpus) CPUS=$2 ;;
        --share) SHARE=$2 ;;
        --forward) FORWARDS+=("$2") ;;
        --power-cut-on) MARKER=$2 ;;
        --timeout) TIMEOUT=$2 ;;
        --result-file) RESULT_FILE=$2 ;;
      esac
      shift 2
      ;;
    -h | --help) usage; exit 0 ;;
    --) shift; break ;;
    -*) harness_error "unknown option $1 (see --help)" ;;
    *) break ;;
  esac
done
(($# >= 1)) || harness_error "no scenario given (see --help)"
SCENARIO=$1
shift
SCENARIO_ARGS=("$@")

[[ $EUID -eq 0 ]] || harness_error "the VM needs root (9p passthrough of the host's root): run it with sudo"
[[ -f $SCENARIO && -r $SCENARIO ]] || harness_error "no scenario file $SCENARIO"
[[ $MEMORY =~ ^[0-9]+$ && $MEMORY -ge 256 ]] || harness_error "--memory wants MiB, at least 256"
[[ $CPUS =~ ^[1-9][0-9]*$ ]] || harness_error "--cpus wants a positive number"
[[ $TIMEOUT =~ ^[1-9][0-9]*$ ]] || harness_error "--timeout wants whole seconds"
((${#STICKS[@]} <= 8)) || harness_error "at most 8 sticks"
[[ -z $MARKER || $MARKER != *$'\n'* ]] || harness_error "--power-cut-on wants text on one line"
for port in "${FORWARDS[@]}"; do
  if ! [[ $port =~ ^[1-9][0-9]{0,4}$ ]] || ((port > 65535)); then
    harness_error "--forward wants a TCP port (1-65535), not '$port'"
  fi
done
for i in "${!STICKS[@]}"; do
  [[ -f ${STICKS[$i]} ]] || harness_error "no stick image ${STICKS[$i]}"
  STICKS[i]=$(realpath "${STICKS[$i]}")
done
for i in "${!FIXED[@]}"; do
  [[ -f ${FIXED[$i]} ]] || harness_error "no disk image ${FIXED[$i]}"
  FIXED[i]=$(realpath "${FIXED[$i]}")
done
command -v qemu-system-x86_64 >/dev/null || harness_error "qemu-system-x86_64 is missing: run 'sudo tests/vm/prepare.sh'"

# The cache must be complete and built from these very scripts (prepare.sh itself boots it
# before it has written the stamp, and holds the lock meanwhile).
if [[ -z ${VM_PREPARING:-} ]]; then
  [[ -f $VM_DIR/stamp ]] || harness_error "the VM harness is not prepared in $VM_DIR: run 'sudo tests/vm/prepare.sh'"
  grep -qx "inputs=$(vm_inputs_hash)" "$VM_DIR/stamp" ||
    harness_error "the VM cache in $VM_DIR was built from other versions of tests/vm/: run 'sudo tests/vm/prepare.sh'"
  exec 8<"$VM_DIR/.lock"
  flock -s 8 # prepare.sh does not rebuild the cache under a running VM
fi
KERNEL=$VM_DIR/vmlinux
[[ -f $KERNEL ]] || KERNEL=$VM_DIR/vmlinuz
[[ -f $KERNEL && -f $VM_DIR/initramfs.cpio ]] || harness_error "the VM cache in $VM_DIR is incomplete: run 'sudo tests/vm/prepare.sh'"

# /dev/kvm on the project's machines is a nested "PVM" hypervisor, under which Debian's kernel
# crawls: use software emulation there, and real KVM where there is one. Override with
# LIVE_PERSIST_VM_ACCEL=kvm|tcg.
ACCEL=${LIVE_PERSIST_VM_ACCEL:-}
if [[ -z $ACCEL ]]; then
  if [[ -w /dev/kvm && ! -d /sys/module/kvm_pvm ]]; then ACCEL=kvm; else ACCEL=tcg; fi
fi
case $ACCEL in
  kvm) ACCEL_ARGS=(-accel kvm -cpu host) ;;
  # la57=off: 4-level paging; every page walk of the emulated MMU costs, and 5 levels cost more.
  tcg) ACCEL_ARGS=(-accel 'tcg,thread=multi' -cpu 'max,la57=off') ;;
  *) harness_error "LIVE_PERSIST_VM_ACCEL must be kvm or tcg" ;;
esac

# quiet: the console shows the kernel's warnings and errors only. panic=-1 with -no-reboot: a
# panic ends qemu at once. The rest only shortens the boot of a throwaway VM: no CPU-bug
# mitigations, no crypto self-tests at every algorithm registration. LIVE_PERSIST_VM_APPEND adds
# more (e.g. loglevel=7 to see the kernel's messages).
KERNEL_ARGS="console=ttyS0 quiet panic=-1 mitigations=off cryptomgr.notests ${LIVE_PERSIST_VM_APPEND:-}"

mkdir -p "$VM_DIR/runs"
# Runs killed with SIGKILL leave their directory behind; a day later it is surely stale.
find "$VM_DIR/runs" -mindepth 1 -maxdepth 1 -name 'run.*' -mmin +1440 -exec rm -rf {} + 2>/dev/null || true
RUN_DIR=$(mktemp -d "$VM_DIR/runs/run.XXXXXX")
QEMU_PID=
# shellcheck disable=SC2317 # called by the EXIT trap
cleanup() {
  if [[ -n $QEMU_PID ]] && kill -0 "$QEMU_PID" 2>/dev/null; then
    kill -KILL "$QEMU_PID" 2>/dev/null || true
    wait "$QEMU_PID" 2>/dev/null || true
  fi
  rm -rf "$RUN_DIR"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

if [[ -n $SHARE ]]; then
  mkdir -p "$SHARE"
  SHARE=$(realpath "$SHARE")
else
  SHARE=$RUN_DIR/share
  mkdir "$SHARE"
fi
for path in "$SHARE" "$REPO_ROOT" "$VM_DIR"; do
  [[ $path != *$'\n'* ]] || harness_error "paths with a newline are not supported: $path"
done

# The control share: what the guest's /init reads (guest.conf) and runs (launch.sh, scenario.sh),
# and where it leaves the scenario's exit status.
CTL=$RUN_DIR/ctl
mkdir "$CTL"
cp "$SCENARIO" "$CTL/scenario.sh"
{
  printf 'exec /bin/bash /run/vm/ctl/scenario.sh'
  ((${#SCENARIO_ARGS[@]})) && printf ' %q' "${SCENARIO_ARGS[@]}"
  printf '\n'
} >"$CTL/launch.sh"
printf '%s\n' "share=$SHARE" "repo=$REPO_ROOT" "moddir=$VM_DIR/kernel/lib/modules" \
  "sticks=${#STICKS[@]}" "fixed=${#FIXED[@]}" "forward=${FORWARDS[*]}" >"$CTL/guest.conf"

# Disks. cache=writeback: the guest sees a volatile write cache and so sends flushes on fsync,
# as it would to a real stick, and qemu turns each flush into an fdatasync of the image. A power
# cut here is a SIGKILL of qemu: what the guest had not yet written out (its page cache, dirty
# buffers, requests still in flight) is lost; what qemu had already written to the image file
# stays, whatever the cache mode, because the host's page cache survives the kill. See README.md.
DISKS=()
if ((${#STICKS[@]})); then
  DISKS+=(-device 'qemu-xhci,id=xhci,p2=8,p3=8')
fi
for i in "${!STICKS[@]}"; do
  DISKS+=(-drive "if=none,id=stick$i,format=raw,cache=writeback,file=$(qemu_escape "${STICKS[$i]}")"
    -device "usb-storage,bus=xhci.0,port=$((i + 1)),drive=stick$i,removable=on,serial=STICK$i")
done
for i in "${!FIXED[@]}"; do
  DISKS+=(-drive "if=none,id=fixed$i,format=raw,cache=writeback,file=$(qemu_escape "${FIXED[$i]}")"
    -device "virtio-blk-pci,drive=fixed$i,serial=FIXED$i")
done

# Networking, only with --forward: one virtio-net card on qemu's user-mode network (slirp; no
# root, no host interface). restrict=on cuts the guest off from the host and the outside; the
# explicit forwards still work. Each forward listens on the host's loopback only, and to the same
# port in the guest, whose init gives the card 10.0.2.15 (slirp's default guest address).
# romfile=: no PXE option ROM to load (nobody boots from the network here).
NET=()
if ((${#FORWARDS[@]})); then
  netdev='user,id=net0,restrict=on'
  for port in "${FORWARDS[@]}"; do
    netdev+=",hostfwd=tcp:127.0.0.1:$port-10.0.2.15:$port"
  done
  NET=(-netdev "$netdev" -device 'virtio-net-pci,netdev=net0,romfile=')
fi

# qboot, a minimal firmware that qemu ships, starts the kernel ~0.5 s sooner than SeaBIOS.
# No virtio-rng: its probe cost ~0.7 s per boot, and the kernel seeds its RNG from RDRAND at once.
FIRMWARE=()
[[ -f /usr/share/qemu/qboot.rom ]] && FIRMWARE=(-bios /usr/share/qemu/qboot.rom)

QEMU=(qemu-system-x86_64 -name live-persist-vm "${ACCEL_ARGS[@]}" -smp "$CPUS" -m "$MEMORY"
  -nodefaults -no-user-config -display none -serial stdio -no-reboot "${FIRMWARE[@]}"
  -kernel "$KERNEL" -initrd "$VM_DIR/initramfs.cpio"
  -append "$KERNEL_ARGS"
  -virtfs 'local,path=/,mount_tag=hostroot,security_model=passthrough,readonly=on,multidevs=remap'
  -virtfs "local,path=$(qemu_escape "$SHARE"),mount_tag=share,security_model=passthrough,multidevs=remap"
  -virtfs "local,path=$(qemu_escape "$CTL"),mount_tag=vmctl,security_model=passthrough"
  "${DISKS[@]}" "${NET[@]}")

mkfifo "$RUN_DIR/console"
VM_T0=${EPOCHREALTIME/./}
say "starting qemu ($ACCEL, $(basename "$KERNEL"), ${CPUS} CPU, $MEMORY MiB, ${#STICKS[@]} stick(s), ${#FIXED[@]} fixed disk(s)${FORWARDS[*]:+, forwarding 127.0.0.1:${FORWARDS[*]}}); share $SHARE"
"${QEMU[@]}" </dev/null >"$RUN_DIR/console" &
QEMU_PID=$!
exec 3<"$RUN_DIR/console"

OUTCOME='' BOOT_SECONDS='' QEMU_STATUS=''
# Kills qemu and reaps it at once (2>/dev/null: bash's "Killed" notice for the job).
kill_qemu() {
  kill -KILL "$QEMU_PID" 2>/dev/null || true
  QEMU_STATUS=0
  wait "$QEMU_PID" 2>/dev/null || QEMU_STATUS=$?
}

on_line() {
  local line=${1%$'\r'}
  printf '%s\n' "$line"
  if [[ -z $BOOT_SECONDS && $line == 'vm-guest: starting scenario'* ]]; then
    BOOT_SECONDS=$(vm_elapsed)
  fi
  if [[ -n $MARKER && -z $OUTCOME && $line == *"$MARKER"* ]]; then
    kill_qemu
    OUTCOME=power-cut
    say "power cut: the console printed '$MARKER'; qemu killed"
  fi
}

# Read the console line by line, with a short timeout so that the deadline is checked even
# while the guest prints nothing (a timed-out read keeps its partial line in $chunk).
deadline=$((VM_T0 + TIMEOUT * 1000000))
partial=
while :; do
  chunk=
  IFS= read -r -t 0.5 -u 3 chunk && rc=0 || rc=$?
  if ((rc == 0)); then
    on_line "$partial$chunk"
    partial=
  elif ((rc > 128)); then
    partial+=$chunk
  else
    partial+=$chunk
    [[ -z $partial ]] || on_line "$partial"
    break
  fi
  if [[ -z $OUTCOME ]] && ((${EPOCHREALTIME/./} > deadline)); then
    kill_qemu
    OUTCOME=timeout
    say "timeout: no result after $TIMEOUT s; qemu killed"
  fi
done
exec 3<&-
if [[ -z $QEMU_STATUS ]]; then
  QEMU_STATUS=0
  wait "$QEMU_PID" || QEMU_STATUS=$?
fi
QEMU_PID=

case $OUTCOME in
  power-cut) STATUS=$VM_STATUS_POWER_CUT ;;
  timeout) STATUS=$VM_STATUS_TIMEOUT ;;
  *)
    if [[ -f $CTL/status ]]; then
      OUTCOME=completed
      STATUS=$(<"$CTL/status")
    elif ((QEMU_STATUS != 0)); then
      OUTCOME=harness-error
      STATUS=$VM_STATUS_HARNESS
      say "qemu failed (exited with $QEMU_STATUS); see its message above"
    else
      OUTCOME=guest-died
      STATUS=$VM_STATUS_GUEST_DIED
      say "the guest stopped without reporting a status; see the console above"
    fi
    ;;
esac
[[ -n $MARKER && $OUTCOME == completed ]] && say "note: the power-cut marker '$MARKER' never appeared"
say "outcome $OUTCOME, status $STATUS; boot to scenario ${BOOT_SECONDS:-?} s, total $(vm_elapsed) s"
if [[ -n $RESULT_FILE ]]; then
  printf '%s\n' "outcome=$OUTCOME" "status=$STATUS" "boot_seconds=${BOOT_SECONDS:-}" "seconds=$(vm_elapsed)" \
    >"$RESULT_FILE.tmp"
  mv "$RESULT_FILE.tmp" "$RESULT_FILE"
fi
exit "$STATUS"
