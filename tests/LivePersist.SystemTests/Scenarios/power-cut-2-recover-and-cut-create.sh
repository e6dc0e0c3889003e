#!/bin/bash
# Power cut, second boot (run with --power-cut-on MARKER, MARKER as $1): unlocks after the cut of
# the first boot (live-persist's e2fsck replays the journal), checks every fsync'd file and which
# persistence.conf survived, locks, checks the file system read-only; then deletes the volume and
# creates it again, cutting the power as soon as the new partition appears.
# Facts: unlock.*, durable.*, conf.after_cut, conf.mode, lock.*, fsck.recheck, delete.*, cut.trigger.
source "$VM_REPO/tests/LivePersist.SystemTests/Scenarios/lib.sh"
marker=${1:?usage: power-cut-2-recover-and-cut-create.sh MARKER}

stick=$(first_stick)
make_amnesia_home
passphrase_lines unlock.stdin "$(<passphrase)"
printf '%s' "$(<passphrase)" >key

lp_must_with_input unlock unlock.stdin unlock --device "$stick"
check_durable_files "$AMNESIA_HOME/Persistent/durable" durable.list
cp "$LP_VOLUME/persistence.conf" conf.after-cut
if cmp -s conf.after-cut conf.0; then
  fact conf.after_cut old
elif cmp -s conf.after-cut conf.1; then
  fact conf.after_cut new
else
  fact conf.after_cut "neither ($(stat -c %s conf.after-cut) bytes)"
fi
fact conf.mode "$(stat -c '%u:%g %a' "$LP_VOLUME/persistence.conf")"
lp_must lock lock --device "$stick"
partition=$(partition_by_name "$stick" TailsData)
fsck_recheck "$partition" key

lp_must delete delete --device "$stick"
fact delete.partition_left "$([[ -b $partition ]] && echo yes || echo no)"
(
  until [[ -b $partition ]]; do nap 0.01; done
  cut_power "$marker" "create: $partition appeared"
) &
passphrase_lines create.stdin "$(<passphrase)"
lp_with_input create create.stdin create --device "$stick" "${LP_TEST_KDF[@]}"
cut_power "$marker" "create ended before the cut"
