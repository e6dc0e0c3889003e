#!/bin/bash
# Power cut, third boot: the create cut half way left a partition; status says what it is, unlock
# refuses it, delete removes it, and create works again. Then a file system error that e2fsck's
# preen mode must not fix (a directory block overwritten): unlock stops and points to repair,
# repair fixes it, unlock works again.
# Facts: half.*, status_half.*, unlock_half.*, delete_half.*, recreate.*, damaged_unlock.*,
# damaged.mapped, repair.*, repaired_unlock.*, repaired.*; files: *.out, *.err.
source "$VM_REPO/tests/LivePersist.SystemTests/Scenarios/lib.sh"

stick=$(first_stick)
make_amnesia_home
passphrase_lines unlock.stdin "$(<passphrase)"

partition=$(partition_by_name "$stick" TailsData || true)
fact half.partition "${partition:-none}"
fact half.is_luks "$([[ -n $partition ]] && cryptsetup isLuks "$partition" && echo yes || echo no)"
lp status_half --json status --device "$stick"
lp_with_input unlock_half unlock.stdin unlock --device "$stick"
fact unlock_half.mapped "$(is_mapped)"
lp delete_half delete --device "$stick"
fact delete_half.partitions "$(sgdisk -p "$stick" | awk '/^ +[0-9]+ / { n++ } END { print n + 0 }')"

lp_must_with_input recreate unlock.stdin create --device "$stick" "${LP_TEST_KDF[@]}"
fact recreate.mount "$(mount_source "$AMNESIA_HOME/Persistent")"

# A directory block of the volume overwritten while it is locked, and the file system marked as not
# cleanly unmounted (as after a crash), so that unlock's e2fsck -p checks it.
as_amnesia bash -c 'mkdir -p ~/Persistent/Letters && echo kept >~/Persistent/Letters/letter.txt'
lp_must lock lock --device "$stick"
printf '%s' "$(<passphrase)" >key
partition=$(partition_by_name "$stick" TailsData)
cryptsetup open --key-file=key "$partition" damage
wait_for_block_device /dev/mapper/damage
block=$(debugfs -R 'bmap Persistent 0' /dev/mapper/damage 2>/dev/null)
block_size=$(dumpe2fs -h /dev/mapper/damage 2>/dev/null | awk -F: '/^Block size/ { print $2 + 0 }')
dd if=/dev/urandom of=/dev/mapper/damage bs="$block_size" seek="$block" count=1 conv=notrunc,fsync status=none
debugfs -w -R 'ssv state 0' /dev/mapper/damage 2>/dev/null
cryptsetup close damage

lp_with_input damaged_unlock unlock.stdin unlock --device "$stick"
fact damaged.mapped "$(is_mapped)"
lp_with_input repair unlock.stdin repair --device "$stick"
lp_with_input repaired_unlock unlock.stdin unlock --device "$stick"
fact repaired.persistent "$(mount_source "$AMNESIA_HOME/Persistent")"
lp_must repaired_lock lock --device "$stick"
fsck_recheck "$partition" key
