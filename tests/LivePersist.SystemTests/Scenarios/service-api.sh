#!/bin/bash
# The service's JSON API over its real Unix socket, called as the users that call it on a live
# system (ServiceApiTests): root, the Welcome Screen's user (Debian-gdm, made here), the desktop user
# (amnesia, uid 1000) and anyone else (nobody). The first stick has only its Tails partition; the
# second is the backup target. Every operation, every refusal by uid, a second job while one runs,
# the wait for an application that holds a feature's files.
# live-persistd runs with the test KDF (LP_TEST_KDF). Facts: NAME.status (HTTP status) for each call, with its
# body in NAME.json, and NAME.state for each job (its final form in NAME.job.json); mount.*, handoff.*.
source "$VM_REPO/tests/LivePersist.SystemTests/Scenarios/lib.sh"

readonly SOCKET=/run/live-persist/live-persistd.sock
readonly GREETER_UID=116

read -r stick backup_stick <<<"$VM_STICKS"
mount_live_medium "$stick"
make_amnesia_home
useradd --system --uid "$GREETER_UID" --no-create-home --shell /usr/sbin/nologin Debian-gdm
mkdir -p /var/lib/gdm3/settings

# as_uid UID COMMAND...: runs COMMAND as UID (its own group, no others), root as itself.
as_uid() {
  local uid=$1
  shift
  if [[ $uid == 0 ]]; then "$@"; else setpriv --reuid="$uid" --regid="$uid" --clear-groups -- "$@"; fi
}

# api NAME UID METHOD PATH [BODY-FILE]: one call over the socket as UID; the body is fed on stdin
# (a passphrase never appears in a command line). Reports NAME.status, keeps the answer in NAME.json.
api() {
  local name=$1 uid=$2 method=$3 path=$4 body=${5:-/dev/null} out
  out=$(as_uid "$uid" curl -sS --max-time 150 --unix-socket "$SOCKET" -X "$method" -H 'Content-Type: application/json' \
    --data-binary @- -w '\n%{http_code}' "http://localhost$path" <"$body")
  printf '%s' "${out%$'\n'*}" >"$name.json"
  fact "$name.status" "${out##*$'\n'}"
}

# job NAME UID METHOD PATH [BODY-FILE]: starts a job and waits for its end; reports NAME.state.
job() {
  local name=$1 uid=$2
  api "$@"
  local id
  id=$(jq -r '.id // empty' "$name.json")
  if [[ -z $id ]]; then
    fact "$name.state" "not started"
    return
  fi
  wait_job "$name" "$uid" "$id"
}

# wait_job NAME UID ID: waits for job ID to end (long-polls each change, for at most 5 minutes);
# reports NAME.state, keeps NAME.job.json.
wait_job() {
  local name=$1 uid=$2 id=$3 state=running revision=0 deadline=$((SECONDS + 300))
  while ((SECONDS < deadline)); do
    api "$name.wait" "$uid" GET "/v1/jobs/$id?wait=30&after=$revision" >/dev/null
    state=$(jq -r .state "$name.wait.json")
    revision=$(jq -r .revision "$name.wait.json")
    [[ $state == running || $state == waiting ]] || break
  done
  cp "$name.wait.json" "$name.job.json"
  fact "$name.state" "$state"
}

# body FILE JSON-TEMPLATE: a request body with the passphrases of ./passphrase and ./new-passphrase.
body() {
  jq -n --rawfile p passphrase --rawfile n new-passphrase "$2" >"$1"
}

body unlock.body '{passphrase: $p, readOnly: false}'
body wrong.body '{passphrase: ($p + "x"), readOnly: false}'
body change-wrong.body '{passphrase: ($p + "x"), newPassphrase: $n}'
body change.body '{passphrase: $p, newPassphrase: $n}'
body relock.body '{passphrase: $n}'
printf '{"destination": "/home/amnesia/Music"}' >music.body
printf '{"device": "%s", "passphrase": %s}' "$backup_stick" "$(jq -Rs . passphrase)" >backup.body

# The service, as its systemd unit starts it, with the web UI on a fixed port.
"$VM_REPO/artifacts/bin/live-persistd" --web-port 8730 "${LP_TEST_KDF[@]}" >live-persistd.log 2>&1 &
for _ in $(seq 1 100); do [[ -S $SOCKET ]] && break; nap 0.1; done
fact socket.mode "$(stat -c %a "$SOCKET")"

# Who may read the state.
api status-root 0 GET /v1/status
api status-desktop 1000 GET /v1/status
api status-greeter "$GREETER_UID" GET /v1/status
api status-nobody 65534 GET /v1/status

