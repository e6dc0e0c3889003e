#!/bin/bash
# Power cut, third boot: the create cut half way left a partition; status says what it is, unlock
# refuses it, delete removes it, and create works again, this time with the production key
# derivation (no KDF option: Tails' rule from the free memory).
# Facts: half.*, status_half.*, unlock_half.*, delete_half.*, recreate.*, kdf.*; files: *.out, *.err.
source "$VM_REPO/tests/LivePersist.SystemTests/Scenarios/lib.sh"

stick=$(first_stick)
make_amnesia_home
passphrase_lines unlock.stdin "$(<passphrase)"

partition=$(partition_by_name "$stick" TailsData || true)
fact half.partition "${partition:-none}"
fact half.is_luks "$([[ -n $partition ]] && cryptsetup isLuks "$partition" && echo yes || echo no)"
lp status_half status --device "$stick"
lp_with_input unlock_half unlock.stdin unlock --device "$stick"
fact unlock_half.mapped "$(is_mapped)"
lp delete_half delete --device "$stick"
fact delete_half.partitions "$(sgdisk -p "$stick" | awk '/^ +[0-9]+ / { n++ } END { print n + 0 }')"

fact kdf.mem_available_kib "$(awk '$1 == "MemAvailable:" { print $2 }' /proc/meminfo)"
lp_must_with_input recreate unlock.stdin create --device "$stick"
fact recreate.mount "$(mount_source "$AMNESIA_HOME/Persistent")"
dump=$(cryptsetup luksDump "$(partition_by_name "$stick" TailsData)")
fact kdf.type "$(awk '$1 == "PBKDF:" { print $2 }' <<<"$dump" | sort -u | tr '\n' ' ')"
fact kdf.memory_kib "$(awk '$1 == "Memory:" { print $2 }' <<<"$dump" | sort -u | tr '\n' ' ')"
fact kdf.time_cost "$(awk '$1 == "Time" && $2 == "cost:" { print $3 }' <<<"$dump" | sort -u | tr '\n' ' ')"
