#!/usr/bin/env bash
# Load on the whole call path (issue 7): SIPp callers through kefu's IVR into a queue served by
# SIPp agents, and the highest call rate with zero failed calls through the B2BUA.
#
#   scripts/bench/callpath-load.sh load   CALLERS + AGENTS calls at once for DURATION seconds:
#                                         callers go through the IVR menu (press 2 from SIPp's
#                                         dtmf_2833_2.pcap, voice from g711a.pcap) into the
#                                         service queue served by AGENTS agents (SIPp UAS, RTP
#                                         echo) who talk TALK_SECONDS and hang up; so AGENTS
#                                         calls are bridged and recorded while CALLERS are in
#                                         the IVR or wait in the queue.
#   scripts/bench/callpath-load.sh rate [rates...]
#                                         a number routed straight to the queue; agents (spread
#                                         over AGENT_PROCS SIPp processes) answer at once and hang
#                                         up after 1 s; rates rise until a step fails; the last
#                                         passing rate is printed next to Kamailio's stateful-
#                                         proxy rate from sip-rate.sh. Per step: calls, failures,
#                                         kefu CPU ms per call, kefu's and SIPp's CPU (which side
#                                         ran out), INVITE->200 and CDR setup percentiles.
#   scripts/bench/callpath-load.sh soak   SOAK_RATE calls/s (50) like `rate` for SOAK_SECONDS
#                                         (1800); samples kefu's RSS, open fds and UDP sockets
#                                         every SAMPLE_SECONDS (60) and prints first/last.
#
# Reports calls completed and failed, setup time (for `load`: from the moment the caller was in
# the queue and the agent ready, whichever came later, to the INVITE at the agent's SIPp, so
# neither the IVR nor the wait for a free agent counts; with the calls at once, from kefu's
# /metrics, the CDR dispositions and the recordings: scripts/bench/callpath-load-report.py; for
# `rate`: INVITE -> 200 from SIPp's response times and enqueued -> offered, arrived -> answered
# from the CDRs), and kefu's CPU time and peak RSS. Prints figures only; asserts nothing. Needs
# root (SIPp plays pcaps with raw sockets) and the contract of `kefu serve --provision`.
#
# Environment: CALLERS (500), AGENTS (200), DURATION (180), TALK_SECONDS (20), DIGIT_MS (1500),
# LOAD_WRAP_SECONDS (0: an agent takes the next waiting caller as soon as they hang up),
# RATE_AGENTS (rate: 2.5 x the highest rate asked, at least 2000; soak: 3 x SOAK_RATE; an agent's
# call is 1 s of talk plus about half a second of ringing, answer and hang-up, so fewer agents
# than 1.5 x the rate leaves callers waiting for an agent and the step fails on the bench's
# own agent pool),
# RATE_WRAP_SECONDS (0), AGENT_PROCS (load 1, rate 4, soak 2), STEP_SECONDS (10), SKIP_BUILD=1,
# KEFU_BIN, KEFU_LOG_LEVEL (notice), KEFU_SERVE_ARGS (more `kefu serve` options, e.g. the API's
# limits), DESK_USERS=1 (console users for the agents, see common.sh), SKIP_KAMAILIO=1,
# WITH_MEDIA_ANCHOR=1 (also Kamailio tracking dialogs with rtpengine anchoring the media, see
# sip-rate.sh), KEEP=1.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
mode=${1:-load}
shift || true
fixtures="$root/Tests/CallCenterTests/Fixtures"
work=$(mktemp -d "${TMPDIR:-/tmp}/callpath-load.XXXXXX")
# shellcheck source=common.sh
source "$(dirname "$0")/common.sh"

if [[ -z "${SKIP_BUILD:-}" ]]; then
  swift build -c release --product kefu >&2
fi
kefu=${KEFU_BIN:-$(swift build -c release --show-bin-path)/kefu}
[[ -x "$kefu" ]] || { echo "no kefu at $kefu" >&2; exit 1; }

