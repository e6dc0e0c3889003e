#!/bin/bash
# Second boot of the power-cut test: opens the volume, lets e2fsck replay and repair
# (e2fsck -p), checks again read-only (e2fsck -fn), and reports what survived. Facts: fsck.status,
# fsck.recheck, a.sha256, b.bytes.
source "$VM_REPO/tests/LivePersist.SystemTests/Scenarios/lib.sh"

stick=$(first_stick)
luks_open "$(partition_by_name "$stick" TailsData)"
status=0
e2fsck -p "/dev/mapper/$TAILSDATA_MAPPING" || status=$?
fact fsck.status "$status"
status=0
e2fsck -fn "/dev/mapper/$TAILSDATA_MAPPING" || status=$?
fact fsck.recheck "$status"
mkdir -p "$TAILSDATA_MOUNT"
mount -o ro "/dev/mapper/$TAILSDATA_MAPPING" "$TAILSDATA_MOUNT"
fact a.sha256 "$(sha256sum <"$TAILSDATA_MOUNT/A" | cut -d' ' -f1)"
fact b.bytes "$(stat -c %s "$TAILSDATA_MOUNT/B" 2>/dev/null || echo none)"
umount "$TAILSDATA_MOUNT"
luks_close
