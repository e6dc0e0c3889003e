#!/usr/bin/env bash
# live-persist build entry point.
#   ./build.sh            install missing prerequisites, build every executable into artifacts/bin/
#   ./build.sh test       the above, then every test suite (unit, contract, root integration, VM system)
#   ./build.sh test unit  only the suites that need neither root nor a VM
#   ./build.sh demo       the whole lifecycle on a simulated USB stick, narrated
#   ./build.sh bench      the benchmarks (results under bench/results/; run it on a quiet machine)
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$PWD
BIN=$ROOT/artifacts/bin
CONFIG=${CONFIG:-Release}

say() { printf '\n==> %s\n' "$*" >&2; }
die() { printf 'build.sh: %s\n' "$*" >&2; exit 1; }

# Debian packages the tool and its tests use. Installed only when missing (apt-get needs root).
APT_PACKAGES=(
  libcryptsetup12 libblkid1 libfdisk1 libacl1   # libraries we P/Invoke
  cryptsetup-bin                                  # luksDump/luksFormat to verify our volumes in tests
  e2fsprogs                                       # mkfs.ext4, e2fsck, debugfs
  acl                                             # getfacl/setfacl, to check ACLs from outside
  gdisk                                           # sgdisk, to verify partition tables in tests
  fdisk util-linux                                # sfdisk, losetup, partx
  rsync attr                                      # backup (and setfattr in its tests)
  python3                                         # socket fixtures and renameat2 races in the hostile tests
  psmisc                                          # fuser, to cross-check busy detection in tests
  curl                                            # the service tests talk to live-persistd's socket as other uids (setpriv + curl)
  time cpio                                       # the benchmarks: peak memory (GNU time), the old snapshot design (cpio)
  socat                                           # the system tests' relay to a service on the VM guest's loopback
  chromium                                        # the system tests' browser (Playwright drives it; it never downloads one)
  curl jq                                         # the system tests call the service's API over its Unix socket, as each user
  debootstrap                                     # the additional software tests install packages into a minimal Debian root
  apt-utils                                       # ... from a local repository of packages built with dpkg-deb (apt-ftparchive indexes it)
  gcc libc6-dev libfdisk-dev libblkid-dev libcryptsetup-dev  # contract tests compile C against the real headers
  # gcc and libc6-dev (with binutils' ld and objcopy) also link the NativeAOT executable: the ILCompiler drives the
  # link with clang when present and falls back to gcc, and ships its own zlib (libz.a), so neither clang nor
  # zlib1g-dev (the documented prerequisites) is needed.
)

install_prerequisites() {
  command -v dotnet >/dev/null || die "the .NET 10 SDK is missing: install dotnet-sdk-10.0 and retry"
  local missing=()
  for p in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  if ((${#missing[@]})); then
    [[ $EUID -eq 0 ]] || die "missing Debian packages (${missing[*]}); run as root or install them: apt-get install ${missing[*]}"
    say "installing ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
}

build() {
  install_prerequisites
  say "restoring and building ($CONFIG)"
  dotnet restore LivePersist.slnx --nologo -v quiet
  dotnet build LivePersist.slnx --no-restore --nologo -v quiet -c "$CONFIG" -clp:ErrorsOnly
  # NativeAOT (PublishAot in live-persist.csproj and live-persistd.csproj): self-contained executables, no runtime to
  # load at start-up. Emptied first, so that nothing of an older framework-dependent build (live-persist.dll, ...)
  # lingers beside them.
  say "publishing native (NativeAOT) executables into artifacts/bin"
  rm -rf "$BIN"
  mkdir -p "$BIN"
  dotnet publish src/live-persist/live-persist.csproj --nologo -v quiet -c Release -r linux-x64 -o "$BIN" -clp:ErrorsOnly
  dotnet publish src/live-persistd/live-persistd.csproj --nologo -v quiet -c Release -r linux-x64 -o "$BIN" -clp:ErrorsOnly
}

run_tests() {
  local scope=${1:-all}
  if [[ $scope == all && $EUID -ne 0 ]]; then
    die "the integration and VM suites need root (loop devices, mount(2)): run 'sudo ./build.sh test', or './build.sh test unit' for the rest"
  fi
  build
  local projects=(tests/LivePersist.Core.Tests tests/LivePersist.Linux.Tests)
  if [[ $scope == all ]]; then
    projects+=(tests/LivePersist.IntegrationTests)
    say "preparing the test VM (tests/vm/prepare.sh)"
    tests/vm/prepare.sh || die "the test VM could not be prepared (see above)"
    projects+=(tests/LivePersist.SystemTests)
  fi
  # The root integration suite runs the published NativeAOT executables, the ones the VM and users run.
  export LIVE_PERSIST_EXECUTABLE=$BIN/live-persist
  export LIVE_PERSISTD_EXECUTABLE=$BIN/live-persistd
  local failed=0
  for p in "${projects[@]}"; do
    say "testing $(basename "$p")"
    dotnet test --project "$p" --no-build -c "$CONFIG" || failed=1
  done
  ((failed == 0)) || die "some tests failed (see above)"
  say "all test suites passed"
}

case ${1:-build} in
  build) build ;;
  test) run_tests "${2:-all}" ;;
  demo) build; exec "$ROOT/demo/run-demo.sh" ;;
  bench) build; "$ROOT/bench/activation.sh"; "$ROOT/bench/wear.sh"; "$ROOT/bench/overhead.sh"; exec "$ROOT/bench/memory.sh" ;;
  *) die "unknown command '$1' (build, test [unit], demo, bench)" ;;
esac
