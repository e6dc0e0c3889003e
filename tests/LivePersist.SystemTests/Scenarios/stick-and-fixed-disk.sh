#!/bin/bash
# What the guest sees of a Tails-like stick (removable USB disk, GPT partition "Tails") and of a
# fixed virtio disk. Facts: stick, stick.removable, stick.sysfs, stick.transport, tails.partition,
# fixed, fixed.removable, fixed.sysfs.
source "$VM_REPO/tests/LivePersist.SystemTests/Scenarios/lib.sh"

stick=$(first_stick)
fact stick "$stick"
fact stick.removable "$(cat "/sys/block/${stick#/dev/}/removable")"
fact stick.sysfs "$(readlink -f "/sys/block/${stick#/dev/}")"
fact stick.transport "$(lsblk --nodeps --noheadings --output TRAN "$stick")"
fact tails.partition "$(partition_by_name "$stick" Tails)"

fixed=${VM_FIXED%% *}
fact fixed "$fixed"
fact fixed.removable "$(cat "/sys/block/${fixed#/dev/}/removable")"
fact fixed.sysfs "$(readlink -f "/sys/block/${fixed#/dev/}")"
