#!/usr/bin/env bash
# Load on the HTTP face (issue 8): requests per second of the wallboard's snapshot routes
# (GET /api/v1/wallboard, /api/v1/queues and /api/v1/agents, as a logged-in supervisor)
# with wrk, and the event stream under many concurrent WebSocket consoles: the latency from
# the call path's event (its `at` time) to each console, as median and p99, delivered against
# expected events, and how many consoles were shed for falling behind.
#
# Prints figures only; asserts nothing. Needs wrk (Debian) and Python's `websockets` (PyPI).
# Environment: CLIENT_ROLE, CLIENTS (1000), READ_SECONDS (60: how long the consoles read),
# PROCS (4 client processes), WRK_SECONDS (10), WRK_CONNECTIONS (50), WRK_PATHS (the three
# routes above; none: no wrk), STATE_FLIPS (0: agent state changes made before wrk, so the
# state history holds a shift's rows), KEFU_BIN (default .build/release/kefu, else
# .build/debug/kefu), KEEP=1. CLIENTS=0 skips the event stream.
# CLIENT_ROLE: desks (the default): CLIENTS distinct agents' desktops, users desk2001.. with
#   password load-desk, as `scripts/bench/callpath-load.sh` provisions them with DESK_USERS=1
#   (its SIPp agents 2001.. answer the calls, so each desktop gets its own agent's calls and
#   states), plus SUPERVISORS (10) whole-tenant consoles of the tenant admin;
# supervisor: CLIENTS whole-tenant consoles, all of the tenant admin's one session (kefu needs
#   --max-streams-per-user 0 for more than 20);
# agent: CLIENTS desktops all of agent1001's one session (needs --max-streams-per-user 0).
# Without call load (no KEFU_ATTACH) agent1001 flips between sign_in and sign_out at
# EVENT_RATE (20) per second, so there are events to measure.
# KEFU_ATTACH=PID:HTTP_PORT measures a kefu already running instead of starting one: the one
# under `scripts/bench/callpath-load.sh soak` (it writes PID:PORT to its work folder's
# kefu.attach), so the stream is measured while calls go through.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
clients=${CLIENTS:-1000}
rate=${EVENT_RATE:-20}
export PROCS=${PROCS:-4}
# The /metrics scrape token (the same default as scripts/bench/common.sh, for an attached kefu).
export KEFU_METRICS_TOKEN=${KEFU_METRICS_TOKEN:-kefu-bench-metrics}
wrk_seconds=${WRK_SECONDS:-10}
wrk_connections=${WRK_CONNECTIONS:-50}
kefu=${KEFU_BIN:-}
if [ -z "$kefu" ]; then
  if [ -x .build/release/kefu ]; then kefu=.build/release/kefu; else kefu=.build/debug/kefu; fi
fi
command -v wrk >/dev/null || { echo "needs wrk: apt-get install -y wrk" >&2; exit 2; }
python3 -c "import websockets" 2>/dev/null || { echo "needs websockets: pip install websockets" >&2; exit 2; }
[ -n "${KEFU_ATTACH:-}" ] || [ -x "$kefu" ] || { echo "no kefu binary at $kefu: swift build first" >&2; exit 2; }

work=$(mktemp -d /tmp/api-events.XXXXXX)
kefu_pid=""
cleanup() {
  if [ -z "${attached:-}" ] && [ -n "$kefu_pid" ] && kill -0 "$kefu_pid" 2>/dev/null; then
    kill -TERM "$kefu_pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$kefu_pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$kefu_pid" 2>/dev/null || true
  fi
  [ "${KEEP:-}" = 1 ] || rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
if [ -n "${KEFU_ATTACH:-}" ]; then
  # A kefu already running (e.g. under scripts/bench/callpath-load.sh soak): PID:HTTP_PORT.
  kefu_pid=${KEFU_ATTACH%%:*}
  http_port=${KEFU_ATTACH##*:}
  attached=1
else
  attached=""
  sip_port=$(free_port)
  http_port=$(free_port)
  # RTP in 10000-19999, away from kefu's default, the end-to-end tests' and the ephemeral ports.
  rtp_low=$(( (RANDOM % 99) * 100 + 10000 ))

  "$kefu" serve --data-dir "$work/data" --sip-port "$sip_port" --http-port "$http_port" --no-tcp \
    --rtp-ports "$rtp_low-$((rtp_low + 99))" --provision examples/demo.yaml --always-open --log-level error \
    >"$work/kefu.log" 2>&1 &
  kefu_pid=$!
  for _ in $(seq 1 600); do
    grep -q "kefu ready" "$work/kefu.log" && break
    kill -0 "$kefu_pid" 2>/dev/null || { cat "$work/kefu.log" >&2; exit 1; }
    sleep 0.1
  done
fi
base="http://127.0.0.1:$http_port"

login() {
  curl -sf -c "$work/$1.jar" -H 'Content-Type: application/json' \
    -d "{\"tenant\":\"demo\",\"username\":\"$1\",\"password\":\"$2\"}" "$base/api/v1/login" >/dev/null
  awk '$6 == "kefu_session" { print $7 }' "$work/$1.jar"
}
supervisor=$(login supervisor demo-supervisor)
admin=$(login admin demo-admin)
agent=$(login agent1001 demo-agent)
agent_id=$(curl -sf -b "kefu_session=$agent" "$base/api/v1/me" | python3 -c 'import json,sys; print(json.load(sys.stdin)["agent"]["id"])')

# The consoles' sessions, one a line: role cookie [agent id].
sessions="$work/sessions.txt"
: >"$sessions"
case "${CLIENT_ROLE:-desks}" in
desks)
  python3 - "$base" "$clients" >"$sessions" <<'PY'
import concurrent.futures, json, sys, urllib.request
base, count = sys.argv[1], int(sys.argv[2])
def desk(n):
    body = json.dumps({"tenant": "demo", "username": f"desk{2000 + n}", "password": "load-desk"}).encode()
    with urllib.request.urlopen(urllib.request.Request(f"{base}/api/v1/login", data=body, headers={"Content-Type": "application/json"})) as r:
        cookie = [c.split(";")[0].split("=", 1)[1] for c in r.headers.get_all("Set-Cookie") if c.startswith("kefu_session=")][0]
    with urllib.request.urlopen(urllib.request.Request(f"{base}/api/v1/me", headers={"Cookie": f"kefu_session={cookie}"})) as r:
        return f"desk {cookie} {json.load(r)['agent']['id']}"
with concurrent.futures.ThreadPoolExecutor(8) as pool:
    print("\n".join(pool.map(desk, range(1, count + 1))))
PY
  for _ in $(seq 1 "${SUPERVISORS:-10}"); do echo "supervisor $admin" >>"$sessions"; done ;;
supervisor) for _ in $(seq 1 "$clients"); do echo "supervisor $admin" >>"$sessions"; done ;;
agent) for _ in $(seq 1 "$clients"); do echo "desk $agent $agent_id" >>"$sessions"; done ;;
*) echo "CLIENT_ROLE is desks, supervisor or agent" >&2; exit 2 ;;
esac

