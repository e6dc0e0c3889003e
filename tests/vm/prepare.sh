#!/usr/bin/env bash
# Prepares the VM test harness on a Debian 12 machine (as root), in one command:
#   1. installs the host packages it needs with apt-get (only those missing);
#   2. downloads Debian's kernel (the package linux-image-amd64 depends on) and busybox-static
#      with `apt-get download`, and unpacks them into the cache (nothing is installed: the host's
#      boot setup is untouched);
#   3. extracts the uncompressed vmlinux (qemu boots it directly, skipping the decompressor, which
#      is slow under software emulation) and builds the initramfs (busybox, tests/vm/guest/init,
#      the modules of tests/vm/guest/modules with their dependencies);
#   4. boots the VM once with tests/vm/selftest.sh to prove the result works.
# When the cache is complete and was built from these scripts and the kernel and busybox versions
# apt offers now, it does nothing but say so (well under a second).
#
# Usage: tests/vm/prepare.sh [--force] [--verify]
#   --force    rebuild the cache even if it is up to date
#   --verify   boot the self-test even if nothing had to be rebuilt
# Cache: artifacts/vm/ of the checkout, or $LIVE_PERSIST_VM_DIR. See tests/vm/README.md.
set -euo pipefail
# shellcheck source=tests/vm/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# Debian packages the harness and the scenarios use on the host (the guest sees the host's root).
HOST_PACKAGES=(
  qemu-system-x86   # the VM
  cryptsetup-bin    # cryptsetup in the guest
  gdisk             # sgdisk: Tails-like stick images on the host, repartitioning in the guest
  fdisk             # sfdisk
  e2fsprogs         # mkfs.ext4, e2fsck
  dosfstools        # mkfs.vfat: the FAT system partition of Tails-like stick images
  acl               # getfacl/setfacl
  kmod              # depmod for the guest's module tree, modprobe in the guest
  xz-utils          # to extract vmlinux from Debian's xz-compressed vmlinuz
)

FORCE=0 VERIFY=0
for arg; do
  case $arg in
    --force) FORCE=1 ;;
    --verify) VERIFY=1 ;;
    -h | --help) sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "$0"; exit 0 ;;
    *) echo "prepare.sh: unknown argument '$arg' (see --help)" >&2; exit 2 ;;
  esac
done

say() { printf 'prepare.sh [%5ss] %s\n' "$(vm_elapsed)" "$*"; }
die() { printf 'prepare.sh: error: %s\n' "$*" >&2; exit 1; }
need_root() { [[ $EUID -eq 0 ]] || die "$1 needs root: run 'sudo $0'"; }

APT_UPDATED=0
apt_update_once() {
  ((APT_UPDATED)) && return 0
  need_root "apt-get update"
  say "apt-get update"
  apt-get update -qq || die "apt-get update failed (is a Debian mirror reachable?)"
  APT_UPDATED=1
}

