#!/usr/bin/env bash
# Overload control (issue 9): kefu with --max-call-rate RATE (and --max-calls) under an offered
# load of about twice RATE, the zero-failure rate of the call path on this machine. Every
# call must end either completed (answered, talked, hung up) or refused at once with 503 and
# Retry-After; none failed or left half set up; and kefu keeps answering OPTIONS throughout.
#
#   scripts/bench/overload.sh        prints completed, refused, failed, the OPTIONS answered
#                                    during the load, and the CDRs kefu wrote.
#
# Environment: RATE (20: the zero-failure rate to configure; measure it with
# `scripts/bench/callpath-load.sh rate`), OFFER_RATE (2 x RATE), DURATION (30 s of load),
# TALK_SECONDS (2), MAX_CALLS (RATE x (TALK_SECONDS + 2)), AGENTS (MAX_CALLS + 20),
# TENANT_RATE / TENANT_CALLS (per-tenant limits, off by default), SKIP_BUILD=1, KEFU_BIN, KEEP=1.
# The callers send no RTP, so kefu runs with --rtp-timeout 600 (a caller kept waiting in the
# queue is not hung up for silence). Prints figures only; asserts nothing (the exit status is 0 when every call was completed or
# refused, 1 otherwise).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
fixtures="$root/Tests/CallCenterTests/Fixtures"
rate=${RATE:-20}
offer=${OFFER_RATE:-$((rate * 2))}
duration=${DURATION:-30}
talk=${TALK_SECONDS:-2}
max_calls=${MAX_CALLS:-$((rate * (talk + 2)))}
agents=${AGENTS:-$((max_calls + 20))}
work=$(mktemp -d /tmp/overload.XXXXXX)
# shellcheck source=common.sh
source "$(dirname "$0")/common.sh"

if [[ -z "${SKIP_BUILD:-}" && -z "${KEFU_BIN:-}" ]]; then
  swift build -c release --product kefu >&2
fi
kefu=${KEFU_BIN:-$(swift build -c release --show-bin-path)/kefu}
[[ -x "$kefu" ]] || { echo "no kefu at $kefu" >&2; exit 1; }

# The demo tenant straight into the service queue, AGENTS agents 2001.. (password load<ext>),
# 1 s wrap-up, quotas above the admission limits (so only admission control refuses).
tenant straight-to-queue "$agents" 1

kefu_port=$(free_port)
limits=(--max-call-rate "$rate" --max-calls "$max_calls")
[[ -n "${TENANT_RATE:-}" ]] && limits+=(--max-tenant-call-rate "$TENANT_RATE")
[[ -n "${TENANT_CALLS:-}" ]] && limits+=(--max-tenant-calls "$TENANT_CALLS")
"$kefu" serve --data-dir "$work/data" --sip-port "$kefu_port" --http-port "$(free_port)" --rtp-ports "$(rtp_range 8000)" \
  --provision "$work/tenant/tenant.yaml" --log-level notice --offer-timeout 10 --rtp-timeout 600 "${limits[@]}" >"$work/kefu.out" 2>"$work/kefu.log" &
kefu_pid=$!
pids+=("$kefu_pid")
for _ in $(seq 1 600); do
  grep -qx "kefu ready" "$work/kefu.out" 2>/dev/null && break
  kill -0 "$kefu_pid" 2>/dev/null || { echo "kefu exited before ready:" >&2; tail -20 "$work/kefu.log" >&2; exit 1; }
  sleep 0.1
done
grep -qx "kefu ready" "$work/kefu.out" || { echo "kefu not ready after 60 s" >&2; exit 1; }

# Agents: one SIPp UAS answers for all of them at once and hangs up after TALK_SECONDS.
agent_port=$(free_port)
media=$(free_port)
fill "$fixtures/sipp/agent-answer-hangup.xml" answer_ms=0 "talk_ms=$((talk * 1000))" >"$work/agent.xml"
sipp -sf "$work/agent.xml" -i 127.0.0.1 -p "$agent_port" -mp "$media" -rtp_echo -aa -m 100000000 \
  -set ext agent -set domain demo.kefu.local -set rtp_port "$media" -nostdin -timeout 3600s \
  -max_recv_loops 10000 -max_sched_loops 10000 >"$work/agent.out" 2>&1 &
pids+=($!)
fill "$fixtures/sipp/agent-register.xml" >"$work/register.xml"
fill "$fixtures/sipp/agent-feature-code.xml" >"$work/feature.xml"
sipp "127.0.0.1:$kefu_port" -sf "$work/register.xml" -inf "$work/agents.csv" -m "$agents" -r 100 -l 200 \
  -i 127.0.0.1 -p "$(free_port)" -mp "$(free_port)" -set domain demo.kefu.local -set contact_port "$agent_port" \
  -set expires 3600 -nostdin -timeout 120s -timeout_error >"$work/register.out" 2>&1 \
  || { echo "agents failed to register:" >&2; tail -30 "$work/register.out" >&2; exit 1; }
