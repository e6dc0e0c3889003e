#!/bin/bash
# Power cut, third boot: the create cut half way left a partition; status says what it is, unlock
# refuses it, delete removes it, and create works again.
# Facts: half.*, status_half.*, unlock_half.*, delete_half.*, recreate.*; files: *.out, *.err.
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
