#!/bin/bash
# First boot of the power-cut test (run with --power-cut-on MARKER, MARKER as $1): makes the
# persistent volume, stores ./payload as file A, fsync'd, then writes file B without any fsync
# (direct I/O, so writes are in flight at the device) and prints MARKER while B is being
# written. The host then kills qemu; this script never ends by itself. Facts: a.stored.
source "$VM_REPO/tests/LivePersist.SystemTests/Scenarios/lib.sh"
marker=${1:?usage: power-cut-during-writes.sh MARKER}

stick=$(first_stick)
create_persistent_volume "$stick"
durable_copy payload "$TAILSDATA_MOUNT/A"
fact a.stored yes

# B cycles over its first 16 MiB, so it never fills the volume however long the host waits.
i=0
while :; do
  dd if=/dev/urandom of="$TAILSDATA_MOUNT/B" bs=1M count=1 seek=$((i % 16)) oflag=direct conv=notrunc status=none
  i=$((i + 1))
done &
sleep 1
echo "$marker"
wait
