#!/bin/bash
# In the test VM (bench/memory.sh boots it): the peak resident memory of the CLI and of live-persistd,
# idle and while they create, unlock and lock a Persistent Storage on the stick. The KDF is pbkdf2,
# which needs no memory of its own: argon2id's memory is a security parameter, reported apart.
# Prints "KEY KIB" lines; the host makes the table.
set -euo pipefail
stick=${VM_STICKS%% *}
bin=$VM_REPO/artifacts/bin
kdf=(--pbkdf pbkdf2 --pbkdf-iterations 1000)
socket=/run/live-persist/live-persistd.sock
printf 'a benchmark passphrase\n' >pass
printf '{"passphrase": "a benchmark passphrase"}' >pass.json
mkdir -p /home/amnesia && chown 1000:1000 /home/amnesia

# kib PID FIELD: VmRSS (now) or VmHWM (peak so far) of PID, in KiB.
kib() { awk -v f="$2:" '$1 == f { print $2 }' "/proc/$1/status"; }
api() { curl -sS --unix-socket "$socket" -X "$1" -H 'Content-Type: application/json' --data-binary @"${3:-/dev/null}" "http://localhost$2"; }
wait_job() {
  local id=$1
  until [[ $(api GET "/v1/jobs/$id?wait=30" | jq -r .state) =~ ^(succeeded|failed|cancelled)$ ]]; do :; done
  api GET "/v1/jobs/$id" | jq -r .state | grep -qx succeeded
}

# The CLI: GNU time's maximum resident set of each command.
for step in "create --device $stick ${kdf[*]}" "lock --device $stick" "unlock --device $stick" "lock --device $stick" "status --device $stick"; do
  /usr/bin/time -f '%M' -o peak "$bin/live-persist" $step <pass >/dev/null 2>&1
  echo "cli.${step%% *} $(tail -n 1 peak)"
done
"$bin/live-persist" delete --device "$stick" >/dev/null
/usr/bin/time -f '%M' -o peak "$bin/live-persist" --help >/dev/null 2>&1
echo "cli.help $(tail -n 1 peak)"

# The service: started, idle; then each job, reading its peak (VmHWM) after the job.
"$bin/live-persistd" --device "$stick" "${kdf[@]}" >/dev/null 2>&1 &
pid=$!
until [[ -S $socket ]]; do sleep 0.1; done
sleep 2
echo "service.started $(kib "$pid" VmRSS)"
for _ in $(seq 1 20); do api GET /v1/status >/dev/null; done
echo "service.after_20_status_calls $(kib "$pid" VmRSS)"
echo "service.peak_before_jobs $(kib "$pid" VmHWM)"
wait_job "$(api POST /v1/create pass.json | jq -r .id)"
echo "service.peak_after_create $(kib "$pid" VmHWM)"
wait_job "$(api POST /v1/lock | jq -r .id)"
wait_job "$(api POST /v1/unlock pass.json | jq -r .id)"
echo "service.peak_after_unlock $(kib "$pid" VmHWM)"
wait_job "$(api POST /v1/lock | jq -r .id)"
sleep 2
echo "service.idle_after_jobs $(kib "$pid" VmRSS)"
kill "$pid"
