#!/bin/bash
# Volumes live-persist did not make, in one boot. Stick 1 (the boot stick, its FAT system partition
# mounted as the live medium) gets a Persistent Storage made exactly as Tails 6 makes it; the fixed
# disk gets another one, same passphrase; stick 2 a LUKS1 one as Tails 5.12 and older made them.
#   - list names stick 1's only; unlock --device on the fixed disk is refused;
#   - unlock (no --device) activates Tails' volume: every folder, a path with a space, dotfiles;
#   - lock, then delete: the partition is gone, the header wiped, the passphrase useless;
#   - upgrade stick 2 to LUKS2/argon2id: it unlocks and its files are all there.
# Facts: see the fact lines; files: manifest-*, list.out, *.err.
source "$VM_REPO/tests/LivePersist.SystemTests/Scenarios/lib.sh"

read -r stick old_stick <<<"$VM_STICKS"
fixed=${VM_FIXED%% *}
mount_live_medium "$stick"
make_amnesia_home
printf '%s' "$(<passphrase)" >key
passphrase_lines unlock.stdin "$(<passphrase)"

tails_conf_lines=(
  "'/home/amnesia/My Documents'	source=my-documents"
  "/home/amnesia	source=dotfiles,link"
  "/home/amnesia/.gnupg	source=gnupg"
  "/home/amnesia/Persistent	source=Persistent"
  "/var/cache/apt/archives	source=apt/cache"
  "/var/lib/apt/lists	source=apt/lists"
)

# The boot stick's volume, as tps makes it (argon2id with 32 MiB instead of Tails' RAM-based memory).
make_tails_volume "$stick" key luks2 --pbkdf=argon2id --pbkdf-memory=32768 --pbkdf-force-iterations=4
user_tree /mnt/tails-made/Persistent Letters/letter.odt notes.txt
user_tree /mnt/tails-made/gnupg pubring.kbx private-keys-v1.d/ABCDEF.key
user_tree "/mnt/tails-made/my-documents" "report 2024.txt"
user_tree /mnt/tails-made/dotfiles .bash_aliases .config/demo/settings.ini
install -d -m 0755 /mnt/tails-made/apt /mnt/tails-made/apt/cache /mnt/tails-made/apt/lists
echo 'a cached package' >/mnt/tails-made/apt/cache/demo_1.0_all.deb
echo 'an APT list' >/mnt/tails-made/apt/lists/deb.debian.org_debian_dists_bookworm_InRelease
write_tails_config /mnt/tails-made persistence.conf "${tails_conf_lines[@]}"
printf 'sl' >/mnt/tails-made/live-additional-software.conf
chown "$TAILS_CONFIG_UID:$TAILS_CONFIG_GID" /mnt/tails-made/live-additional-software.conf
chmod 0644 /mnt/tails-made/live-additional-software.conf
for source in Persistent gnupg my-documents dotfiles apt/cache apt/lists; do
  manifest_relative "/mnt/tails-made/$source" >"manifest-source-${source//\//-}"
done
cp /mnt/tails-made/persistence.conf tails-persistence.conf
close_tails_volume

# The fixed disk's volume: the same, with a file that must never show up.
make_tails_volume "$fixed" key luks2 --pbkdf=argon2id --pbkdf-memory=32768 --pbkdf-force-iterations=4
user_tree /mnt/tails-made/Persistent from-the-fixed-disk.txt
write_tails_config /mnt/tails-made persistence.conf "/home/amnesia/Persistent	source=Persistent"
close_tails_volume
fact fixed.partition "$(partition_by_name "$fixed" TailsData)"
fact fixed.is_luks "$(cryptsetup isLuks "$(partition_by_name "$fixed" TailsData)" && echo yes || echo no)"

# Stick 2: LUKS1 as udisks made it for Tails 5.12 and older (pbkdf2; fewer iterations here).
make_tails_volume "$old_stick" key luks1 --pbkdf-force-iterations=1000
user_tree /mnt/tails-made/Persistent old-letter.odt Archive/2019.txt
write_tails_config /mnt/tails-made persistence.conf "/home/amnesia/Persistent	source=Persistent"
manifest_relative /mnt/tails-made/Persistent >manifest-luks1-before
close_tails_volume

# The fixed disk is neither listed nor used.
lp list list
lp_with_input unlock_fixed unlock.stdin unlock --device "$fixed"
fact unlock_fixed.mapped "$(is_mapped)"

