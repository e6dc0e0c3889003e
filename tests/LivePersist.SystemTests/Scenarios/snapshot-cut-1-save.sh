#!/bin/bash
# Snapshot power cut, first boot (run with --power-cut-on MARKER, MARKER as $1): creates the
# Persistent Storage with a snapshot folder (~/Snap, option snapshot), fills it through the overlay,
# saves, locks and unlocks (the old state is then durable on the volume), makes the session's
# changes (snapshot-cut-lib.sh: new content up to 3 MiB a file, new files, deletions, a rename, a
# chmod), records the old and the new state, and starts `live-persist save`. A watcher cuts the
# power part way through: once f-10 (the 13th name the save writes) carries its new content and a
# temporary file of the save is seen. Before the cut it runs `sync`, as the journal's 5 s commit or
# any other process may do during a long save, so that the half-written temporary is certainly on
# the disk and the next boot shows what becomes of it.
# Facts: create.*, lock_*.*, unlock_*.*, snap.mount, save_old.*, old.saved, cut.trigger.
source "$VM_REPO/tests/LivePersist.SystemTests/Scenarios/lib.sh"
source "$VM_REPO/tests/LivePersist.SystemTests/Scenarios/snapshot-cut-lib.sh"
marker=${1:?usage: snapshot-cut-1-save.sh MARKER}

stick=$(first_stick)
make_amnesia_home
passphrase_lines create.stdin "$(<passphrase)"
passphrase_lines unlock.stdin "$(<passphrase)"
lp_must_with_input create create.stdin create --device "$stick" "${LP_TEST_KDF[@]}"
add_snapshot_binding
install -d -o 1000 -g 1000 -m 0700 "$SNAP_SOURCE"
lp_must lock_1 lock --device "$stick"
lp_must_with_input unlock_1 unlock.stdin unlock --device "$stick"
fact snap.mount "$(mount_source "$SNAP_DESTINATION")"

# shellcheck disable=SC2016 # expanded by the inner shell
as_amnesia bash -c "$(declare -f random_file write_old_content)"'; write_old_content "$1"' old "$SNAP_DESTINATION"
lp_must save_old save
lp_must lock_2 lock --device "$stick"
lp_must_with_input unlock_2 unlock.stdin unlock --device "$stick"
folder_state "$SNAP_SOURCE" >snap-old.state
folder_state "$SNAP_DESTINATION" >snap-old-view.state
cmp -s snap-old.state snap-old-view.state && fact old.saved yes || fact old.saved no

rm -rf "$SNAP_CHANGES"
make_changes "$SNAP_CHANGES"
apply_changes
folder_state "$SNAP_DESTINATION" >snap-new.state

(
  shopt -s nullglob
  while :; do
    first=
    read -r first <"$SNAP_SOURCE/f-10" || true
    if [[ $first == "new f-10" ]]; then
      for temporary in "$SNAP_SOURCE"/.live-persist-*.tmp "$SNAP_SOURCE"/*/.live-persist-*.tmp; do
        sync
        cut_power "$marker" "save: f-10 saved, ${temporary#"$SNAP_SOURCE"/} seen"
      done
    fi
    nap 0.005
  done
) &
lp save save
cut_power "$marker" "the save ended before the cut (exit $(sed -n 's/^save\.exit=//p' facts))"
