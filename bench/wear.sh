#!/usr/bin/env bash
# Flash wear benchmark (issue 7, part 2 and 3): bytes written to the device for one session of the first
# seed document's example, a volume holding 100 MB of mail to which the session adds one 50 KB message.
# Bytes written are read from /sys/block/loopN/stat (field 7: 512-byte sectors written), after a `sync`
# (no cache is dropped), from the session's start to after the volume is unmounted. Each design starts from
# a copy of the same freshly made ext4 volume image, on its own loop device, mounted and synced before
# its counter is read.
#   (a) live-persist: `activate`, the session writes the message through the bind mount (fsync'd), `deactivate`,
#       unmount (what lock does, without dm-crypt).
#   (b) the old snapshot design (live-snapshot): the volume holds the previous snapshot (the same mail as
#       `find | cpio -o -H newc | gzip`); the session unpacks it into tmpfs, writes the message there, and at
#       shutdown the whole tree is archived again into a new file on the volume, fsync'd, renamed over the
#       previous one (and the directory fsync'd), then unmounted.
#   (s) live-persist's snapshot binding: the same volume with the option `snapshot` on the mail's line; `activate`,
#       the session writes the message into the binding's memory layer (nothing reaches the volume), `save`
#       merges the change into the volume, `deactivate`, unmount (what lock does: save, then close).
#   read-only: `blockdev --setro` and `mount -o ro,noload` as `unlock --read-only` does, `activate --read-only`,
#       the session writes the message (into the memory upper layer), `deactivate`, unmount. Also without
#       --setro, to show that the file system and live-persist write nothing by themselves.
#   control: mount, sync, unmount, nothing else.
# Results are printed and appended to bench/results/wear-<date>.md with the machine and the command.
#   bench/wear.sh [random|text|both]   (default both; needs root, cpio, and artifacts/bin from ./build.sh)
# random: messages of random bytes (like attachments: gzip cannot compress them); text: messages cut from
# the English text of /usr/share/doc/*/copyright and /usr/share/common-licenses (gzip compresses them ~5x: licence texts repeat a lot;
# real text mail compresses less, so this favours (b)).
set -euo pipefail
cd "$(dirname "$0")/.."
MAILS=${1:-both}
case $MAILS in random|text) KINDS=("$MAILS") ;; both) KINDS=(random text) ;; *) echo "usage: bench/wear.sh [random|text|both]" >&2; exit 2 ;; esac
LP=$PWD/artifacts/bin/live-persist
[[ -x $LP ]] || { echo "wear: build first (./build.sh)" >&2; exit 1; }
[[ $EUID -eq 0 ]] || { echo "wear: needs root (loop devices, mounts)" >&2; exit 1; }
command -v cpio > /dev/null || { echo "wear: needs cpio (apt-get install cpio)" >&2; exit 1; }

