#!/bin/bash
# The lifecycle, second boot: a wrong passphrase is refused and changes nothing (no mapping, no
# sector written); the right one unlocks, and every file of the first boot is back with its owner
# and mode, the dotfiles linked into the home. It is backed up to the second stick (which has only
# its Tails partition), then the passphrase is changed (./new-passphrase) and the volume locked.
# Facts: wrong.*, wrong.mapped, wrong.sectors_written, unlock.*, mount.*, link.*, backup.*,
# change.*, lock.*; files: manifest-after, status-unlocked.out.
source "$VM_REPO/tests/LivePersist.SystemTests/Scenarios/lib.sh"

read -r stick backup_stick <<<"$VM_STICKS"
mount_live_medium "$stick"
make_amnesia_home
passphrase_lines wrong.stdin "$(<passphrase)-not"
passphrase_lines unlock.stdin "$(<passphrase)"
passphrase_lines backup.stdin "$(<passphrase)"
passphrase_lines change.stdin "$(<passphrase)" "$(<new-passphrase)"

sync
before=$(sectors_written "$stick")
lp_with_input wrong wrong.stdin unlock
sync
fact wrong.mapped "$(is_mapped)"
fact wrong.sectors_written $(($(sectors_written "$stick") - before))

lp_must_with_input unlock unlock.stdin unlock
fact mount.persistent "$(mount_source "$AMNESIA_HOME/Persistent")"
fact mount.gnupg "$(mount_source "$AMNESIA_HOME/.gnupg")"
fact mount.apt_cache "$(mount_source /var/cache/apt/archives)"
fact mount.apt_lists "$(mount_source /var/lib/apt/lists)"
fact link.bash_aliases "$(readlink "$AMNESIA_HOME/.bash_aliases" || echo none)"
fact link.settings "$(readlink "$AMNESIA_HOME/.config/demo/settings.ini" || echo none)"
fact link.settings.content "$(as_amnesia cat "$AMNESIA_HOME/.config/demo/settings.ini" | tr '\n' ' ')"
fact link.owner "$(stat -c %u:%g "$AMNESIA_HOME/.bash_aliases" 2>/dev/null || echo none)"
manifest "$AMNESIA_HOME/Persistent" "$AMNESIA_HOME/.gnupg" "$LP_VOLUME/dotfiles" /var/cache/apt/archives/demo_1.0_all.deb >manifest-after
lp_must status-unlocked --json status

lp_with_input backup backup.stdin backup --to "$backup_stick" "${LP_TEST_KDF[@]}"
fact backup.mappings_after "$(ls /dev/mapper | grep -vx control | tr '\n' ' ')"
fact backup.partition_name "$(partition_by_name "$backup_stick" TailsData || echo none)"
lp_with_input change change.stdin change-passphrase "${LP_TEST_KDF[@]}"
lp_must lock lock
fact locked.mapped "$(is_mapped)"
