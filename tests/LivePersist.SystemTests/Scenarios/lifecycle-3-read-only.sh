#!/bin/bash
# The lifecycle, third boot: first the backup stick unlocks with the passphrase of the backup (the
# old one) and holds the files of the second boot; it is locked. Then, on the first stick, the old
# passphrase is refused, the new one unlocks read-only; the user writes in every persistent folder
# (the writes land in memory), locks, and the stick receives not one sector (the host also compares
# the image's content before and after this boot).
# Facts: backup_unlock.*, backup_lock.*, old.*, unlock_ro.*, ro.write.*, ro.sectors_written, lock.*,
# ro.partition_ro_after_lock; files: manifest-backup, status-read-only.out.
source "$VM_REPO/tests/LivePersist.SystemTests/Scenarios/lib.sh"

read -r stick backup_stick <<<"$VM_STICKS"
mount_live_medium "$stick"
make_amnesia_home
passphrase_lines old.stdin "$(<passphrase)"
passphrase_lines new.stdin "$(<new-passphrase)"

lp_must_with_input backup_unlock old.stdin unlock --device "$backup_stick"
manifest "$AMNESIA_HOME/Persistent" "$AMNESIA_HOME/.gnupg" "$LP_VOLUME/dotfiles" /var/cache/apt/archives/demo_1.0_all.deb >manifest-backup
lp_must backup_lock lock --device "$backup_stick"

sync
before=$(sectors_written "$stick")
lp_with_input old old.stdin unlock --read-only
fact old.mapped "$(is_mapped)"
lp_must_with_input unlock_ro new.stdin unlock --read-only
lp_must status-read-only --json status

# Every destination of persistence.conf, as the user where the user owns it, else as root.
while IFS=$'\t' read -r destination _; do
  [[ -z $destination || $destination == \#* ]] && continue
  name=$(basename "$destination")
  if [[ $(stat -c %u "$destination") == 1000 ]]; then
    as_amnesia bash -c "printf 'written read-only\n' >'$destination/ro-test-$name'" && ok=yes || ok=no
  else
    printf 'written read-only\n' >"$destination/ro-test-$name" && ok=yes || ok=no
  fi
  fact "ro.write.$destination" "$ok"
done <"$LP_VOLUME/persistence.conf"
# ...and over an existing file (a dotfile link points into the read-only volume itself).
as_amnesia bash -c 'printf "changed\n" >>~/Persistent/notes.txt' && ok=yes || ok=no
fact ro.write.existing "$ok"
sync

lp_must lock lock
sync
fact ro.sectors_written $(($(sectors_written "$stick") - before))
fact ro.partition_ro_after_lock "$(blockdev --getro "$(partition_by_name "$stick" TailsData)")"
