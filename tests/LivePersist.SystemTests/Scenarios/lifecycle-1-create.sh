#!/bin/bash
# The lifecycle, first boot: a stick with only its Tails system partition. live-persist finds it
# through the live medium's mount point (no --device), creates the Persistent Storage (passphrase
# from ./passphrase on stdin; KDF options as $@, none for the production defaults), and the
# desktop user keeps a document in ~/Persistent, a GnuPG home (GnuPG enabled), a file in the
# dotfiles folder (Dotfiles enabled) and a package in APT's cache; then it is locked.
# Facts: create.*, mount.*, enable_gnupg.*, enable_dotfiles.*, lock.*, locked.mapped,
# locked.persistent; files: status-created.out (JSON), persistence-created.conf, manifest-before,
# handoff-created and handoff-locked (the session handoff file after create and after lock).
source "$VM_REPO/tests/LivePersist.SystemTests/Scenarios/lib.sh"

stick=$(first_stick)
mount_live_medium "$stick"
make_amnesia_home
passphrase_lines create.stdin "$(<passphrase)"

lp_must_with_input create create.stdin create "$@"
fact mount.persistent "$(mount_source "$AMNESIA_HOME/Persistent")"
fact mount.apt_cache "$(mount_source /var/cache/apt/archives)"
fact mount.apt_lists "$(mount_source /var/lib/apt/lists)"
lp_must status-created --json status
cp "$LP_VOLUME/persistence.conf" persistence-created.conf
cp /var/lib/gdm3/settings/tails.persistence handoff-created

# The user's files, written as the user: a document, a GnuPG home, a dotfile.
as_amnesia bash -c '
  set -e
  mkdir -p ~/Persistent/Letters
  chmod 0750 ~/Persistent/Letters
  head -c 1048576 /dev/urandom >~/Persistent/Letters/letter.odt
  printf "notes\n" >~/Persistent/notes.txt
  chmod 0644 ~/Persistent/notes.txt'
lp_must enable_gnupg features enable GnuPG
lp_must enable_dotfiles features enable Dotfiles
fact mount.gnupg "$(mount_source "$AMNESIA_HOME/.gnupg")"
as_amnesia bash -c '
  set -e
  mkdir -p ~/.gnupg/private-keys-v1.d
  head -c 65536 /dev/urandom >~/.gnupg/pubring.kbx
  head -c 4096 /dev/urandom >~/.gnupg/private-keys-v1.d/0123456789ABCDEF.key
  printf "keyid-format 0xlong\n" >~/.gnupg/gpg.conf
  mkdir -p '"$LP_VOLUME"'/dotfiles/.config/demo
  printf "alias ll=\"ls -l\"\n" >'"$LP_VOLUME"'/dotfiles/.bash_aliases
  printf "[demo]\nkept=yes\n" >'"$LP_VOLUME"'/dotfiles/.config/demo/settings.ini'
head -c 8192 /dev/urandom >/var/cache/apt/archives/demo_1.0_all.deb
sync
manifest "$AMNESIA_HOME/Persistent" "$AMNESIA_HOME/.gnupg" "$LP_VOLUME/dotfiles" /var/cache/apt/archives/demo_1.0_all.deb >manifest-before
cp "$LP_VOLUME/persistence.conf" persistence-locked.conf

lp_must lock lock
fact locked.mapped "$(is_mapped)"
cp /var/lib/gdm3/settings/tails.persistence handoff-locked
fact locked.persistent "$(mount_source "$AMNESIA_HOME/Persistent")"
