#!/bin/bash
# Snapshot power cut, second boot (after snapshot-cut-1-save.sh): unlocks (the journal is replayed;
# activating the snapshot folder removes the temporaries of the interrupted save, which --verbose
# logs), compares every path of the folder on the volume with its old and new state, checks the
# folder the user sees, locks and checks the file system read-only; then unlocks again, makes the
# session's changes again and saves: the volume then holds exactly the new state.
# Facts: unlock.*, temporaries.removed, cut.{old,new,same,torn,temporaries,foreign},
# folder.temporaries, folder.matches_volume, lock.*, fsck.recheck, unlock_again.*, resave.*,
# resaved.equals_new, lock_again.*, fsck.resaved.
source "$VM_REPO/tests/LivePersist.SystemTests/Scenarios/lib.sh"
source "$VM_REPO/tests/LivePersist.SystemTests/Scenarios/snapshot-cut-lib.sh"

stick=$(first_stick)
make_amnesia_home
passphrase_lines unlock.stdin "$(<passphrase)"
printf '%s' "$(<passphrase)" >key

lp_must_with_input unlock unlock.stdin unlock --device "$stick" --verbose
fact temporaries.removed "$(grep -c 'left by an interrupted save' unlock.err || true)"
folder_state "$SNAP_SOURCE" >snap-cut.state
classify_state snap-old.state snap-new.state snap-cut.state >snap-cut.classes
while read -r kind count; do
  [[ $kind == *: ]] || fact "cut.$kind" "$count"
done <snap-cut.classes
fact folder.temporaries "$(find "$SNAP_DESTINATION" -name '.live-persist-*.tmp' | wc -l)"
folder_state "$SNAP_DESTINATION" >snap-cut-view.state
cmp -s snap-cut.state snap-cut-view.state && fact folder.matches_volume yes || fact folder.matches_volume no
lp_must lock lock --device "$stick"
partition=$(partition_by_name "$stick" TailsData)
fsck_recheck "$partition" key

lp_must_with_input unlock_again unlock.stdin unlock --device "$stick"
apply_changes
lp_must resave save
folder_state "$SNAP_SOURCE" >snap-resaved.state
cmp -s snap-resaved.state snap-new.state && fact resaved.equals_new yes || fact resaved.equals_new no
lp_must lock_again lock --device "$stick"
status=0
cryptsetup open --readonly --key-file=key "$partition" recheck
wait_for_block_device /dev/mapper/recheck
e2fsck -fn /dev/mapper/recheck || status=$?
cryptsetup close recheck
fact fsck.resaved "$status"