# start_kefu: kefu serve on free ports; waits for `kefu ready`.
start_kefu() {
  kefu_port=$(free_port)
  http_port=$(free_port)
  "$kefu" serve --data-dir "$work/data" --sip-port "$kefu_port" --http-port "$http_port" --rtp-ports "$(rtp_range 8000)" \
    --provision "$work/tenant/tenant.yaml" --log-level "${KEFU_LOG_LEVEL:-notice}" ${KEFU_SERVE_ARGS:-} >"$work/kefu.out" 2>"$work/kefu.log" &
  kefu_pid=$!
  pids+=("$kefu_pid")
  echo "$kefu_pid:$http_port" >"$work/kefu.attach"  # for scripts/bench/api-events.sh KEFU_ATTACH
  for _ in $(seq 1 600); do
    grep -qx "kefu ready" "$work/kefu.out" 2>/dev/null && return 0
    kill -0 "$kefu_pid" 2>/dev/null || { echo "kefu exited before ready:" >&2; tail -20 "$work/kefu.log" >&2; exit 1; }
    sleep 0.1
  done
  echo "kefu not ready after 60 s" >&2; tail -20 "$work/kefu.log" >&2; exit 1
}

# Samples kefu's CPU time (s) and peak RSS (MiB) into $work/usage until killed.
sample_usage() {
  local peak=0 ticks; ticks=$(getconf CLK_TCK)
  while kill -0 "$kefu_pid" 2>/dev/null; do
    local rss; rss=$(awk '/VmRSS/{print $2}' "/proc/$kefu_pid/status" 2>/dev/null || echo 0)
    (( rss > peak )) && peak=$rss
    local cpu; cpu=$(awk -v t="$ticks" '{printf "%.1f", ($14 + $15) / t}' "/proc/$kefu_pid/stat" 2>/dev/null || echo "?")
    echo "$cpu $((peak / 1024))" >"$work/usage"
    sleep 1
  done
}

