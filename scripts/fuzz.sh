#!/usr/bin/env bash
# Builds the libFuzzer targets of Fuzz/ (with AddressSanitizer) and runs each for a bounded time.
#
#   scripts/fuzz.sh [seconds-per-target] [target ...]     default: 60 s, every target
#
# Each target starts from its committed seed corpus (Fuzz/Corpus/<target>) and writes what it
# discovers to Fuzz/.build/fuzz-corpus/<target> (not committed). A crash, leak, timeout or
# out-of-memory input lands in Fuzz/.build/fuzz-artifacts/<target>/ and the script exits 1:
# minimize it (`<binary> -minimize_crash=1 <input>`), fix the parser, and commit the input under
# Fuzz/FailCases/<target>/ so `swift test` replays it (Tests/SIPTests/SDP/FuzzFailCaseTests.swift).
#
# Environment:
#   FUZZ_SANITIZERS=fuzzer            build without ASan (faster, finds fewer memory errors)
#   FUZZ_MERGE=1                      afterwards, merge new coverage into Fuzz/Corpus/<target>
#   FUZZ_ARGS="-jobs=2 -workers=2"    extra libFuzzer flags
set -euo pipefail

seconds=${1:-60}
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then targets=(FuzzSIPMessage FuzzSIPStream FuzzSDP); fi
sanitizers=${FUZZ_SANITIZERS:-fuzzer,address}

cd "$(dirname "$0")/../Fuzz"
# Let libFuzzer report crashes; the Swift backtracer reading memory under ASan adds noise.
export SWIFT_BACKTRACE=enable=no
swift build -c release -Xswiftc "-sanitize=$sanitizers" -Xswiftc -use-ld=lld
bin=$(swift build -c release -Xswiftc "-sanitize=$sanitizers" -Xswiftc -use-ld=lld --show-bin-path)

dictionary() {
    case "$1" in
        FuzzSDP) echo Dictionaries/sdp.dict ;;
        *) echo Dictionaries/sip.dict ;;
    esac
}

failed=0
for target in "${targets[@]}"; do
    corpus=.build/fuzz-corpus/$target
    artifacts=.build/fuzz-artifacts/$target
    mkdir -p "$corpus" "$artifacts" "Corpus/$target"
    rm -f "$artifacts"/*    # findings of earlier runs were reported then
    echo "== $target: ${seconds}s"
    # -timeout: an input taking over 10 s is a hang; -rss_limit_mb bounds memory growth.
    status=0
    # shellcheck disable=SC2086
    "$bin/$target" "$corpus" "Corpus/$target" \
        -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=8192 \
        -dict="$(dictionary "$target")" -artifact_prefix="$artifacts/" -print_final_stats=1 \
        ${FUZZ_ARGS:-} > ".build/fuzz-$target.log" 2>&1 || status=$?
    grep -E "^#[0-9]+[[:space:]]+(INITED|DONE)|^stat::|ERROR|SUMMARY|Test unit written" ".build/fuzz-$target.log" || true
    if [ "$status" -ne 0 ] || [ -n "$(ls -A "$artifacts")" ]; then
        echo "!! $target found a problem (exit $status); inputs in Fuzz/$artifacts/, log in Fuzz/.build/fuzz-$target.log"
        failed=1
    fi
    if [ "${FUZZ_MERGE:-0}" = 1 ]; then
        "$bin/$target" -merge=1 "Corpus/$target" "$corpus" > ".build/fuzz-merge-$target.log" 2>&1
    fi
done
exit $failed
