#!/usr/bin/env bash
# Media relay benchmark: N concurrent bridged calls (2N streams, 50 packets/s each way) relayed
# on loopback for DURATION seconds, through Kefu's Media engine and through rtpengine
# (userspace forwarding, table -1) in the same run. Prints, per N and relay: packets sent,
# lost, loss %, corrupted payloads, the relay's CPU (% of one core, and per 100 calls), and the
# load generator's own CPU; then the highest N with loss under 0.1% for each relay.
#
# usage: scripts/bench/media-bridge.sh [--calls "250 500 1000 1500 2000"] [--duration 60]
#                                       [--warmup 3] [--relays "kefu rtpengine"]
#        scripts/bench/media-bridge.sh --calls 1000 --duration 10     (a quick run)
#        (the environment variables CALLS, DURATION, WARMUP, RELAYS and NICE work too)
# Needs: cc, python3, swift; rtpengine (Debian rtpengine-daemon) for the comparison. Root helps
# (bigger socket buffers for the generator). Everything runs on 127.0.0.1 and stops by itself.
set -euo pipefail
# Relay and generator run at a raised priority (root) so that other work on a shared machine
# disturbs both relays alike and less; NICE=0 turns that off.
nice_level=${NICE:--10}
if [[ $(id -u) -eq 0 && $nice_level != 0 && -w /proc/self/autogroup && -z ${KEFU_BENCH_SESSION:-} ]]; then
  KEFU_BENCH_SESSION=1 exec setsid -w bash "$0" "$@"
fi
root=$(cd "$(dirname "$0")/../.." && pwd)
calls_list=${CALLS:-"250 500 1000 1500 2000"}
duration=${DURATION:-60}
warmup=${WARMUP:-3}
relays=${RELAYS:-"kefu rtpengine"}
while [[ $# -gt 0 ]]; do
  case $1 in
    --calls) calls_list=$2; shift 2 ;;
    --duration) duration=$2; shift 2 ;;
    --warmup) warmup=$2; shift 2 ;;
    --relays) relays=$2; shift 2 ;;
    -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
    *) echo "unknown option $1 (try --help)" >&2; exit 2 ;;
  esac
done
work=$(mktemp -d /tmp/kefu-media-bench.XXXXXX)
caller_port=19990
agent_port=19992
ng_port=22222
nice_cmd=()
if [[ $(id -u) -eq 0 && $nice_level != 0 ]]; then
  nice_cmd=(nice -n "$nice_level")
  # With autogroup scheduling nice only ranks processes within one session, so the benchmark
  # runs in its own session (started at the top) and raises that session's weight.
  if [[ -n ${KEFU_BENCH_SESSION:-} ]]; then echo "$nice_level" > /proc/self/autogroup 2>/dev/null || true; fi
fi
ulimit -n 65536 2>/dev/null || true

