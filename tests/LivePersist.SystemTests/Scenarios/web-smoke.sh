#!/bin/bash
# The path a browser test takes to a web UI in the guest (WebSmokeTests), booted with run.sh
# --forward PORT: a web server bound to the guest's 127.0.0.1:PORT only (python3's http.server,
# web-smoke-server.py, logging each request's peer, Host and Origin to ./web-smoke.log), exposed
# with the relay, then the host's commands until it says stop.
# Arguments: PORT. Ready facts: port, server_seconds (the server's start, until it listened).
source "$VM_REPO/tests/LivePersist.SystemTests/Scenarios/lib.sh"

port=$1
start=$EPOCHREALTIME
python3 "$VM_REPO/tests/LivePersist.SystemTests/Scenarios/web-smoke-server.py" 127.0.0.1 "$port" "$VM_SHARE/web-smoke.log" </dev/null &
wait_for_listener 127.0.0.1 "$port" 60
server_seconds=$(elapsed_since "$start")
echo "web-smoke: the server listens on 127.0.0.1:$port after $server_seconds s"
expose_loopback_port "$port"
serve_host_commands "port=$port" "server_seconds=$server_seconds"
