#!/usr/bin/env bash
# Prompt playback benchmark: N concurrent legs each looping a prompt (IVR / music on hold),
# all paced by the one shared media clock, received and checked by the load generator for
# DURATION seconds. Prints streams, packets received vs expected (50/s per stream), sequence
# gaps, and the Kefu process's CPU.
#
# usage: scripts/bench/media-playback.sh [--streams "1000"] [--duration 30] [--warmup 3]
#        (the environment variables STREAMS, DURATION, WARMUP and NICE work too)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
streams_list=${STREAMS:-"1000"}
duration=${DURATION:-30}
warmup=${WARMUP:-3}
while [[ $# -gt 0 ]]; do
  case $1 in
    --streams) streams_list=$2; shift 2 ;;
    --duration) duration=$2; shift 2 ;;
    --warmup) warmup=$2; shift 2 ;;
    -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
    *) echo "unknown option $1 (try --help)" >&2; exit 2 ;;
  esac
done
work=$(mktemp -d /tmp/kefu-media-playback.XXXXXX)
listen_port=19994
prompt="$root/Tests/MediaTests/Fixtures/speech-zh.wav"
nice_cmd=()
if [[ $(id -u) -eq 0 && ${NICE:--10} != 0 ]]; then nice_cmd=(nice -n "${NICE:--10}"); fi
ulimit -n 65536 2>/dev/null || true
pid=""
trap '[[ -n "$pid" ]] && kill "$pid" 2>/dev/null; exec 3>&- 2>/dev/null || true' EXIT

cc -O2 -Wall -o "$work/media-loadgen" "$root/scripts/bench/media-loadgen.c"
(cd "$root/scripts/bench/media-bench-server" && swift build -c release 2>&1 | tail -1)
server="$root/scripts/bench/media-bench-server/.build/release/MediaBenchServer"

echo "== $duration s per run after ${warmup} s warm-up; CPU is % of one core (2 cores = 200%); load now: $(cut -d' ' -f1-3 /proc/loadavg)"
for streams in $streams_list; do
  rm -f "$work/ctl"; mkfifo "$work/ctl"
  "${nice_cmd[@]}" "$server" playback "$streams" "$listen_port" 20000 39999 "$prompt" < "$work/ctl" > "$work/out" 2> "$work/err" &
  pid=$!
  exec 3> "$work/ctl"
  for _ in $(seq 1 600); do grep -q READY "$work/out" && break; sleep 0.1; done
  grep -q READY "$work/out" || { cat "$work/err"; exit 1; }
  line=$("${nice_cmd[@]}" "$work/media-loadgen" listen "$listen_port" "$duration" "$warmup" "$pid")
  echo stop >&3; exec 3>&-
  wait "$pid" || true
  pid=""
  echo "kefu playback $line"
  get() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<< " $line"; }
  awk -v n="$(get streams)" -v p="$(get packets)" -v e="$(get expected)" -v g="$(get gaps)" -v c="$(get server_cpu_pct)" -v s="$(get seconds)" 'BEGIN {
    printf "  %d streams: received %.3f%% of 50 packets/s per stream (the window edges cost up to a packet per stream), %d sequence gaps (lost or late packets), CPU %.1f%% of a core = %.1f%% per 100 streams, %.2f us per packet sent\n",
      n, (e > 0 ? 100 * p / e : 0), g, c, (n > 0 ? c * 100 / n : 0), (p > 0 ? c / 100 * s * 1e6 / p : 0) }'
done
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
rm -rf "$work"
