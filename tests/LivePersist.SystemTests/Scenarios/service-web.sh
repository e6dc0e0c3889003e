#!/bin/bash
# The web UI's journey (WebUiTests), booted with run.sh --forward PORT: a Persistent Storage made
# and locked with the CLI, the Welcome Screen's user (Debian-gdm, made here), then live-persistd
# with its web UI on the guest's 127.0.0.1:PORT only, exposed to the host's browser by the relay;
# then the host's commands (launching the app as a user, looking at mounts) until it says stop.
# Arguments: PORT. Ready facts: port.
source "$VM_REPO/tests/LivePersist.SystemTests/Scenarios/lib.sh"

port=$1
read -r stick _ <<<"$VM_STICKS"
mount_live_medium "$stick"
make_amnesia_home
useradd --system --uid 116 --no-create-home --shell /usr/sbin/nologin Debian-gdm
mkdir -p /var/lib/gdm3/settings
passphrase_lines create.stdin "$(<passphrase)"
lp_must_with_input create create.stdin create "${LP_TEST_KDF[@]}"
lp_must lock lock

"$VM_REPO/artifacts/bin/live-persistd" --web-port "$port" "${LP_TEST_KDF[@]}" >live-persistd.log 2>&1 </dev/null &
wait_for_listener 127.0.0.1 "$port" 60
expose_loopback_port "$port"
serve_host_commands "port=$port"