install_host_packages() {
  local missing
  mapfile -t missing < <(dpkg-query -W -f='${Package} ${db:Status-Status}\n' "${HOST_PACKAGES[@]}" 2>/dev/null |
    awk '$2 == "installed" { print $1 }' | sort | comm -13 - <(printf '%s\n' "${HOST_PACKAGES[@]}" | sort))
  if ((${#missing[@]} == 0)); then
    say "host packages: all present (${HOST_PACKAGES[*]})"
    return
  fi
  need_root "installing ${missing[*]}"
  apt_update_once
  say "installing ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null ||
    die "apt-get install ${missing[*]} failed"
}

# Sets KERNEL_PACKAGE (linux-image-X), KERNEL_RELEASE (X, as uname -r says), KERNEL_VERSION and
# BUSYBOX_VERSION (Debian versions) from apt's lists; returns 1 if the lists do not know them.
resolve_packages() {
  KERNEL_PACKAGE=$(apt-cache depends linux-image-amd64 2>/dev/null | awk '/Depends: linux-image-/ { print $2; exit }')
  [[ -n $KERNEL_PACKAGE ]] || return 1
  KERNEL_RELEASE=${KERNEL_PACKAGE#linux-image-}
  local versions
  versions=$(apt-cache policy "$KERNEL_PACKAGE" busybox-static 2>/dev/null |
    awk '/^[^ ]/ { pkg = $1 } /Candidate:/ { print pkg, $2 }')
  KERNEL_VERSION=$(awk -v p="$KERNEL_PACKAGE:" '$1 == p { print $2 }' <<<"$versions")
  BUSYBOX_VERSION=$(awk '$1 == "busybox-static:" { print $2 }' <<<"$versions")
  [[ -n $KERNEL_VERSION && $KERNEL_VERSION != "(none)" && -n $BUSYBOX_VERSION && $BUSYBOX_VERSION != "(none)" ]]
}

cache_key() {
  printf 'inputs=%s\npackages=%s=%s busybox-static=%s\nrelease=%s\n' \
    "$(vm_inputs_hash)" "$KERNEL_PACKAGE" "$KERNEL_VERSION" "$BUSYBOX_VERSION" "$KERNEL_RELEASE"
}

# Changes whenever apt-get update brings new lists, and only then.
apt_lists_signature() {
  stat -c '%Y %s %n' /var/lib/apt/lists/*Packages* 2>/dev/null | sha256sum | cut -c1-16
}

stamp_value() {
  sed -n "s/^$1=//p" "$VM_DIR/stamp" 2>/dev/null
}

write_stamp() {
  printf '%s\nlists=%s\n' "$KEY" "$(apt_lists_signature)" >"$VM_DIR/stamp.new"
  mv "$VM_DIR/stamp.new" "$VM_DIR/stamp"
}

up_to_date() {
  say "up to date: $(stamp_value packages)"
  if ((VERIFY)); then
    verify_boot || die "the VM self-test failed with status $? (console above)"
  fi
  exit 0
}

cache_complete() {
  [[ -f $VM_DIR/stamp && -f $VM_DIR/initramfs.cpio && -d $VM_DIR/kernel/lib/modules ]] &&
    [[ -f $VM_DIR/vmlinux || -f $VM_DIR/vmlinuz ]]
}

# apt-get download names files PACKAGE_VERSION_ARCH.deb, with the epoch's ':' as '%3a'.
deb_file() { printf '%s/debs/%s_%s_amd64.deb' "$VM_DIR" "$1" "${2//:/%3a}"; }

download_packages() {
  mkdir -p "$VM_DIR/debs"
  KERNEL_DEB=$(deb_file "$KERNEL_PACKAGE" "$KERNEL_VERSION")
  BUSYBOX_DEB=$(deb_file busybox-static "$BUSYBOX_VERSION")
  # Keep only the versions wanted now; a file already there is not downloaded again.
  find "$VM_DIR/debs" -name '*.deb' ! -path "$KERNEL_DEB" ! -path "$BUSYBOX_DEB" -delete
  local want=()
  [[ -f $KERNEL_DEB ]] || want+=("$KERNEL_PACKAGE=$KERNEL_VERSION")
  [[ -f $BUSYBOX_DEB ]] || want+=("busybox-static=$BUSYBOX_VERSION")
  ((${#want[@]})) || { say "packages already downloaded"; return 0; }
  say "downloading ${want[*]}"
  # The sandbox option silences apt's "download is performed unsandboxed as root" warning.
  if ! (cd "$VM_DIR/debs" && apt-get download -qq -o APT::Sandbox::User=root "${want[@]}"); then
    ((APT_UPDATED)) && die "apt-get download ${want[*]} failed"
    apt_update_once # the lists may name versions the mirror no longer has
    resolve_packages || die "apt does not know linux-image-amd64 or busybox-static"
    KEY=$(cache_key)
    download_packages
    return
  fi
  [[ -f $KERNEL_DEB && -f $BUSYBOX_DEB ]] || die "apt-get download did not leave $KERNEL_DEB and $BUSYBOX_DEB"
}

unpack_kernel() {
  local unpacked="$KERNEL_PACKAGE=$KERNEL_VERSION busybox-static=$BUSYBOX_VERSION"
  if [[ -f $VM_DIR/kernel/.unpacked && $(<"$VM_DIR/kernel/.unpacked") == "$unpacked" && -x $VM_DIR/busybox/bin/busybox ]]; then
    say "packages already unpacked"
    return 0
  fi
  say "unpacking $(basename "$KERNEL_DEB")"
  rm -rf "$VM_DIR/kernel" "$VM_DIR/kernel.new" "$VM_DIR/busybox"
  dpkg-deb -x "$KERNEL_DEB" "$VM_DIR/kernel.new"
  [[ -d $VM_DIR/kernel.new/lib/modules/$KERNEL_RELEASE ]] || die "$KERNEL_DEB has no lib/modules/$KERNEL_RELEASE"
  # The package ships no module index (the postinst makes it): make one, so that busybox's and
  # kmod's modprobe both work in the guest.
  say "indexing the modules of $KERNEL_RELEASE (depmod)"
  depmod -b "$VM_DIR/kernel.new" "$KERNEL_RELEASE"
  dpkg-deb -x "$BUSYBOX_DEB" "$VM_DIR/busybox"
  "$VM_DIR/busybox/bin/busybox" true || die "the busybox from $BUSYBOX_DEB does not run"
  printf '%s\n' "$unpacked" >"$VM_DIR/kernel.new/.unpacked"
  mv "$VM_DIR/kernel.new" "$VM_DIR/kernel"
}

# Debian's vmlinuz is a bzImage around an xz-compressed ELF vmlinux. That ELF carries a PVH entry
# note, so qemu can boot it directly; under software emulation that saves the ~2.5 s the
# decompressor takes. If it cannot be extracted, run.sh boots vmlinuz.
extract_vmlinux() {
  local vmlinuz=$VM_DIR/kernel/boot/vmlinuz-$KERNEL_RELEASE offset
  cp "$vmlinuz" "$VM_DIR/vmlinuz.new"
  rm -f "$VM_DIR/vmlinux" "$VM_DIR/vmlinux.new"
  for offset in $(LC_ALL=C grep -obUaP '\xfd7zXZ\x00' "$vmlinuz" | cut -d: -f1); do
    # xz stops at the end of its stream; tail may then die of SIGPIPE, which is expected.
    tail -c +$((offset + 1)) "$vmlinuz" | xz -dcq --single-stream >"$VM_DIR/vmlinux.new" 2>/dev/null || true
    if [[ $(head -c4 "$VM_DIR/vmlinux.new") == $'\x7fELF' ]]; then
      mv "$VM_DIR/vmlinux.new" "$VM_DIR/vmlinux"
      break
    fi
  done
  rm -f "$VM_DIR/vmlinux.new"
  mv "$VM_DIR/vmlinuz.new" "$VM_DIR/vmlinuz"
  if [[ -f $VM_DIR/vmlinux ]]; then
    say "extracted vmlinux ($(du -h "$VM_DIR/vmlinux" | cut -f1)) from vmlinuz"
  else
    say "note: no ELF vmlinux inside vmlinuz; the VM will boot vmlinuz (slower)"
  fi
}

# Copies the modules the guest preloads, with their dependencies, into the initramfs staging
# directory $1 (lib/modules/RELEASE/, with a modules.dep of just those), writes their parameters
# to etc/modprobe.d/vm.conf and their names to etc/vm/modules; fails on a name the kernel lacks.
stage_modules() {
  local staging=$1 moddir=$VM_DIR/kernel/lib/modules/$KERNEL_RELEASE
  local -A line_of=() deps_of=() builtin=() visited=()
  local -a wanted=() closure=()
  local path name module params line
  while IFS= read -r line; do
    path=${line%%:*}
    name=${path##*/}
    name=${name%.ko}
    name=${name//-/_}
    line_of[$name]=$line
    deps_of[$name]=${line#*:}
  done <"$moddir/modules.dep"
  while read -r path; do
    name=${path##*/}
    name=${name%.ko}
    builtin[${name//-/_}]=1
  done <"$moddir/modules.builtin"
  mkdir -p "$staging/etc/vm" "$staging/etc/modprobe.d"
  while read -r module params; do
    [[ -z $module || $module == \#* ]] && continue
    module=${module//-/_}
    [[ -n ${line_of[$module]:-} || -n ${builtin[$module]:-} ]] ||
      die "tests/vm/guest/modules names '$module', which kernel $KERNEL_RELEASE does not have"
    [[ -n ${builtin[$module]:-} ]] && continue
    wanted+=("$module")
    [[ -z $params ]] || printf 'options %s %s\n' "$module" "$params" >>"$staging/etc/modprobe.d/vm.conf"
  done <"$VM_SCRIPTS/guest/modules"
  printf '%s\n' "${wanted[@]}" >"$staging/etc/vm/modules"
  add_with_deps() {
    local dep
    [[ -n ${visited[$1]:-} || -n ${builtin[$1]:-} ]] && return 0
    visited[$1]=1
    for dep in ${deps_of[$1]}; do
      dep=${dep##*/}
      dep=${dep%.ko}
      add_with_deps "${dep//-/_}"
    done
    closure+=("$1")
  }
  for module in "${wanted[@]}"; do add_with_deps "$module"; done
  local target=$staging/lib/modules/$KERNEL_RELEASE
  mkdir -p "$target"
  for module in "${closure[@]}"; do
    path=${line_of[$module]%%:*}
    mkdir -p "$target/${path%/*}"
    cp "$moddir/$path" "$target/$path"
    printf '%s\n' "${line_of[$module]}"
  done >"$target/modules.dep"
  STAGED_MODULES=${#closure[@]}
}

build_initramfs() {
  local staging=$VM_DIR/initramfs.d bb=$VM_DIR/busybox/bin/busybox
  rm -rf "$staging"
  mkdir -p "$staging"/{bin,sbin,etc,proc,sys,dev,lib/modules}
  cp "$bb" "$staging/bin/busybox"
  local applet
  for applet in $("$bb" --list); do
    [[ $applet == busybox ]] || ln -s busybox "$staging/bin/$applet"
  done
  ln -s ../bin/busybox "$staging/sbin/modprobe" # the kernel's module autoloader runs /sbin/modprobe
  stage_modules "$staging"
  install -m 0755 "$VM_SCRIPTS/guest/init" "$staging/init"
  [[ $EUID -eq 0 ]] && mknod -m 0600 "$staging/dev/console" c 5 1
  # Uncompressed: the kernel unpacks it faster than it could decompress it under emulation.
  (cd "$staging" && find . | LC_ALL=C sort | "$bb" cpio -o -H newc 2>/dev/null) >"$VM_DIR/initramfs.cpio.new"
  mv "$VM_DIR/initramfs.cpio.new" "$VM_DIR/initramfs.cpio"
  rm -rf "$staging"
  say "built initramfs.cpio ($(du -h "$VM_DIR/initramfs.cpio" | cut -f1), $STAGED_MODULES modules)"
}

# Boots the VM with a small stick and a small fixed disk and runs selftest.sh there.
verify_boot() {
  local scratch status
  scratch=$(mktemp -d "$VM_DIR/selftest.XXXXXX")
  truncate -s 64M "$scratch/stick.img"
  truncate -s 16M "$scratch/fixed.img"
  say "booting the VM once to check it (tests/vm/selftest.sh; console follows)"
  status=0
  VM_PREPARING=1 "$VM_SCRIPTS/run.sh" --timeout 300 -s "$scratch/stick.img" -f "$scratch/fixed.img" \
    "$VM_SCRIPTS/selftest.sh" || status=$?
  rm -rf "$scratch"
  return "$status"
}

mkdir -p "$VM_DIR"
exec 9>>"$VM_DIR/.lock"
if ! flock -n 9; then
  say "waiting for another prepare.sh or run.sh using $VM_DIR"
  flock 9
fi
say "cache: $VM_DIR"

install_host_packages

# apt-cache takes seconds here: ask it only when apt's lists changed since the cache was built.
if [[ $FORCE == 0 ]] && cache_complete && [[ $(stamp_value inputs) == "$(vm_inputs_hash)" &&
  $(stamp_value lists) == "$(apt_lists_signature)" ]]; then
  up_to_date
fi

if ! resolve_packages; then
  if [[ $FORCE == 0 ]] && cache_complete && [[ $(stamp_value inputs) == "$(vm_inputs_hash)" ]]; then
    say "note: apt's lists do not name the kernel (no 'apt-get update' yet?); keeping the cached one"
    up_to_date
  fi
  apt_update_once
  resolve_packages || die "apt does not know linux-image-amd64 or busybox-static (check /etc/apt/sources.list)"
fi
KEY=$(cache_key)
if [[ $FORCE == 0 ]] && cache_complete && [[ $(grep -v '^lists=' "$VM_DIR/stamp") == "$KEY" ]]; then
  write_stamp # same versions as before the lists changed
  up_to_date
fi

need_root "building the VM cache"
rm -f "$VM_DIR/stamp"
download_packages
unpack_kernel
extract_vmlinux
build_initramfs
status=0
verify_boot || status=$?
if ((status == VM_STATUS_GUEST_DIED)) && [[ -f $VM_DIR/vmlinux ]]; then
  say "the VM did not come up with vmlinux; retrying with vmlinuz"
  rm -f "$VM_DIR/vmlinux"
  status=0
  verify_boot || status=$?
fi
((status == 0)) || die "the VM self-test failed with status $status (console above; tests/vm/run.sh --help explains statuses)"
write_stamp
say "ready: $KERNEL_PACKAGE $KERNEL_VERSION, busybox-static $BUSYBOX_VERSION"