pids=()
cleanup() {
  for pid in "${pids[@]:-}"; do [[ -n "$pid" ]] && kill "$pid" 2>/dev/null || true; done
  exec 3>&- 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

echo "== building the load generator and the Kefu bench server (release)"
cc -O2 -Wall -o "$work/media-loadgen" "$root/scripts/bench/media-loadgen.c"
(cd "$root/scripts/bench/media-bench-server" && swift build -c release 2>&1 | tail -1)
server="$root/scripts/bench/media-bench-server/.build/release/MediaBenchServer"

results=()

run_kefu() {
  local calls=$1
  rm -f "$work/ctl"; mkfifo "$work/ctl"
  "${nice_cmd[@]}" "$server" bridge "$calls" 20000 39999 < "$work/ctl" > "$work/kefu.out" 2> "$work/kefu.err" &
  local pid=$!
  pids+=("$pid")
  exec 3> "$work/ctl"
  for _ in $(seq 1 600); do grep -q READY "$work/kefu.out" && break; sleep 0.1; done
  grep -q READY "$work/kefu.out" || { echo "Kefu bench server did not start:"; cat "$work/kefu.err"; exit 1; }
  sed -n '/READY/,$p' "$work/kefu.out" | tail -n +2 > "$work/ports"
  local line
  line=$("${nice_cmd[@]}" "$work/media-loadgen" bridge "$work/ports" "$caller_port" "$agent_port" "$duration" "$warmup" "$pid")
  echo stop >&3; exec 3>&-
  wait "$pid" || true
  echo "kefu      $line"
  results+=("kefu $line")
}

run_rtpengine() {
  local calls=$1
  command -v rtpengine > /dev/null || { echo "rtpengine not installed (apt-get install rtpengine-daemon): skipped"; return; }
  "${nice_cmd[@]}" rtpengine --table=-1 --interface=127.0.0.1 --listen-ng=127.0.0.1:$ng_port --foreground --log-stderr \
    --log-level=3 --port-min=40000 --port-max=59999 --timeout=3600 --num-threads="$(nproc)" \
    > "$work/rtpengine.log" 2>&1 &
  local pid=$!
  pids+=("$pid")
  for _ in $(seq 1 50); do
    python3 -c "import socket;s=socket.socket(socket.AF_INET,socket.SOCK_DGRAM);s.settimeout(0.2);s.sendto(b'1 d7:command4:pinge',('127.0.0.1',$ng_port));s.recvfrom(100)" 2>/dev/null && break
    sleep 0.1
  done
  python3 "$root/scripts/bench/media-rtpengine-ng.py" "$calls" "$caller_port" "$agent_port" "$ng_port" > "$work/ports"
  local line
  line=$("${nice_cmd[@]}" "$work/media-loadgen" bridge "$work/ports" "$caller_port" "$agent_port" "$duration" "$warmup" "$pid")
  kill "$pid"; wait "$pid" 2>/dev/null || true
  echo "rtpengine $line"
  results+=("rtpengine $line")
}

echo "== $duration s per run after ${warmup} s warm-up; CPU is % of one core (2 cores = 200%); load now: $(cut -d' ' -f1-3 /proc/loadavg); scheduler group: $(cat /proc/self/autogroup 2>/dev/null)"
for calls in $calls_list; do
  for relay in $relays; do
    "run_$relay" "$calls"
  done
done

echo
echo "== summary"
printf "%-10s %6s %10s %9s %8s %9s %12s %10s %12s %8s %10s\n" relay calls sent loss% corrupt cpu% cpu/100calls calls/core loadgen_cpu% seconds us/packet
best_kefu=0; best_rtpengine=0
for r in "${results[@]}"; do
  relay=${r%% *}
  get() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<< " ${r#* }"; }
  calls=$(get calls); seconds=$(get seconds); sent=$(get sent); loss=$(get loss_pct); corrupt=$(get corrupt); cpu=$(get relay_cpu_pct); gen=$(get loadgen_cpu_pct)
  per100=$(awk -v c="$cpu" -v n="$calls" 'BEGIN { printf "%.1f", c * 100 / n }')
  percore=$(awk -v c="$cpu" -v n="$calls" 'BEGIN { printf "%.0f", (c > 0 ? n * 100 / c : 0) }')
  # CPU time per relayed packet does not depend on how busy the machine was; at 100 packets/s
  # per call it equals the % of a core that 100 calls need.
  perpacket=$(awk -v c="$cpu" -v s="$seconds" -v p="$sent" 'BEGIN { printf "%.2f", c / 100 * s * 1e6 / p }')
  printf "%-10s %6s %10s %9s %8s %9s %12s %10s %12s %8s %10s\n" "$relay" "$calls" "$sent" "$loss" "$corrupt" "$cpu" "$per100" "$percore" "$gen" "$seconds" "$perpacket"
  # A run counts only if the generator kept its pace (it offered the nominal rate).
  if awk -v l="$loss" -v c="$corrupt" -v s="$seconds" -v d="$duration" 'BEGIN { exit !(l < 0.1 && c == 0 && s <= d * 1.05) }'; then
    if [[ $relay == kefu && $calls -gt $best_kefu ]]; then best_kefu=$calls; fi
    if [[ $relay == rtpengine && $calls -gt $best_rtpengine ]]; then best_rtpengine=$calls; fi
  fi
done
echo "highest N with loss < 0.1% at full pace: kefu=$best_kefu rtpengine=$best_rtpengine (of: $calls_list)"
for r in "${results[@]}"; do
  seconds=$(sed -n 's/.* seconds=\([^ ]*\).*/\1/p' <<< " $r")
  if awk -v s="$seconds" -v d="$duration" 'BEGIN { exit !(s > d * 1.05) }'; then
    echo "NOTE: ${r%% *} at $(sed -n 's/.* calls=\([^ ]*\).*/\1/p' <<< " $r") calls: $duration s of traffic took $seconds s, the generator did not get" \
      "enough CPU (busy machine); the offered rate was lower than nominal, so trust us/packet, not cpu% or the highest N"
  fi
done
echo "(us/packet is CPU time per relayed packet, which equals % of a core per 100 calls at 50 packets/s each way)"
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg); CPU pressure: $(head -1 /proc/pressure/cpu 2>/dev/null)"
