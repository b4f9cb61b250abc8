#!/usr/bin/env bash
# Runs one libFuzzer target: scripts/fuzz.sh TARGET [SECONDS] [-- LIBFUZZER-OPTIONS...]
# Targets: pipeline, corpus, config, literalism, server (sources in Fuzz/Sources/fuzz-TARGET).
# Builds Fuzz/ (a package of its own) with --sanitize=fuzzer --sanitize=address into .build-fuzz/, seeds the
# target's corpus from Samples/, the rule packs and Fuzz/Seeds/TARGET, and fuzzes for SECONDS (default 60).
# New inputs go to .build-fuzz/corpus/TARGET; crashes, hangs and leaks to .build-fuzz/findings/TARGET.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
target=${1:?usage: scripts/fuzz.sh TARGET [SECONDS] [-- LIBFUZZER-OPTIONS...]}
seconds=${2:-60}
shift $(( $# >= 2 ? 2 : 1 ))
[ "${1:-}" = "--" ] && shift
case $target in pipeline|corpus|config|literalism|server) ;; *)
    echo "fuzz.sh: unknown target '$target' (pipeline, corpus, config, literalism, server)" >&2; exit 2 ;;
esac

scratch=$root/.build-fuzz
# swiftc keeps only its last -sanitize flag, so the Swift modules get both sanitizers in one flag (coverage
# instrumentation comes with "fuzzer"); --sanitize makes SwiftPM link libFuzzer's main. -enable-testing lets
# the targets reach internal decoders (@testable import).
build=(swift build -c release --scratch-path "$scratch/build" --sanitize=fuzzer --sanitize=address
       -Xswiftc -sanitize=fuzzer,address -Xswiftc -enable-testing)
if [ -z "${FUZZ_NO_BUILD:-}" ]; then
    (cd Fuzz && "${build[@]}" --product "fuzz-$target" 2>&1 | { grep -v "warning: Cannot export local symbol" || true; } >&2)
fi
binary=$(cd Fuzz && "${build[@]}" --show-bin-path)/fuzz-$target
# Crashes are reported by libFuzzer and AddressSanitizer, not Swift's backtracer (which waits on them).
export SWIFT_BACKTRACE=enable=no
export LSAN_OPTIONS="suppressions=$root/Fuzz/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}"

corpus=$scratch/corpus/$target
findings=$scratch/findings/$target
mkdir -p "$corpus" "$findings"
seeds=$scratch/seeds/$target
rm -rf "$seeds"; mkdir -p "$seeds"
python3 scripts/fuzz-seeds.py "$target" "$seeds"

# -timeout: an input taking longer than this is a hang; -rss_limit_mb: more memory than this is a leak or
# an unbounded structure. -detect_leaks=0 turns off libFuzzer's per-input leak check, which runs a full
# LeakSanitizer scan after every input that allocates more than it frees (the rules fill caches on first
# use), slowing the pipeline target to under one input per second; LeakSanitizer still checks the whole run
# when the process exits, so memory a run loses is reported (and the run fails) all the same.
exec "$binary" "$corpus" "$seeds" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
    -detect_leaks=0 -artifact_prefix="$findings/" -print_final_stats=1 "$@"