flips=${STATE_FLIPS:-0}
if [ "$flips" -gt 0 ]; then
  curl -sf -b "kefu_session=$agent" -H 'Content-Type: application/json' -d '{"action":"sign_in"}' "$base/api/v1/agents/$agent_id/state" >/dev/null
  for i in $(seq 1 "$flips"); do
    if [ $((i % 2)) = 1 ]; then body='{"action":"not_ready","reason":"meeting"}'; else body='{"action":"ready"}'; fi
    curl -sf -b "kefu_session=$agent" -H 'Content-Type: application/json' -d "$body" "$base/api/v1/agents/$agent_id/state" >/dev/null
  done
fi

# Prints the first answer that is not 2xx of each wrk thread (status and start of the body).
cat >"$work/first-failure.lua" <<'LUA'
local shown = false
response = function(status, headers, body)
  if status >= 300 and not shown then
    shown = true
    io.write("not-2xx " .. status .. " " .. string.sub(body, 1, 200) .. "\n")
  end
end
LUA
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$kefu_pid/stat"; }
echo "kefu: $kefu (pid $kefu_pid), load average: $(cut -d' ' -f1-3 /proc/loadavg), cores: $(nproc)"
[ "${WRK_PATHS:-}" = none ] && paths="" || paths=${WRK_PATHS:-/api/v1/wallboard /api/v1/queues /api/v1/agents}
for path in $paths; do
  cpu_before=$(cpu_ticks)
  report=$(wrk -t2 -c"$wrk_connections" -d"${wrk_seconds}s" -s "$work/first-failure.lua" -H "Cookie: kefu_session=$supervisor" "$base$path")
  cpu_used=$(( $(cpu_ticks) - cpu_before ))
  if grep -q Non-2xx <<<"$report"; then
    echo "some answers were not 2xx, e.g.: $(grep -m1 '^not-2xx' <<<"$report")" >&2
  fi
  rps=$(awk '/Requests\/sec/ { print $2 } /Non-2xx/ { print "non-2xx:", $5 }' <<<"$report" | paste -sd' ')
  requests=$(awk '/requests in/ { print $1 }' <<<"$report")
  # kefu's own CPU per request, steadier than requests/s on a shared, loaded machine.
  per=$(awk -v t="$cpu_used" -v n="$requests" -v hz="$(getconf CLK_TCK)" 'BEGIN { if (n > 0) printf "%.3f", t / hz * 1000 / n }')
  echo "GET $path as supervisor, wrk -t2 -c$wrk_connections -d${wrk_seconds}s: $rps requests/s, kefu CPU $per ms/request"
done

if [ "$clients" -gt 0 ]; then
  # Without call load, agent1001's state changes are the events.
  [ -n "$attached" ] || export FLIP_AGENT="$agent $agent_id" FLIP_RATE="$rate"
  cpu_before=$(cpu_ticks)
  python3 scripts/bench/api-events-clients.py "127.0.0.1:$http_port" "$sessions" "${READ_SECONDS:-60}"
  echo "kefu CPU during the stream run: $(awk -v t="$(( $(cpu_ticks) - cpu_before ))" -v hz="$(getconf CLK_TCK)" -v s="${READ_SECONDS:-60}" 'BEGIN { printf "%.0f%% of one core", 100 * t / hz / s }')," \
    "streams shed for falling behind: $(curl -sf -H "Authorization: Bearer $KEFU_METRICS_TOKEN" "$base/metrics" | awk '/^kefu_http_event_streams_shed / { print $2 }')"
fi
echo "kefu after the run: $(ps -o rss=,time= -p "$kefu_pid" | awk '{ printf "RSS %.0f MiB, CPU time %s", $1/1024, $2 }')"
