#!/bin/bash
# First boot of the dm-crypt round trip: makes a TailsData partition in the free space of the
# stick, LUKS2 (argon2id) + ext4 on it, and stores ./payload there, fsync'd. Facts: partition,
# sectors_written.before, sectors_written.after (the stick's, around the durable write), closed.
source "$VM_REPO/tests/LivePersist.SystemTests/Scenarios/lib.sh"

stick=$(first_stick)
create_persistent_volume "$stick"
fact partition "$(partition_by_name "$stick" TailsData)"
fact sectors_written.before "$(sectors_written "$stick")"
durable_copy payload "$TAILSDATA_MOUNT/payload"
fact sectors_written.after "$(sectors_written "$stick")"
umount "$TAILSDATA_MOUNT"
luks_close
fact closed yes
