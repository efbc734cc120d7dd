#!/usr/bin/env bash
# Store benchmarks: CDR inserts per second on SQLite and a throw-away PostgreSQL (one per
# transaction and 100 per transaction), and reading an agent's configuration by SIP user
# name. Prints ordo-one's tables; asserts nothing.
# Usage: scripts/bench/store-bench.sh [extra arguments for `swift package benchmark`]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root/Benchmarks"
exec "$root/scripts/with-postgres" swift package --disable-sandbox benchmark --target StoreBenchmarks "$@"