# Tails' volume unlocks and activates.
fact stick.partition "$(partition_by_name "$stick" TailsData)"
lp_must_with_input unlock unlock.stdin unlock
fact unlock.backing "$(cryptsetup status "$TAILSDATA_MAPPING" | awk '$1 == "device:" { print $2 }')"
for destination in "$AMNESIA_HOME/Persistent" "$AMNESIA_HOME/.gnupg" "$AMNESIA_HOME/My Documents" /var/cache/apt/archives /var/lib/apt/lists; do
  fact "mount.$destination" "$(mount_source "$destination")"
done
manifest_relative "$AMNESIA_HOME/Persistent" >manifest-destination-Persistent
manifest_relative "$AMNESIA_HOME/.gnupg" >manifest-destination-gnupg
manifest_relative "$AMNESIA_HOME/My Documents" >manifest-destination-my-documents
manifest_relative /var/cache/apt/archives >manifest-destination-apt-cache
manifest_relative /var/lib/apt/lists >manifest-destination-apt-lists
fact link.bash_aliases "$(readlink "$AMNESIA_HOME/.bash_aliases" || echo none)"
fact link.settings "$(readlink "$AMNESIA_HOME/.config/demo/settings.ini" || echo none)"
fact fixed_file.visible "$([[ -e $AMNESIA_HOME/Persistent/from-the-fixed-disk.txt ]] && echo yes || echo no)"
cmp -s "$LP_VOLUME/persistence.conf" tails-persistence.conf && fact conf.unchanged yes || fact conf.unchanged no
fact conf.owner "$(stat -c '%u:%g %a' "$LP_VOLUME/persistence.conf")"
fact root.mode "$(stat -c '%u:%g %a' "$LP_VOLUME")"
fact root.acl "$(getfacl --omit-header --skip-base --numeric "$LP_VOLUME" 2>/dev/null | grep -v '^$' | tr '\n' ' ')"
lp_must lock lock

# Delete it: the partition goes, and its old sectors hold no LUKS header any more.
partition=$(partition_by_name "$stick" TailsData)
read -r start size <<<"$(partition_range "$partition")"
fact delete.range "$start $size"
lp_must delete delete
fact delete.partition_left "$([[ -e /sys/class/block/${partition#/dev/} ]] && echo yes || echo no)"
fact delete.partitions "$(sgdisk -p "$stick" | awk '/^ +[0-9]+ / { n++ } END { print n + 0 }')"
loop=$(losetup --find --show --read-only --offset "$start" --sizelimit "$size" "$stick")
fact delete.is_luks "$(cryptsetup isLuks "$loop" && echo yes || echo no)"
fact delete.opens "$(cryptsetup open --test-passphrase --key-file=- "$loop" <key >/dev/null 2>&1 && echo yes || echo no)"
losetup --detach "$loop"

# Upgrade stick 2 (LUKS1), then unlock it. As on Tails, the header backup goes to the live medium
# (mounted read-only: made writable for the moment) and the next unlock removes it.
medium_mode() { findmnt -n -o OPTIONS --mountpoint "$LIVE_MEDIUM" | cut -d, -f1; }
lp_with_input upgrade unlock.stdin upgrade --device "$old_stick" --pbkdf argon2id --pbkdf-memory 32768 --pbkdf-iterations 4
fact upgrade.backup "$([[ -f $LIVE_MEDIUM/luks-header-backup ]] && echo present || echo absent)"
fact upgrade.medium "$(medium_mode)"
old_partition=$(partition_by_name "$old_stick" TailsData)
fact upgraded.version "$(cryptsetup luksDump "$old_partition" | awk '$1 == "Version:" { print $2 }')"
fact upgraded.pbkdf "$(cryptsetup luksDump "$old_partition" | awk '$1 == "PBKDF:" { print $2 }' | sort -u | tr '\n' ' ')"
lp_must_with_input unlock_upgraded unlock.stdin unlock --device "$old_stick"
fact unlock_upgraded.backup "$([[ -f $LIVE_MEDIUM/luks-header-backup ]] && echo present || echo absent)"
fact unlock_upgraded.medium "$(medium_mode)"
manifest_relative "$AMNESIA_HOME/Persistent" >manifest-luks1-after
lp_must lock_upgraded lock --device "$old_stick"
