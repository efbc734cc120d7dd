#!/usr/bin/env bash
# Prompt playback benchmark: N concurrent legs each looping a prompt (IVR / music on hold),
# all paced by the one shared media clock, received and checked by the load generator for
# DURATION seconds. Prints streams, packets received vs expected (50/s per stream), sequence
# gaps, and the Kefu process's CPU.
#
# usage: scripts/bench/media-playback.sh     (STREAMS="1000" DURATION=30)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
streams_list=${STREAMS:-"1000"}
duration=${DURATION:-30}
warmup=${WARMUP:-3}
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
done
rm -rf "$work"
