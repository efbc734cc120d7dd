# Shared by the call-path load scripts (sourced, not run): cleanup of the processes a script
# started (their pids in `pids`) and of its `work` folder, a free loopback port for UDP and
# TCP, and filling a SIPp fixture's {{KEY}} placeholders.

pids=()
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

# fill FILE KEY=VALUE...: the fixture with its {{KEY}} placeholders filled.
fill() {
  local file=$1; shift
  local text; text=$(cat "$file")
  for pair in "$@"; do text=${text//"{{${pair%%=*}}}"/${pair#*=}}; done
  printf '%s\n' "$text"
}