# Sign-ins are calls too: paced under the admission rate so none is refused.
sipp "127.0.0.1:$kefu_port" -sf "$work/feature.xml" -inf "$work/agents.csv" -m "$agents" -r $((rate / 2 > 0 ? rate / 2 : 1)) -l 500 \
  -i 127.0.0.1 -p "$(free_port)" -mp "$(free_port)" -set domain demo.kefu.local -set code '*1' \
  -set rtp_port "$(free_port)" -nostdin -timeout 600s -timeout_error >"$work/signin.out" 2>&1 \
  || { echo "agents failed to sign in:" >&2; tail -30 "$work/signin.out" >&2; exit 1; }
echo "$agents agents registered and signed in" >&2
sleep 2

# OPTIONS every 200 ms during the load; each must be answered within 2 s.
python3 - "$kefu_port" "$work/options" <<'PY' &
import socket, sys, time, signal, random
port, out = int(sys.argv[1]), sys.argv[2]
sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
sock.bind(("127.0.0.1", 0))
sock.settimeout(2.0)
local = sock.getsockname()[1]
sent = answered = 0
worst = 0.0
running = True
def stop(*_):
    global running
    running = False
signal.signal(signal.SIGTERM, stop)
while running:
    sent += 1
    branch = f"z9hG4bK-ovl-{sent}-{random.randrange(1 << 30)}"
    message = (f"OPTIONS sip:127.0.0.1:{port} SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:{local};branch={branch}\r\n"
               f"From: <sip:probe@127.0.0.1>;tag=ovl{sent}\r\nTo: <sip:127.0.0.1:{port}>\r\nCall-ID: ovl-{sent}@127.0.0.1\r\n"
               f"CSeq: {sent} OPTIONS\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n")
    started = time.monotonic()
    sock.sendto(message.encode(), ("127.0.0.1", port))
    try:
        while True:
            data, _ = sock.recvfrom(65535)
            if branch.encode() in data and data.startswith(b"SIP/2.0 200"):
                answered += 1
                worst = max(worst, time.monotonic() - started)
                break
    except socket.timeout:
        pass
    open(out, "w").write(f"{answered} {sent} {worst * 1000:.0f}\n")
    time.sleep(max(0.0, 0.2 - (time.monotonic() - started)))
PY
options_pid=$!
pids+=("$options_pid")

calls=$((offer * duration))
fill "$fixtures/sipp/overload-caller.xml" "bye_timeout_ms=$(((talk + 30) * 1000))" >"$work/caller.xml"
echo "load: $offer calls/s offered for ${duration}s ($calls calls) against --max-call-rate $rate --max-calls $max_calls" \
  "${TENANT_RATE:+--max-tenant-call-rate $TENANT_RATE }${TENANT_CALLS:+--max-tenant-calls $TENANT_CALLS }($agents agents, ${talk}s talk)" >&2
status=0
(cd "$work" && sipp "127.0.0.1:$kefu_port" -sf caller.xml -s 4001234567 -i 127.0.0.1 -p "$(free_port)" -mp "$(free_port)" \
  -r "$offer" -m "$calls" -l $((offer * (talk + 40))) -set domain demo.kefu.local -nostdin -timeout $((duration + talk + 120))s \
  -max_recv_loops 10000 -max_sched_loops 10000 -trace_logs -log_file "$work/caller-logs.log" \
  -trace_stat -stf "$work/caller-stat.csv" -fd 1 >"$work/caller.out" 2>&1) || status=$?
kill "$options_pid" 2>/dev/null || true
wait "$options_pid" 2>/dev/null || true

completed=$(grep -c '^completed ' "$work/caller-logs.log" 2>/dev/null || true)
refused=$(grep -c '^refused ' "$work/caller-logs.log" 2>/dev/null || true)
failed=$(awk -F';' 'NR==1{for(i=1;i<=NF;i++) if($i=="FailedCall(C)") f=i} END{print $f+0}' "$work/caller-stat.csv")
read -r options_ok options_sent options_worst <"$work/options" || true
kill -TERM "$kefu_pid" 2>/dev/null || true
wait "$kefu_pid" 2>/dev/null || true
cdrs=$(python3 - "$work/data/kefu.sqlite" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
rows = dict(db.execute("select disposition, count(*) from call_detail_records where caller_number like '1390%' group by disposition").fetchall())
print(", ".join(f"{k} {v}" for k, v in sorted(rows.items())) or "none")
PY
)
ratio=$(awk -v o="$offer" -v r="$rate" 'BEGIN { printf "%.2f", o / r }')
echo "offered: $calls calls at $offer calls/s ($ratio x the admission limit of $rate calls/s), sipp exit $status"
echo "completed: ${completed:-0}"
echo "refused (503 + Retry-After): ${refused:-0}"
echo "failed: $failed"
echo "OPTIONS answered during the load: ${options_ok:-0} of ${options_sent:-0} (slowest ${options_worst:-?} ms)"
echo "CDRs of the load's calls: $cdrs"
[[ $failed -eq 0 && $((completed + refused)) -eq $calls ]]
