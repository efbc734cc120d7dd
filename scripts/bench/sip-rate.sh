#!/usr/bin/env bash
# Highest SIP call rate with zero failed calls: kefu (built-in number, release build) next to
# Kamailio (stateful proxy in front of a SIPp UAS), measured in the same run on this machine.
#
# Each step runs SIPp's UAC (INVITE-180-200-ACK-BYE; sip-rate-uac.xml, the built-in one
# with a route set, and sip-rate-uas.xml echoing Record-Route behind Kamailio, else ACK and
# BYE cannot cross the proxy) at a fixed rate for STEP_SECONDS; a step passes when SIPp exits 0 with no failed call. Rates rise until a step
# fails (overload is a cliff, see /work/shared/bench/README.md); the last passing rate is the
# figure. Prints figures only; asserts nothing.
#
# Usage: scripts/bench/sip-rate.sh [rates...]     (default: 500 1000 ... 7000)
# Environment: STEP_SECONDS (default 6), SKIP_KAMAILIO=1, WITH_MEDIA_ANCHOR=1, SKIP_BUILD=1, KEFU_BIN.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"

step_seconds=${STEP_SECONDS:-6}
rates=("$@")
[[ ${#rates[@]} -gt 0 ]] || rates=(500 1000 1500 2000 2500 3000 3500 4000 4500 5000 5500 6000 7000)
work=$(mktemp -d /tmp/sip-rate.XXXXXX)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  sleep 0.5
  for pid in "${pids[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
  for pidfile in "$work"/*/kamailio.pid; do [[ -f "$pidfile" ]] && kill "$(cat "$pidfile")" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

free_port() {
  python3 -c 'import socket
for _ in range(100):
    u=socket.socket(socket.AF_INET,socket.SOCK_DGRAM); u.bind(("127.0.0.1",0)); p=u.getsockname()[1]
    t=socket.socket(); 
    try:
        t.bind(("127.0.0.1",p)); print(p); break
    except OSError: pass
    finally: t.close(); u.close()'
}

if [[ -z "${SKIP_BUILD:-}" ]]; then
  swift build -c release --product kefu >&2
fi
kefu=${KEFU_BIN:-$(swift build -c release --show-bin-path)/kefu}

# One rate step against 127.0.0.1:$1; prints "ok" or "fail <successful> <failed>".
run_step() {
  local target_port=$1 rate=$2
  local calls=$((rate * step_seconds))
  local local_port; local_port=$(free_port)
  local stat="$work/stat-$target_port-$rate.csv"
  set +e
  sipp -sf scripts/bench/sip-rate-uac.xml -s 9999 "127.0.0.1:$target_port" -i 127.0.0.1 -p "$local_port" -r "$rate" -rp 1000 \
    -m "$calls" -l $((rate * 4)) -nostdin -timeout $((step_seconds + 30))s -timeout_error \
    -max_recv_loops 10000 -max_sched_loops 10000 -trace_stat -stf "$stat" -fd 1 >"$work/sipp-$target_port-$rate.log" 2>&1
  local status=$?
  set -e
  local ok failed
  ok=$(awk -F';' 'NR==1{for(i=1;i<=NF;i++)if($i=="SuccessfulCall(C)")c=i} END{print $c+0}' "$stat" 2>/dev/null || echo 0)
  failed=$(awk -F';' 'NR==1{for(i=1;i<=NF;i++)if($i=="FailedCall(C)")c=i} END{print $c+0}' "$stat" 2>/dev/null || echo 0)
  if [[ $status -eq 0 && $failed -eq 0 && $ok -eq $calls ]]; then echo "ok"; else echo "fail $ok $failed"; fi
}

# The ladder for one target; prints the highest passing rate.
ladder() {
  local name=$1 port=$2 best=0
  for rate in "${rates[@]}"; do
    local result; result=$(run_step "$port" "$rate")
    printf '  %-9s %5d calls/s: %s\n' "$name" "$rate" "$result" >&2
    if [[ $result == ok ]]; then best=$rate; else break; fi
    sleep 2
  done
  echo "$best"
}

# kefu
kefu_port=$(free_port)
"$kefu" serve --sip-port "$kefu_port" --http-port "$(free_port)" --no-tcp --log-level error --data-dir "$work/data" >"$work/kefu.log" 2>&1 &
pids+=($!)
sleep 2
echo "kefu (release) on 127.0.0.1:$kefu_port" >&2
kefu_best=$(ladder kefu "$kefu_port")
kefu_cpu=$(ps -o times= -p "${pids[0]}" 2>/dev/null | tr -d ' ' || echo "?")
kill "${pids[0]}" 2>/dev/null || true

# Kamailio on its own port in front of its own SIPp UAS, with the -A defines given; sets kam_port.
start_kamailio() {
  local name=$1; shift
  local uas_port; kam_port=$(free_port); uas_port=$(free_port)
  mkdir -p "$work/$name"
  sed -e "s/127.0.0.1:25060/127.0.0.1:$kam_port/g" -e "s/127.0.0.1:25080/127.0.0.1:$uas_port/g" \
      -e "s#unix:/tmp/perf/kamailio_ctl.sock#unix:$work/$name/kamailio_ctl.sock#" \
      -e "s#udp:127.0.0.1:22222#udp:127.0.0.1:${ng_port:-22222}#" \
      scripts/bench/kamailio-proxy.cfg >"$work/$name/kamailio.cfg"
  sipp -sf scripts/bench/sip-rate-uas.xml -i 127.0.0.1 -p "$uas_port" -nostdin -max_recv_loops 10000 -max_sched_loops 10000 >"$work/$name/uas.log" 2>&1 &
  pids+=($!)
  kamailio -f "$work/$name/kamailio.cfg" -P "$work/$name/kamailio.pid" -DD -E -m 2048 -M 32 -A KAM_CHILDREN=4 "$@" -x tlsf >"$work/$name/kamailio.log" 2>&1 &
  pids+=($!)
  sleep 3
  echo "Kamailio ($name) on 127.0.0.1:$kam_port -> SIPp UAS on 127.0.0.1:$uas_port" >&2
}

kamailio_best="skipped"
if [[ -z "${SKIP_KAMAILIO:-}" ]] && command -v kamailio >/dev/null; then
  start_kamailio proxy
  kamailio_best=$(ladder kamailio "$kam_port")
  kill "$(cat "$work/proxy/kamailio.pid")" 2>/dev/null || true
fi

# WITH_MEDIA_ANCHOR=1: Kamailio tracking dialogs and anchoring every call's media in rtpengine
# (userspace relay, as /work/shared/bench/README.md runs it): the nearest open-source stack to
# what kefu does per call (two dialogs' worth of state, four relay sockets), minus queueing,
# recording and the CDR. A deleted call frees its ports at once (--delete-delay=0), as kefu's
# do; with the default 30 s a few thousand calls/s run out of ports.
anchored_best="skipped"
if [[ -n "${WITH_MEDIA_ANCHOR:-}" ]] && command -v kamailio >/dev/null && command -v rtpengine >/dev/null; then
  ng_port=$(free_port)
  rtpengine --foreground --log-stderr --log-level 3 --table=-1 --interface=127.0.0.1 --listen-ng="127.0.0.1:$ng_port" \
    --port-min 30000 --port-max 59999 --delete-delay=0 --pidfile "$work/rtpengine.pid" >"$work/rtpengine.log" 2>&1 &
  pids+=($!)
  sleep 2  # Kamailio pings rtpengine once at start and would route past an absent one
  start_kamailio anchored -A WITH_DIALOG -A WITH_RTPENGINE
  anchored_best=$(ladder kam+rtpe "$kam_port")
fi

echo "step ${step_seconds}s, INVITE-180-200-ACK-BYE, zero failed calls"
echo "kefu:     ${kefu_best} calls/s (kefu CPU time for the whole ladder: ${kefu_cpu})"
echo "kamailio: ${kamailio_best} calls/s"
echo "kamailio+rtpengine: ${anchored_best} calls/s (dialogs tracked, media anchored)"
