#!/bin/bash
# In the test VM (bench/overhead.sh boots it): create and unlock with live-persist, and the same steps
# by hand (sgdisk, cryptsetup, mkfs.ext4, mount), on the same stick with the same KDF parameters,
# alternately, RUNS times each. Prints "KIND SECONDS" lines; the host turns them into medians.
set -euo pipefail
runs=${1:?usage: overhead-guest.sh RUNS}
stick=${VM_STICKS%% *}
lp=$VM_REPO/artifacts/bin/live-persist
kdf=(--pbkdf pbkdf2 --pbkdf-iterations 1000)
type=8DA63339-0007-60C0-C436-083AC8230908
printf 'a benchmark passphrase\n' >pass
mkdir -p /home/amnesia && chown 1000:1000 /home/amnesia
since() { local now=${EPOCHREALTIME/./} then=${1/./}; printf '%d.%03d' $(((now - then) / 1000000)) $(((now - then) % 1000000 / 1000)); }

by_hand_mounts() { # the volume mounted, its default features bound
  mkdir -p /live/persistence/TailsData_unlocked
  mount -o nodev,nosuid,noatime,acl /dev/mapper/TailsData_unlocked /live/persistence/TailsData_unlocked
  for pair in Persistent:/home/amnesia/Persistent apt/cache:/var/cache/apt/archives apt/lists:/var/lib/apt/lists; do
    mkdir -p "${pair#*:}"
    mount --bind "/live/persistence/TailsData_unlocked/${pair%%:*}" "${pair#*:}"
  done
}

by_hand_unmounts() {
  umount /var/lib/apt/lists /var/cache/apt/archives /home/amnesia/Persistent /live/persistence/TailsData_unlocked
  cryptsetup close TailsData_unlocked
}

for _ in $(seq 1 "$runs"); do
  start=$EPOCHREALTIME
  "$lp" create --device "$stick" "${kdf[@]}" <pass >/dev/null
  echo "create.ours $(since "$start")"
  "$lp" lock --device "$stick" >/dev/null
  start=$EPOCHREALTIME
  "$lp" unlock --device "$stick" <pass >/dev/null
  echo "unlock.ours $(since "$start")"
  "$lp" lock --device "$stick" >/dev/null
  "$lp" delete --device "$stick" >/dev/null

  start=$EPOCHREALTIME
  sgdisk --new=2:0:0 --typecode="2:$type" --change-name=2:TailsData "$stick" >/dev/null
  partx --update "$stick" 2>/dev/null || true
  while [[ ! -b ${stick}2 ]]; do sleep 0.01; done
  cryptsetup luksFormat --batch-mode --type luks2 "${kdf[@]/--pbkdf-iterations/--pbkdf-force-iterations}" --key-file=- "${stick}2" <pass
  cryptsetup open --key-file=- "${stick}2" TailsData_unlocked <pass
  mkfs.ext4 -q -L TailsData /dev/mapper/TailsData_unlocked
  mkdir -p /live/persistence/TailsData_unlocked
  mount -o nodev,nosuid,noatime,acl /dev/mapper/TailsData_unlocked /live/persistence/TailsData_unlocked
  chmod 0770 /live/persistence/TailsData_unlocked
  setfacl -m u:1000:x /live/persistence/TailsData_unlocked
  mkdir -p /live/persistence/TailsData_unlocked/{Persistent,apt/cache,apt/lists}
  printf '/home/amnesia/Persistent\tsource=Persistent\n/var/cache/apt/archives\tsource=apt/cache\n/var/lib/apt/lists\tsource=apt/lists\n' >/live/persistence/TailsData_unlocked/persistence.conf
  umount /live/persistence/TailsData_unlocked
  by_hand_mounts
  echo "create.by_hand $(since "$start")"
  by_hand_unmounts
  start=$EPOCHREALTIME
  cryptsetup open --key-file=- "${stick}2" TailsData_unlocked <pass
  e2fsck -p /dev/mapper/TailsData_unlocked >/dev/null
  by_hand_mounts
  echo "unlock.by_hand $(since "$start")"
  by_hand_unmounts
  sgdisk --delete=2 "$stick" >/dev/null
  partx --delete --nr 2 "$stick" 2>/dev/null || true
done
