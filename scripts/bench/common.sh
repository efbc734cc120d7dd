# Shared by the call-path load scripts (sourced, not run): cleanup of the processes a script
# started (their pids in `pids`) and of its `work` folder, a free loopback port for UDP and
# TCP, an RTP range for kefu, filling a SIPp fixture's {{KEY}} placeholders, and the load
# tenant (needs `root`, `fixtures` and `work`).

pids=()
# The /metrics scrape token of the kefus these scripts start (kefu serve reads it from its
# environment; /metrics answers only it or a platform operator).
export KEFU_METRICS_TOKEN=${KEFU_METRICS_TOKEN:-kefu-bench-metrics}
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  sleep 1
  for pid in "${pids[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
  if [[ -n "${KEEP:-}" ]]; then echo "files kept in $work" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT

free_port() {
  python3 -c 'import socket
for _ in range(100):
    u=socket.socket(socket.AF_INET,socket.SOCK_DGRAM); u.bind(("127.0.0.1",0)); p=u.getsockname()[1]
    t=socket.socket()
    try:
        t.bind(("127.0.0.1",p)); print(p); break
    except OSError: pass
    finally: t.close(); u.close()'
}

# rtp_range COUNT: A-B, COUNT ports for kefu's RTP at a random even base in 10000-19999: below
# kefu's default 20000-29999 and the end-to-end tests' 20000-32599 (other kefus and tests on
# the machine use those) and below the kernel's ephemeral range (SIPp's ports).
rtp_range() {
  local count=$1 base=$((10000 + (RANDOM % ((10000 - $1) / 2 + 1)) * 2))
  echo "$base-$((base + count - 1))"
}

# fill FILE KEY=VALUE...: the fixture with its {{KEY}} placeholders filled.
fill() {
  local file=$1; shift
  local text; text=$(cat "$file")
  for pair in "$@"; do text=${text//"{{${pair%%=*}}}"/${pair#*=}}; done
  printf '%s\n' "$text"
}

# tenant FLOW AGENTS WRAP: writes $work/tenant/tenant.yaml, the demo tenant with FLOW (a
# fixture flow), no inbound rules, AGENTS extra agents 2001.. (password load<ext>) in the
# service queue, wrap-up WRAP seconds and quotas raised; and $work/agents.csv for SIPp.
# DESK_USERS=1 also gives each extra agent a console user desk<ext> (password load-desk, as a
# cost-4 bcrypt hash so a thousand logins are quick) for scripts/bench/api-events.sh.
tenant() {
  mkdir -p "$work/tenant/flows"
  cp "$fixtures/flows/$1.json" "$work/tenant/flows/"
  python3 - "$root/examples/demo.yaml" "$work/tenant/tenant.yaml" "$1" "$2" "$3" "$work/agents.csv" <<'PY'
import os, sys
source, target, flow, count, wrap, csv = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5], sys.argv[6]
text = open(source).read()
def replace(old, new):
    global text
    if old not in text: sys.exit(f"examples/demo.yaml no longer contains {old!r}")
    text = text.replace(old, new)
replace("flow_file: flows/demo.json", f"flow_file: flows/{flow}.json")
replace("        rules_file: flows/demo-routing.json\n", "")
replace("wrap_up_seconds: 10", f"wrap_up_seconds: {wrap}")
replace("seats: 10", f"seats: {count + 10}")
replace("ivr_ports: 20", f"ivr_ports: {count * 4 + 2000}")
agents = "".join(
    f'      - {{ work_number: "{2000 + i}", name: load-{2000 + i}, extension: "{2000 + i}", password: load{2000 + i}, '
    f'skills: [ {{ skill: service, level: 1 }} ], queues: [ {{ queue: service, tier: 1 }} ] }}\n'
    for i in range(1, count + 1))
replace("\n    users:\n", "\n" + agents + "\n    users:\n")
if os.environ.get("DESK_USERS") == "1":
    desk_hash = "$2b$04$a1LQVZ8yghRflzN1W0SMS.UBINjI8zyD82WlUjbcBVsUPV8h1U1Bi"  # bcrypt of load-desk
    desks = "".join(
        f'      - {{ username: desk{2000 + i}, display_name: desk {2000 + i}, roles: [agent], password_hash: "{desk_hash}", '
        f'agent: "{2000 + i}" }}\n' for i in range(1, count + 1))
    replace("\n    users:\n", "\n    users:\n" + desks)
open(target, "w").write(text)
with open(csv, "w") as f:
    f.write("SEQUENTIAL\n")
    for i in range(1, count + 1):
        f.write(f"{2000 + i};[authentication username={2000 + i} password=load{2000 + i}];\n")
PY
}