MESSAGES=2000        # ~50 KB each: ~100 MB of mail
NEW=51200            # the session's new message: 50 KB
WORK=$(mktemp -d /tmp/live-persist-wear.XXXXXX)
chmod 0755 "$WORK"   # the session writes as uid 1000 through it
LOOPS=()
cleanup() {
  # Best effort to the end: under set -e, grep finding no mount left would end the trap, and the script, with 1.
  set +e
  grep -o " $WORK[^ ]*" /proc/self/mountinfo | sort -r | while read -r m; do umount -l "$m" 2>/dev/null || true; done
  for l in "${LOOPS[@]}"; do blockdev --setrw "$l" 2>/dev/null || true; losetup -d "$l" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT

# detach LOOP: detaches a loop device of ours and forgets it.
detach() {
  local l kept=()
  losetup -d "$1"
  for l in "${LOOPS[@]}"; do [[ $l == "$1" ]] || kept+=("$l"); done
  LOOPS=("${kept[@]}")
}

PROFILE=thunderbird/Profiles/k3x9q2lw.default-esr
FOLDERS=(INBOX Sent Drafts Archives.sbd/2023 Archives.sbd/2024 Archives.sbd/2025 Lists.sbd/tails-dev Lists.sbd/debian-devel Junk Trash)

# make_base KIND: $WORK/base.img, an ext4 volume holding persistence.conf and ~100 MB of mail in a
# Thunderbird-like tree (maildir folders of one .eml file per message), written, synced and unmounted.
make_base() {
  local kind=$1 mnt=$WORK/mnt loop i size folder dir corpus=$WORK/corpus.txt corpus_size=0
  rm -f "$WORK/base.img"
  truncate -s 2G "$WORK/base.img"
  # Inode tables and journal zeroed now: no ext4lazyinit thread writing in the background later.
  mkfs.ext4 -q -F -L TailsData -E lazy_itable_init=0,lazy_journal_init=0 "$WORK/base.img"
  if [[ $kind == text ]]; then
    cat /usr/share/common-licenses/* /usr/share/doc/*/copyright 2>/dev/null > "$corpus" || true
    corpus_size=$(stat -c %s "$corpus")
  fi
  loop=$(losetup --find --show "$WORK/base.img"); LOOPS+=("$loop")
  mkdir -p "$mnt"
  mount -o nodev,nosuid,noatime,acl "$loop" "$mnt"
  chmod 0770 "$mnt"
  setfacl -m u:1000:x "$mnt"
  printf '/home/amnesia/.thunderbird\tsource=thunderbird\n' > "$mnt/persistence.conf"
  chown 115:122 "$mnt/persistence.conf"; chmod 0600 "$mnt/persistence.conf"
  for folder in "${FOLDERS[@]}"; do mkdir -p "$mnt/$PROFILE/ImapMail/imap.riseup.net/$folder/cur"; done
  printf 'user_pref("mail.serverDefaultStoreContractID", "@mozilla.org/msgstore/maildirstore;1");\n' > "$mnt/$PROFILE/prefs.js"
  printf '[Profile0]\nName=default-esr\nIsRelative=1\nPath=Profiles/k3x9q2lw.default-esr\nDefault=1\n' > "$mnt/thunderbird/profiles.ini"
  for i in $(seq 1 "$MESSAGES"); do
    size=$(( 30720 + (i * 7919) % 40961 ))   # 30 to 70 KiB, ~50 KiB on average
    dir=$mnt/$PROFILE/ImapMail/imap.riseup.net/${FOLDERS[i % ${#FOLDERS[@]}]}/cur
    if [[ $kind == random ]]; then
      head -c "$size" /dev/urandom > "$dir/$i.eml"
    else
      dd if="$corpus" of="$dir/$i.eml" iflag=skip_bytes,count_bytes skip=$(( (i * 104729) % (corpus_size - size) )) count="$size" bs=64K status=none
    fi
  done
  chown -R 1000:1000 "$mnt/thunderbird"
  chmod 0700 "$mnt/thunderbird"   # as tps creates it; otherwise the first activation fixes it (one inode write)
  MAIL_BYTES=$(du -sb --apparent-size "$mnt/thunderbird" | cut -f1)
  sync
  umount "$mnt"
  detach "$loop"
}

# fresh NAME [ro]: a copy of the base image on its own loop device, mounted on $WORK/NAME/volume
# (read-only the way unlock --read-only mounts it when ro), an empty root in $WORK/NAME/root; sets LOOP, VOL, ROOT.
fresh() {
  local name=$1 ro=${2:-}
  mkdir -p "$WORK/$name/volume" "$WORK/$name/root/home/amnesia"
  chown 1000:1000 "$WORK/$name/root/home/amnesia"
  cp --sparse=always "$WORK/base.img" "$WORK/$name/volume.img"
  LOOP=$(losetup --find --show "$WORK/$name/volume.img"); LOOPS+=("$LOOP")
  VOL=$WORK/$name/volume ROOT=$WORK/$name/root
  case $ro in
    setro) blockdev --setro "$LOOP"; mount -o ro,noload,nodev,nosuid,noatime,acl "$LOOP" "$VOL" ;;
    ro) mount -o ro,noload,nodev,nosuid,noatime,acl "$LOOP" "$VOL" ;;
    *) mount -o nodev,nosuid,noatime,acl "$LOOP" "$VOL" ;;
  esac
}

# The device's written bytes so far, after a sync.
written() { sync; echo $(( $(awk '{print $7}' "/sys/block/${LOOP#/dev/}/stat") * 512 )); }

# new_message DIR: the session's new 50 KB message, written by the user and fsync'd as a mail client does.
new_message() {
  setpriv --reuid=1000 --regid=1000 --clear-groups \
    dd if=/dev/urandom of="$1/cur/session.eml" bs=$NEW count=1 conv=fsync status=none
}

# close START: unmounts the volume, sets WRITTEN to the bytes written since START, detaches the loop device.
close() {
  umount "$VOL"
  WRITTEN=$(( $(written) - $1 ))
  blockdev --setrw "$LOOP"
  detach "$LOOP"
}

INBOX=ImapMail/imap.riseup.net/INBOX

# design_a [steps]: sets A; with steps, also syncs after each step and sets A_STEPS (the syncs can split
# journal commits that would otherwise be one, so the headline A comes from a run without them).
design_a() {
  fresh a; local start t1= t2= t3=; start=$(written)
  "$LP" --root "$ROOT" activate "$VOL" > /dev/null
  [[ -n ${1:-} ]] && t1=$(written)
  new_message "$ROOT/home/amnesia/.thunderbird/Profiles/k3x9q2lw.default-esr/$INBOX"
  [[ -n ${1:-} ]] && t2=$(written)
  "$LP" --root "$ROOT" deactivate "$VOL" > /dev/null
  [[ -n ${1:-} ]] && t3=$(written)
  [[ $(stat -c %s "$VOL/$PROFILE/$INBOX/cur/session.eml") == "$NEW" ]] || { echo "wear: (a) lost the message" >&2; exit 1; }
  close "$start"; A=$WRITTEN
  if [[ -n ${1:-} ]]; then
    A_STEPS="activate $(( t1 - start )) B, the message (write, fsync) $(( t2 - t1 )) B, deactivate $(( t3 - t2 )) B, unmount $(( start + A - t3 )) B; $A B in all"
  fi
  rm -rf "$WORK/a"
}

design_b() {
  fresh b
  # The volume as live-snapshot leaves it: the mail as its previous snapshot, not as a tree.
  (cd "$VOL/thunderbird" && find . | cpio -o -H newc --quiet | gzip > "$VOL/live-snapshot.cpio.gz")
  rm -rf "$VOL/thunderbird"
  local start; start=$(written)
  local ram=$WORK/b/ram; mkdir -p "$ram"; mount -t tmpfs -o size=1G tmpfs "$ram"
  (cd "$ram" && gzip -dc "$VOL/live-snapshot.cpio.gz" | cpio -idm --quiet)
  new_message "$ram/Profiles/k3x9q2lw.default-esr/$INBOX"
  # Shutdown: the whole tree archived into a new file, fsync'd, renamed over the previous one.
  (cd "$ram" && find . | cpio -o -H newc --quiet | gzip > "$VOL/live-snapshot.cpio.gz.new")
  sync "$VOL/live-snapshot.cpio.gz.new"
  mv "$VOL/live-snapshot.cpio.gz.new" "$VOL/live-snapshot.cpio.gz"
  sync "$VOL"
  SNAPSHOT_BYTES=$(stat -c %s "$VOL/live-snapshot.cpio.gz")
  umount "$ram"
  close "$start"; B=$WRITTEN
}

# design_s [steps]: sets S, the snapshot binding's session: the message written into RAM, then saved; with steps,
# also syncs after each step and sets S_STEPS (as design_a).
design_s() {
  fresh s
  # The configuration as the user would have set it before this session: written, then mounted afresh, so
  # that the session starts as the others do (its first open of a file journals the superblock, as in (a)).
  printf '/home/amnesia/.thunderbird\tsource=thunderbird,snapshot\n' > "$VOL/persistence.conf"
  umount "$VOL"
  mount -o nodev,nosuid,noatime,acl "$LOOP" "$VOL"
  local start t1= t2= t3= t4=; start=$(written)
  "$LP" --root "$ROOT" activate "$VOL" > /dev/null
  [[ -n ${1:-} ]] && t1=$(written)
  new_message "$ROOT/home/amnesia/.thunderbird/Profiles/k3x9q2lw.default-esr/$INBOX"
  [[ ! -e $VOL/$PROFILE/$INBOX/cur/session.eml ]] || { echo "wear: (s) wrote to the volume before the save" >&2; exit 1; }
  [[ -n ${1:-} ]] && t2=$(written)
  "$LP" --root "$ROOT" save --volume "$VOL" > /dev/null
  [[ -n ${1:-} ]] && t3=$(written)
  "$LP" --root "$ROOT" deactivate "$VOL" > /dev/null
  [[ -n ${1:-} ]] && t4=$(written)
  [[ $(stat -c %s "$VOL/$PROFILE/$INBOX/cur/session.eml") == "$NEW" ]] || { echo "wear: (s) the save lost the message" >&2; exit 1; }
  close "$start"; S=$WRITTEN
  if [[ -n ${1:-} ]]; then
    S_STEPS="activate $(( t1 - start )) B, the message (into RAM) $(( t2 - t1 )) B, save $(( t3 - t2 )) B, deactivate $(( t4 - t3 )) B, unmount $(( start + S - t4 )) B; $S B in all"
  fi
  rm -rf "$WORK/s"
}

# read_only setro|ro: sets RO to the bytes written by a read-only session.
read_only() {
  fresh "ro-$1" "$1"; local start; start=$(written)
  "$LP" --root "$ROOT" activate --read-only "$VOL" > /dev/null
  new_message "$ROOT/home/amnesia/.thunderbird/Profiles/k3x9q2lw.default-esr/$INBOX"
  [[ $(stat -c %s "$ROOT/home/amnesia/.thunderbird/Profiles/k3x9q2lw.default-esr/$INBOX/cur/session.eml") == "$NEW" ]] ||
    { echo "wear: read-only session could not write" >&2; exit 1; }
  "$LP" --root "$ROOT" deactivate "$VOL" > /dev/null
  [[ ! -e $VOL/$PROFILE/$INBOX/cur/session.eml ]] || { echo "wear: read-only session wrote to the volume" >&2; exit 1; }
  close "$start"; RO=$WRITTEN
}

control() {
  fresh control; local start; start=$(written)
  cat "$VOL/persistence.conf" > /dev/null   # ext4 records the mount point in its superblock on the first open
  close "$start"; C=$WRITTEN
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.1f", a / b}'; }
row() { # design bytes [overhead]: overhead says to show the bytes written beyond the user's change
  printf '| %s | %s | %s B | %s | %s |\n' "$MAIL_KIND" "$1" "$2" "$(ratio "$2" "$NEW")" "$([[ -n ${3:-} ]] && echo "$(( $2 - NEW )) B" || echo —)"
}

RESULTS=bench/results/wear-$(date -u +%Y-%m-%d).md
mkdir -p bench/results
TABLE=$WORK/table.md
{
  echo
  echo "# Flash wear, $(date -u +%Y-%m-%dT%H:%MZ)"
  echo
  echo "Command: \`sudo bench/wear.sh $MAILS\` (bytes written to the loop device, /sys/block/loopN/stat field 7 × 512 after \`sync\`, from the session's start to after the unmount; ext4 on a 2 GiB loop device, no dm-crypt)."
  echo "Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), kernel $(uname -r), $(. /etc/os-release; echo "$PRETTY_NAME")."
  echo "Volume: $MESSAGES messages of 30 to 70 KiB (one .eml file each, in 10 maildir folders) under \`thunderbird\`, bound to /home/amnesia/.thunderbird; the session adds one message of $NEW bytes, fsync'd."
  echo
  echo "| mail | design | bytes written | × changed | overhead (written − changed) |"
  echo "|---|---|---|---|---|"
} > "$TABLE"
NOTES=()
for MAIL_KIND in "${KINDS[@]}"; do
  echo "wear: $MAIL_KIND mail: making the volume" >&2
  make_base "$MAIL_KIND"
  echo "wear: $MAIL_KIND mail: sessions" >&2
  design_a steps; design_a; design_s steps; design_s; design_b; control
  read_only setro; RO_SETRO=$RO; read_only ro
  {
    row "changed by the user" "$NEW"
    row "(a) live-persist: activate, write, deactivate, unmount" "$A" overhead
    row "(s) live-persist snapshot binding: activate, write into RAM, save, deactivate, unmount" "$S" overhead
    row "(b) live-snapshot: whole tree archived (cpio, gzip), fsync, rename, unmount" "$B" overhead
    row "read-only: setro, mount ro,noload, activate --read-only, write, deactivate, unmount" "$RO_SETRO"
    row "read-only without blockdev --setro" "$RO"
    row "control: mount, read persistence.conf, unmount" "$C"
  } >> "$TABLE"
  NOTES+=("$MAIL_KIND mail: $MAIL_BYTES bytes of mail; the snapshot is $SNAPSHOT_BYTES bytes (gzip: $(ratio "$MAIL_BYTES" "$SNAPSHOT_BYTES")× smaller); (b)/(a) = $(ratio "$B" "$A"); (s) − (a) = $(( S - A )) B, (b)/(s) = $(ratio "$B" "$S"); (a) beyond the control: $(( A - C )) B for the new message, of which $(( (NEW + 4095) / 4096 * 4096 )) B its data blocks and $(( A - C - (NEW + 4095) / 4096 * 4096 )) B the journal and metadata; (a) step by step, with a sync after each (a separate run): $A_STEPS; (s) step by step: $S_STEPS.")
  rm -rf "$WORK/a" "$WORK/s" "$WORK/b" "$WORK/ro-setro" "$WORK/ro" "$WORK/control"
done
{
  echo
  for n in "${NOTES[@]}"; do echo "- $n"; done
  echo "- The control is what any session costs ext4 itself: the first open of a file after mounting journals the superblock (s_last_mounted), unmounting writes it. (a)'s activation step is that first open (of persistence.conf)."
  echo "- (s) writes nothing before the save (the message is in the binding's memory layer). The save writes the message beside its name, fsyncs it, renames it into place and fsyncs the folder: the rename and the folder's fsync are what it writes beyond (a)'s write and fsync."
  echo "- (b) starts from the volume as live-snapshot leaves it (the same mail, as its previous snapshot archive); reading it back into tmpfs writes nothing."
  echo "- Random mail stands for attachments, which are mostly compressed already: gzip barely shrinks it, so (b) writes about the whole 100 MB. Text mail compresses, so (b) writes less, but still the whole mail store for 50 KB of change."
} >> "$TABLE"
cat "$TABLE"
cat "$TABLE" >> "$RESULTS"
echo "results: $RESULTS" >&2
