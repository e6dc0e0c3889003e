#!/bin/bash
# Second boot of the dm-crypt round trip: opens the stick's TailsData volume again and reports the
# payload it finds. Facts: partition, payload.sha256, closed.
source "$VM_REPO/tests/LivePersist.SystemTests/Scenarios/lib.sh"

stick=$(first_stick)
partition=$(partition_by_name "$stick" TailsData)
fact partition "$partition"
luks_open "$partition"
mkdir -p "$TAILSDATA_MOUNT"
mount -o ro "/dev/mapper/$TAILSDATA_MAPPING" "$TAILSDATA_MOUNT"
fact payload.sha256 "$(sha256sum <"$TAILSDATA_MOUNT/payload" | cut -d' ' -f1)"
umount "$TAILSDATA_MOUNT"
luks_close
fact closed yes
