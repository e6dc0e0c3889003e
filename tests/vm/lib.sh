# shellcheck shell=bash
# Sourced by prepare.sh and run.sh: where things are, and the helpers both use.
# Not meant to be run on its own.
# shellcheck disable=SC2034 # the variables are for the scripts that source this file

VM_SCRIPTS=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_ROOT=$(cd "$VM_SCRIPTS/../.." && pwd)
# Everything the harness downloads or builds lives here (a cache: deleting it is always safe).
VM_DIR=${LIVE_PERSIST_VM_DIR:-$REPO_ROOT/artifacts/vm}

# The cache is valid only for the harness files it was built from; run.sh refuses a stale one.
VM_INPUTS=("$VM_SCRIPTS/prepare.sh" "$VM_SCRIPTS/guest/init" "$VM_SCRIPTS/guest/modules")

# Exit statuses of run.sh besides the scenario's own (scenarios should exit below 250).
readonly VM_STATUS_POWER_CUT=250   # --power-cut-on: the marker appeared and qemu was killed
readonly VM_STATUS_GUEST_DIED=251  # the guest stopped without reporting a status (panic, init failure, qemu crash)
readonly VM_STATUS_TIMEOUT=252     # --timeout elapsed; qemu was killed
readonly VM_STATUS_HARNESS=253     # usage error, harness not prepared, qemu could not start

vm_inputs_hash() {
  cat "${VM_INPUTS[@]}" | sha256sum | cut -c1-16
}

# Seconds since the script started, with a tenth: for the timings the harness prints.
vm_elapsed() {
  local now=${EPOCHREALTIME/./}
  local micros=$((now - VM_T0))
  printf '%d.%d' $((micros / 1000000)) $((micros % 1000000 / 100000))
}
VM_T0=${EPOCHREALTIME/./}
