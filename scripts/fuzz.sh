#!/usr/bin/env bash
# Runs every fuzz target of fuzz/ for a fixed time and summarises executions and crashes.
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]     (default 600 s, every target)
#
# Needs the nightly toolchain and cargo-fuzz (`cargo install cargo-fuzz`). Seeds come from
# fuzz/make_seeds.py (sample articles plus hostile bytes); the corpora grow in fuzz/corpus/,
# crashes land in fuzz/artifacts/<target>/, logs in fuzz/logs/. A crash reproducer belongs
# in tests/fuzz_regressions/<target>/ once fixed, where `cargo test` replays it.
# PARALLEL=2 runs two targets at a time (each single-process); CARGO_TARGET_DIR defaults to a
# directory of its own, so the sanitizer build never evicts the normal one.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_TARGET=${1:-600}
shift || true
TARGETS=("$@")
[ ${#TARGETS[@]} -eq 0 ] && TARGETS=(decode clean segment extract pipeline)
PARALLEL=${PARALLEL:-1}
MAX_LEN=8192  # invariants::targets::MAX_LEN
export CARGO_TARGET_DIR=${FUZZ_TARGET_DIR:-${CARGO_TARGET_DIR:-$PWD/target}-fuzz}
LOGS=fuzz/logs
mkdir -p "$LOGS"

python3 fuzz/make_seeds.py
# -a: debug assertions on, so that integer overflow is a crash too.
cargo +nightly fuzz build -O -a --fuzz-dir fuzz

run_one() {
    local t=$1
    mkdir -p "fuzz/artifacts/$t"
    local before
    before=$(ls "fuzz/artifacts/$t" | wc -l)
    # libFuzzer stops at the first crash: fix it, add the reproducer, run again.
    cargo +nightly fuzz run -O -a --fuzz-dir fuzz "$t" "fuzz/corpus/$t" -- \
        -max_total_time="$SECONDS_PER_TARGET" -max_len=$MAX_LEN -timeout=10 -rss_limit_mb=2048 \
        -print_final_stats=1 >"$LOGS/$t.log" 2>&1 || true
    local after runs secs
    after=$(ls "fuzz/artifacts/$t" | wc -l)
    runs=$(grep -oE '^Done [0-9]+ runs in [0-9]+ second' "$LOGS/$t.log" | awk '{print $2}' | tail -1 || true)
    secs=$(grep -oE '^Done [0-9]+ runs in [0-9]+ second' "$LOGS/$t.log" | awk '{print $5}' | tail -1 || true)
    if [ -z "$runs" ]; then  # stopped by a crash: the last status line has the count
        runs=$(grep -oE '^#[0-9]+' "$LOGS/$t.log" | tail -1 | tr -d '#' || true)
        secs="(stopped: crash)"
    fi
    printf '%-9s runs=%-10s seconds=%-6s new_crashes=%s corpus=%s\n' "$t" "${runs:-?}" "${secs:-?}" \
        "$((after - before))" "$(ls "fuzz/corpus/$t" | wc -l)" | tee -a "$LOGS/summary.txt"
}

echo "== $(date -u +%FT%TZ) ${SECONDS_PER_TARGET}s per target, $PARALLEL at a time" | tee -a "$LOGS/summary.txt"
i=0
for t in "${TARGETS[@]}"; do
    run_one "$t" &
    i=$((i + 1))
    if [ $((i % PARALLEL)) -eq 0 ]; then wait; fi
done
wait