# Create: not the greeter's to do; the desktop's. A second job while it runs is refused.
api create-greeter "$GREETER_UID" POST /v1/create unlock.body
api create 1000 POST /v1/create unlock.body
api during-create 1000 POST /v1/create unlock.body
wait_job create 1000 "$(jq -r .id create.json)"
fact mount.persistent "$(mount_source "$AMNESIA_HOME/Persistent")"
fact handoff.created "$(head -n 1 /var/lib/gdm3/settings/tails.persistence)"
api features 1000 GET /v1/features

# Features at once, and the greeter may not touch them.
api enable-greeter "$GREETER_UID" POST /v1/features/GnuPG/enable
job enable 1000 POST /v1/features/GnuPG/enable
fact mount.gnupg.enabled "$(mount_source "$AMNESIA_HOME/.gnupg")"

# An application with its working directory in ~/.gnupg holds the feature: disabling waits for it,
# names it, and cancelling leaves the feature on; once it has quit, disabling goes through.
as_amnesia bash -c 'cd ~/.gnupg && exec sleep 600' &
for _ in $(seq 1 50); do holder=$(pgrep -u 1000 -x sleep) && break; nap 0.1; done
api disable-held 1000 POST /v1/features/GnuPG/disable
id=$(jq -r .id disable-held.json)
for _ in $(seq 1 50); do
  api disable-held.poll 1000 GET "/v1/jobs/$id"
  [[ $(jq -r .state disable-held.poll.json) == waiting ]] && break
  nap 0.2
done
cp disable-held.poll.json disable-held.waiting.json
fact disable-held.holder "$holder"
api disable-held.cancel 1000 POST "/v1/jobs/$id/cancel"
wait_job disable-held 1000 "$id"
fact mount.gnupg.after-cancel "$(mount_source "$AMNESIA_HOME/.gnupg")"
api disable-waiting 1000 POST /v1/features/GnuPG/disable
nap 1
kill "$holder"
wait_job disable-waiting 1000 "$(jq -r .id disable-waiting.json)"
fact mount.gnupg.disabled "$(mount_source "$AMNESIA_HOME/.gnupg")"
job delete-data 1000 POST /v1/features/GnuPG/delete-data
fact gnupg.data "$([[ -e $LP_VOLUME/gnupg ]] && echo present || echo gone)"

# A custom folder, added and removed.
job add-folder 1000 POST /v1/custom-folders music.body
fact mount.music.added "$(mount_source "$AMNESIA_HOME/Music")"
fact conf.music.added "$(grep -c '^/home/amnesia/Music' "$LP_VOLUME/persistence.conf" || true)"
job remove-folder 1000 DELETE '/v1/custom-folders?destination=/home/amnesia/Music'
fact mount.music.removed "$(mount_source "$AMNESIA_HOME/Music")"
fact conf.music.removed "$(grep -c '^/home/amnesia/Music' "$LP_VOLUME/persistence.conf" || true)"

# Back up to the second stick.
api backup-devices 1000 GET /v1/backup-devices
job backup 1000 POST /v1/backup backup.body

# The passphrase: a wrong current one changes nothing; the right one changes it.
job change-wrong 1000 POST /v1/change-passphrase change-wrong.body
job change 1000 POST /v1/change-passphrase change.body

# Lock (root: the settings app does not lock), then the Welcome Screen's turn.
api lock-desktop 1000 POST /v1/lock
job lock 0 POST /v1/lock
fact handoff.locked "$(head -n 1 /var/lib/gdm3/settings/tails.persistence)"
api unlock-desktop 1000 POST /v1/unlock relock.body
job upgrade 0 POST /v1/upgrade relock.body
job unlock-wrong "$GREETER_UID" POST /v1/unlock wrong.body
job unlock "$GREETER_UID" POST /v1/unlock relock.body
fact mount.persistent.unlocked "$(mount_source "$AMNESIA_HOME/Persistent")"
fact handoff.unlocked "$(head -n 1 /var/lib/gdm3/settings/tails.persistence)"

# The web UI's one-time links: for the greeter and the desktop user, never for anyone else.
api web-greeter "$GREETER_UID" POST /v1/web-sessions
api web-desktop 1000 POST /v1/web-sessions
api web-nobody 65534 POST /v1/web-sessions

# Repair needs the storage locked; then delete it.
job lock-again 0 POST /v1/lock
job repair 1000 POST /v1/repair relock.body
job delete 1000 POST /v1/delete
api status-deleted 1000 GET /v1/status
kill %1 2>/dev/null || true