# Samples kefu's /metrics every second into $work/metrics: "epoch_ms calls_in_progress
# agents_busy" for the demo tenant, until killed.
sample_metrics() {
  while kill -0 "$kefu_pid" 2>/dev/null; do
    curl -s --max-time 2 -H "Authorization: Bearer $KEFU_METRICS_TOKEN" "http://127.0.0.1:$http_port/metrics" | awk -v now="$(date +%s%3N)" '
      /^kefu_calls_in_progress\{.*tenant="demo"/ {calls = $NF}
      /^kefu_agents\{.*state="busy".*tenant="demo"|^kefu_agents\{.*tenant="demo".*state="busy"/ {busy = $NF}
      END {if (calls != "") printf "%s %d %d\n", now, calls, busy}' >>"$work/metrics" || true
    sleep 1
  done
}

# start_agents SCENARIO KEY=VALUE...: AGENT_PROCS SIPp UAS processes (agents split evenly
# among them, each agent's Contact on its process's port) answer for the agents; registers and
# signs in all of them (*1). Sets agent_pids. TRACE_AGENTS=1 keeps SIPp's message trace
# (needed by callpath-load-report.py; costly at high rates).
start_agents() {
  local scenario=$1; shift
  local count; count=$(($(wc -l <"$work/agents.csv") - 1))
  local procs=${AGENT_PROCS:-1}
  (( procs > count )) && procs=$count
  fill "$fixtures/sipp/$scenario" "$@" >"$work/agent.xml"
  fill "$fixtures/sipp/agent-register.xml" >"$work/register.xml"
  fill "$fixtures/sipp/agent-feature-code.xml" >"$work/feature.xml"
  agent_pids=()
  local k
  for ((k = 0; k < procs; k++)); do
    local csv="$work/agents-$k.csv"
    { echo SEQUENTIAL; tail -n +2 "$work/agents.csv" | awk -v n="$procs" -v k="$k" '(NR - 1) % n == k'; } >"$csv"
    local port; port=$(free_port)
    local media; media=$(free_port)
    local trace=()
    [[ -n "${TRACE_AGENTS:-}" ]] && trace=(-trace_msg -message_file "$work/agent-messages-$k.log")
    sipp -sf "$work/agent.xml" -i 127.0.0.1 -p "$port" -mp "$media" -rtp_echo -aa -m 100000000 \
      -set ext agent -set domain demo.kefu.local -set rtp_port "$media" -nostdin -timeout 7200s \
      -max_recv_loops 10000 -max_sched_loops 10000 "${trace[@]}" \
      -trace_stat -stf "$work/agent-stat-$k.csv" -fd 5 >"$work/agent-$k.out" 2>&1 &
    pids+=($!); agent_pids+=($!)
    local n=$(($(wc -l <"$csv") - 1))
    sipp "127.0.0.1:$kefu_port" -sf "$work/register.xml" -inf "$csv" -m "$n" -r 200 -l 400 \
      -i 127.0.0.1 -p "$(free_port)" -mp "$(free_port)" -set domain demo.kefu.local -set contact_port "$port" \
      -set expires 7200 -nostdin -timeout 120s -timeout_error >"$work/register-$k.out" 2>&1 \
      || { echo "agents failed to register:" >&2; tail -30 "$work/register-$k.out" >&2; exit 1; }
    sipp "127.0.0.1:$kefu_port" -sf "$work/feature.xml" -inf "$csv" -m "$n" -r 100 -l 1000 \
      -i 127.0.0.1 -p "$(free_port)" -mp "$(free_port)" -set domain demo.kefu.local -set code '*1' \
      -set rtp_port "$(free_port)" -nostdin -timeout 300s -timeout_error >"$work/signin-$k.out" 2>&1 \
      || { echo "agents failed to sign in:" >&2; tail -30 "$work/signin-$k.out" >&2; exit 1; }
  done
  echo "$count agents registered and signed in ($procs SIPp UAS processes)" >&2
}

# cpu_seconds PID...: the processes' CPU time (user + system) in seconds, summed.
cpu_seconds() {
  local ticks; ticks=$(getconf CLK_TCK)
  local pid total=0
  for pid in "$@"; do
    total=$(awk -v t="$ticks" -v s="$total" '{printf "%.2f", s + ($14 + $15) / t}' "/proc/$pid/stat" 2>/dev/null || echo "$total")
  done
  echo "$total"
}

# cdr_setup FROM_MS TO_MS: setup percentiles from the CDRs of calls that arrived in the window:
# enqueued -> offered (the ACD and the agent INVITE) and arrived -> answered (the whole path).
cdr_setup() {
  python3 - "$work/data" "$1" "$2" <<'EOF2'
import os, sqlite3, sys
directory, start, end = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rows = []
try:
    db = sqlite3.connect(f"file:{os.path.join(directory, 'kefu.sqlite')}?mode=ro", uri=True, timeout=30)
    rows = db.execute("SELECT enqueued_at, offered_at, arrived_at, answered_at FROM call_detail_records "
                      "WHERE arrived_at >= ? AND arrived_at < ?", (start, end)).fetchall()
except sqlite3.Error as error:
    sys.exit(f"cannot read the CDRs: {error}")
def summary(values):
    if not values: return "none"
    values.sort()
    p = lambda q: values[min(len(values) - 1, int(q * len(values)))]
    return f"median {p(0.5)} ms, p99 {p(0.99)} ms"
offered = [o - e for e, o, _, _ in rows if e is not None and o is not None]
answered = [a - r for _, _, r, a in rows if a is not None]
print(f"{len(rows)} CDRs; enqueued->offered {summary(offered)}; arrived->answered {summary(answered)}")
EOF2
}

# counts STAT.csv: "successful failed" from SIPp's last statistics row.
counts() {
  awk -F';' 'NR==1{for(i=1;i<=NF;i++){if($i=="SuccessfulCall(C)")s=i; if($i=="FailedCall(C)")f=i}} END{print $s+0, $f+0}' "$1"
}

# rtt_times FILE: median and p99 of SIPp's "setup" response time (INVITE -> 200) in ms.
rtt_times() {
  python3 - "$@" <<'EOF'
import sys
values = []
for path in sys.argv[1:]:
    for line in open(path):
        parts = line.strip().split(";")
        if len(parts) >= 3 and parts[2] == "setup":
            try: values.append(float(parts[1]))
            except ValueError: pass
if not values: print("none recorded")
else:
    values.sort()
    p = lambda q: values[min(len(values) - 1, int(q * len(values)))]
    print(f"{len(values)} calls: median {p(0.5):.1f} ms, p99 {p(0.99):.1f} ms")
EOF
}

case "$mode" in
load)
  callers=${CALLERS:-500}; agents=${AGENTS:-200}; duration=${DURATION:-180}
  talk=${TALK_SECONDS:-20}; digit=${DIGIT_MS:-1500}; wrap=${LOAD_WRAP_SECONDS:-0}
  tenant menu "$agents" "$wrap"
  start_kefu
  sample_usage & pids+=($!)
  sample_metrics & pids+=($!)
  TRACE_AGENTS=1 start_agents agent-answer-hangup.xml answer_ms=0 talk_ms=$((talk * 1000))
  # SIPp keeps callers + agents calls up at once: agents of them talk, the rest are in the
  # IVR or wait in the queue (hearing music and position announcements) for the next agent.
  limit=$((callers + agents))
  rate=$(python3 -c "print(round(2 * $agents / ($talk + $wrap), 1))")
  total=$(python3 -c "print(int($limit + $agents / ($talk + $wrap) * $duration))")
  fill "$fixtures/sipp/load-caller-ivr.xml" "digit_ms=$digit" >"$work/caller.xml"
  echo "load: $limit calls at once ($callers in the IVR or queue, $agents talking ${talk}s, wrap-up ${wrap}s), $total calls, ${duration}s" >&2
  cpu_before=$(cut -d' ' -f1 "$work/usage" 2>/dev/null || echo 0)
  started_ms=$(date +%s%3N)
  (cd "$work" && sipp "127.0.0.1:$kefu_port" -sf caller.xml -s 4001234567 -i 127.0.0.1 -p "$(free_port)" -mp "$(free_port)" \
    -r "$rate" -l "$limit" -m "$total" -set domain demo.kefu.local -nostdin -timeout $((duration + 600))s \
    -max_recv_loops 10000 -max_sched_loops 10000 -trace_stat -stf "$work/caller-stat.csv" -fd 5 \
    -trace_rtt -rtt_freq 1 >"$work/caller.out" 2>&1) || true
  ended_ms=$(date +%s%3N)
  sleep 3
  read -r ok failed < <(counts "$work/caller-stat.csv")
  read -r cpu rss <"$work/usage" || true
  echo "calls completed (the caller answered the BYE after the agent hung up): $ok, failed: $failed (of $total)"
  python3 "$root/scripts/bench/callpath-load-report.py" "$work/data" "$started_ms" "$ended_ms" $((wrap * 1000)) "$limit" "$work/metrics" "$work"/agent-messages-*.log
  echo "caller INVITE -> 200 (IVR answer): $(rtt_times "$work"/caller_*_rtt.csv 2>/dev/null || echo none)"
  echo "kefu CPU time: $(python3 -c "print(round(${cpu:-0} - ${cpu_before:-0}, 1))") s over the run, peak RSS ${rss:-?} MiB"
  ;;
rate)
  rates=("$@")
  [[ ${#rates[@]} -gt 0 ]] || rates=(50 100 200 300 400 500 600 800 1000 1500 2000)
  highest=$(printf '%s\n' "${rates[@]}" | sort -n | tail -1)
  agents=${RATE_AGENTS:-$(( highest * 5 / 2 > 2000 ? highest * 5 / 2 : 2000 ))}
  step=${STEP_SECONDS:-10}; wrap=${RATE_WRAP_SECONDS:-0}
  export AGENT_PROCS=${AGENT_PROCS:-4}
  tenant straight-to-queue "$agents" "$wrap"
  start_kefu
  sample_usage & pids+=($!)
  start_agents agent-answer-hangup.xml answer_ms=0 talk_ms=1000
  fill "$fixtures/sipp/load-caller-queue.xml" >"$work/caller.xml"
  best=0
  table="$work/ladder.txt"
  printf '%6s %7s %6s %12s %11s %11s %9s %9s  %s\n' rate calls failed "kefu ms/call" "kefu CPU%" "INVITE->200" "UAC CPU%" "UAS CPU%" \
    "CDR setup (enqueued->offered; arrived->answered)" >"$table"
  for rate in "${rates[@]}"; do
    calls=$((rate * step))
    dir="$work/rate-$rate"; mkdir -p "$dir"
    status=0
    kefu_before=$(cpu_seconds "$kefu_pid"); uas_before=$(cpu_seconds "${agent_pids[@]}")
    started_ms=$(date +%s%3N)
    TIMEFORMAT='%U %S'
    { time (cd "$dir" && sipp "127.0.0.1:$kefu_port" -sf "$work/caller.xml" -s 4001234567 -i 127.0.0.1 -p "$(free_port)" \
      -mp "$(free_port)" -r "$rate" -m "$calls" -l $((rate * 10)) -set domain demo.kefu.local -nostdin \
      -timeout $((step + 60))s -timeout_error -max_recv_loops 10000 -max_sched_loops 10000 \
      -trace_stat -stf "$dir/stat.csv" -fd 1 -trace_rtt -rtt_freq 1 >"$dir/sipp.out" 2>&1); } 2>"$dir/uac-time" || status=$?
    ended_ms=$(date +%s%3N)
    sleep 2  # the last calls' CDRs are written after their BYE; their cost belongs to this step
    kefu_after=$(cpu_seconds "$kefu_pid"); uas_after=$(cpu_seconds "${agent_pids[@]}")
    read -r ok failed < <(counts "$dir/stat.csv")
    wall=$(python3 -c "print(max(0.001, ($ended_ms - $started_ms) / 1000))")
    rtt=$(rtt_times "$dir"/*_rtt.csv 2>/dev/null | sed -n 's/.*median \([0-9.]*\) ms, p99 \([0-9.]*\) ms/\1\/\2/p')
    row=$(python3 - "$rate" "$calls" "$failed" "$ok" "$kefu_before" "$kefu_after" "$uas_before" "$uas_after" "$wall" "$dir/uac-time" "${rtt:-none}" <<'EOF2'
import sys
rate, calls, failed, ok = (int(v) for v in sys.argv[1:5])
kb, ka, ub, ua, wall = (float(v) for v in sys.argv[5:10])
try: uac = sum(float(v) for v in open(sys.argv[10]).read().split()[-2:])
except (OSError, ValueError): uac = float("nan")
per_call = (ka - kb) * 1000 / max(1, ok + failed)
print(f"{rate:6d} {ok:7d} {failed:6d} {per_call:12.2f} {100 * (ka - kb) / wall:10.0f}% "
      f"{sys.argv[11]:>11s} {100 * uac / wall:8.0f}% {100 * (ua - ub) / wall:8.0f}%")
EOF2
)
    row="$row  $(cdr_setup "$started_ms" "$ended_ms")"
    echo "$row" >>"$table"
    printf '  callpath %5d calls/s: %d ok, %d failed, sipp exit %d\n' "$rate" "$ok" "$failed" "$status" >&2
    if [[ $status -eq 0 && $failed -eq 0 && $ok -eq $calls ]]; then best=$rate; else break; fi
    sleep 1
  done
  read -r cpu rss <"$work/usage" || true
  # kefu and the agents leave the machine to Kamailio (a failed step leaves calls behind).
  kill "$kefu_pid" "${agent_pids[@]}" 2>/dev/null || true
  sleep 2
  kamailio="skipped"; anchored="skipped"
  if [[ -z "${SKIP_KAMAILIO:-}" ]]; then
    references=$(SKIP_BUILD=1 KEFU_BIN="$kefu" scripts/bench/sip-rate.sh 2>/dev/null || true)
    kamailio=$(awk '/^kamailio:/{print $2}' <<<"$references"); kamailio=${kamailio:-?}
    anchored=$(awk '/^kamailio\+rtpengine:/{print $2}' <<<"$references"); anchored=${anchored:-?}
  fi
  echo "step ${step}s, number straight to a queue of $agents SIPp agents in $AGENT_PROCS processes (answer at once, hang up"
  echo "after 1 s, wrap-up ${wrap} s); CPU% is of one core over the step (UAC: the caller SIPp, UAS: all agent SIPps);"
  echo "INVITE->200 is SIPp's median/p99 in ms; CDR times are from the store (ms resolution)"
  cat "$table"
  echo "callpath: $best calls/s with zero failed calls (kefu CPU ${cpu:-?} s for the whole run, peak RSS ${rss:-?} MiB)"
  echo "kamailio: $kamailio calls/s (stateful proxy, scripts/bench/sip-rate.sh in the same run)"
  [[ $anchored == skipped ]] || echo "kamailio+rtpengine: $anchored calls/s (dialogs tracked, media anchored; WITH_MEDIA_ANCHOR=1)"
  ;;
soak)
  soak_rate=${SOAK_RATE:-50}; duration=${SOAK_SECONDS:-1800}; every=${SAMPLE_SECONDS:-60}
  agents=${RATE_AGENTS:-$((soak_rate * 3))}
  export AGENT_PROCS=${AGENT_PROCS:-2}
  tenant straight-to-queue "$agents" "${RATE_WRAP_SECONDS:-0}"
  start_kefu
  start_agents agent-answer-hangup.xml answer_ms=0 talk_ms=1000
  fill "$fixtures/sipp/load-caller-queue.xml" >"$work/caller.xml"
  calls=$((soak_rate * duration))
  echo "soak: $soak_rate calls/s for ${duration}s ($calls calls), $agents agents; a sample every ${every}s" >&2
  (cd "$work" && exec sipp "127.0.0.1:$kefu_port" -sf "$work/caller.xml" -s 4001234567 -i 127.0.0.1 -p "$(free_port)" \
    -mp "$(free_port)" -r "$soak_rate" -m "$calls" -l $((soak_rate * 10)) -set domain demo.kefu.local -nostdin \
    -timeout $((duration + 120))s -timeout_error -max_recv_loops 10000 -max_sched_loops 10000 \
    -trace_stat -stf "$work/soak-stat.csv" -fd 10 >"$work/soak.out" 2>&1) &
  caller_pid=$!
  pids+=("$caller_pid")
  # sample: elapsed s, RSS MiB, open fds, UDP sockets, kefu CPU s, calls ok, calls failed.
  # (find fails when a descriptor closes while it reads the directory: that is not an error here.)
  sample() {
    local rss fds udp inodes ok failed
    rss=$(awk '/VmRSS/{printf "%.1f", $2 / 1024}' "/proc/$kefu_pid/status")
    fds=$({ find "/proc/$kefu_pid/fd" -mindepth 1 -maxdepth 1 2>/dev/null || true; } | wc -l)
    inodes=$({ find "/proc/$kefu_pid/fd" -mindepth 1 -maxdepth 1 -lname 'socket:*' -printf '%l\n' 2>/dev/null || true; } | tr -dc '0-9\n' | sort -u)
    udp=$(awk 'NR > 1 {print $10}' /proc/net/udp /proc/net/udp6 | sort -u | comm -12 - <(echo "$inodes") | wc -l)
    read -r ok failed < <(counts "$work/soak-stat.csv" 2>/dev/null || echo "0 0")
    printf '%7d %8s %6d %6d %9s %8d %7d\n' "$1" "$rss" "$fds" "$udp" "$(cpu_seconds "$kefu_pid")" "${ok:-0}" "${failed:-0}"
  }
  printf '%7s %8s %6s %6s %9s %8s %7s\n' elapsed "RSS MiB" fds udp "CPU s" ok failed | tee "$work/soak.txt"
  start=$(date +%s)
  sample 0 | tee -a "$work/soak.txt"
  while kill -0 "$caller_pid" 2>/dev/null; do
    sleep "$every"
    sample $(($(date +%s) - start)) | tee -a "$work/soak.txt"
  done
  status=0; wait "$caller_pid" || status=$?
  sleep 5
  sample $(($(date +%s) - start)) | tee -a "$work/soak.txt"
  # Completed SIP transactions are kept 32 s (Timers D, J and the 2xx's accepted state), so
  # the memory a call used is free only after that.
  sleep 35
  sample $(($(date +%s) - start)) | tee -a "$work/soak.txt"
  read -r ok failed < <(counts "$work/soak-stat.csv")
  echo "soak: $ok calls completed, $failed failed (of $calls), sipp exit $status"
  echo "first sample (before any call), 5 s and 40 s after the last call:"
  sed -n '1p;2p' "$work/soak.txt"; tail -2 "$work/soak.txt"
  ;;
*)
  echo "usage: $0 load | rate [rates...] | soak" >&2; exit 2 ;;
esac
