#!/usr/bin/env bash
# The narrated lifecycle of the demo, one boot at a time: run-demo.sh runs it in the test VM (as
# the scenario of each boot) or natively on a loop device.
#   lifecycle.sh first-boot    a stick with only its system partition: create, keep files, lock
#   lifecycle.sh second-boot   after the restart: a wrong passphrase, unlock, read-only, lock
# Settings from run-demo.sh, in the environment:
#   DEMO_LP        the live-persist executable
#   DEMO_OPTIONS   options for every command (e.g. "--root DIR" natively), may be empty
#   DEMO_DEVICE    options that name the stick (e.g. "--device /dev/loop0"), may be empty:
#                  live-persist then finds the stick the system booted from
#   DEMO_FIXED     "--allow-fixed" when the stick is not removable (a loop device), else empty
#   DEMO_STICK     the stick's disk device, to show it
#   DEMO_ROOT      where the live system's root is ("" in the VM)
#   DEMO_PASSPHRASE_FILE  the passphrase, one line; never on a command line
set -euo pipefail
shopt -s extglob

readonly HOME_DIR=$DEMO_ROOT/home/amnesia
readonly VOLUME=$DEMO_ROOT/live/persistence/TailsData_unlocked
read -r -a lp_options <<<"${DEMO_OPTIONS:-}"
PATH=$(dirname "$DEMO_LP"):$PATH
read -r -a device_options <<<"${DEMO_DEVICE:-}"
read -r -a fixed_options <<<"${DEMO_FIXED:-}"
# The demo keeps the key derivation light (argon2id with 32 MiB) so that it takes minutes, not
# more; without these options live-persist uses Tails' parameters (up to 1 GiB of memory).
readonly DEMO_KDF=(--pbkdf argon2id --pbkdf-memory 32768 --pbkdf-iterations 4)

bold=$'\e[1m' dim=$'\e[2m' plain=$'\e[0m'
[[ -t 1 || -n ${DEMO_COLOUR:-} ]] || bold='' dim='' plain=''
step_number=0

# step TITLE EXPLANATION...: a numbered heading and why the next commands matter.
step() {
  step_number=$((step_number + 1))
  printf '\n%s── %d. %s%s\n' "$bold" "$step_number" "$1" "$plain"
  shift
  printf '%s\n' "$@" | fold -s -w 96 | sed "s/^/   $dim/; s/\$/$plain/"
}

# show COMMAND...: prints the command as a user would type it, runs it, prints its exit code when
# it is not 0. The demo goes on either way: it shows failures on purpose.
show() {
  printf '\n   %s$ %s%s\n' "$bold" "$*" "$plain"
  local status=0
  "$@" 2>&1 | sed 's/^/   /' || status=${PIPESTATUS[0]}
  ((status == 0)) || printf '   %s(exit code %d)%s\n' "$dim" "$status" "$plain"
  return 0
}

# lp COMMAND ARGUMENT...: live-persist as the welcome screen runs it, passphrases from the file on
# stdin. The storage commands get DEMO_DEVICE (features act on the unlocked volume), and those that
# unlock or write the stick DEMO_FIXED.
lp() {
  local device=() fixed=()
  [[ $1 == @(status|create|unlock|lock) ]] && device=("${device_options[@]}")
  [[ $1 == @(create|unlock) ]] && fixed=("${fixed_options[@]}")
  show live-persist "${lp_options[@]}" "$@" "${device[@]}" "${fixed[@]}" <"$DEMO_PASSPHRASE_FILE"
}

# user_runs COMMAND: the desktop user (uid 1000, amnesia) runs a shell command in the home folder.
user_runs() {
  printf '\n   %samnesia$ %s%s\n' "$bold" "$1" "$plain"
  HOME=$HOME_DIR setpriv --reuid=1000 --regid=1000 --clear-groups -- bash -c 'umask 077; cd; eval "$1"' user_runs "$1" 2>&1 | sed 's/^/   /'
}

fresh_home() {
  mkdir -p "$HOME_DIR"
  chown 1000:1000 "$HOME_DIR"
  chmod 0700 "$HOME_DIR"
}

first_boot() {
  fresh_home
  step "A fresh USB stick" \
    "The stick holds a live system: one partition named Tails, and free space. Nothing the user does is kept when the computer stops."
  show sgdisk --print "$DEMO_STICK"
  lp status

  step "Create the Persistent Storage" \
    "live-persist makes a TailsData partition in the free space, encrypts it with LUKS2 (the passphrase comes on standard input, never on a command line), makes an ext4 file system and turns on the default features: the Persistent folder and the Additional Software cache."
  lp create "${DEMO_KDF[@]}"

  step "Keep a document, GnuPG keys and a dotfile" \
    "The user writes into ~/Persistent, which is now the encrypted volume. Turning on a feature rewrites persistence.conf atomically and activates it at once."
  user_runs 'mkdir -p Persistent/Letters && echo "Dear editor, ..." >Persistent/Letters/letter.txt'
  lp features enable GnuPG
  lp features enable Dotfiles
  lp features list
  show cat "$VOLUME/persistence.conf"
  user_runs 'echo "keyid-format 0xlong" >.gnupg/gpg.conf'
  printf '\n   %s%s%s\n' "$dim" "Files put in the dotfiles folder are linked into the home folder at each unlock:" "$plain"
  user_runs "echo 'alias ll=\"ls -l\"' >$VOLUME/dotfiles/.bash_aliases"

  step "Lock it" \
    "Locking deactivates every feature (it refuses when a program still uses a file there), unmounts and closes the encryption. What was persistent is gone from view: the folders left are empty."
  lp lock
  show ls -lanR "$HOME_DIR"
}

second_boot() {
  fresh_home
  step "After a restart" \
    "The live system started from scratch: the home folder is empty again. The Persistent Storage is there, locked. (Its key derivation is the demo's light one, below Tails' parameters: hence the advice to upgrade.)"
  show ls -lan "$HOME_DIR"
  lp status

  step "A wrong passphrase" \
    "It is refused with its own exit code (3) and a message that says what to check; nothing is written to the stick."
  local wrong
  wrong=$(mktemp)
  echo "not the passphrase" >"$wrong"
  show live-persist "${lp_options[@]}" unlock "${device_options[@]}" "${fixed_options[@]}" <"$wrong"
  rm -f "$wrong"

  step "Unlock" \
    "The right passphrase: the volume is checked (e2fsck -p), mounted, and every feature activated. The document, the GnuPG home and the dotfile link are back, owned by the user (uid 1000) with their modes."
  lp unlock
  show ls -lan "$HOME_DIR/Persistent/Letters" "$HOME_DIR/.gnupg"
  show readlink "$HOME_DIR/.bash_aliases"
  lp lock

  step "Unlock read-only" \
    "For a computer that must not change the stick: writes land in memory, and not one sector reaches the stick."
  local before
  before=$(awk '{ print $7 }' "/sys/block/${DEMO_STICK#/dev/}/stat")
  lp unlock --read-only
  user_runs 'echo "a draft" >Persistent/draft.txt && ls -ln Persistent'
  lp lock
  sync
  printf '\n   sectors written to the stick meanwhile: %d\n' $(($(awk '{ print $7 }' "/sys/block/${DEMO_STICK#/dev/}/stat") - before))
  lp status
}

case ${1:-} in
  first-boot) first_boot ;;
  second-boot) second_boot ;;
  *) echo "usage: lifecycle.sh first-boot|second-boot" >&2; exit 2 ;;
esac
