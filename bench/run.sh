#!/usr/bin/env bash
# Benchmark of docctl (issue 6): `make bench` runs this script.
#
# Builds docctl in release mode, generates synthetic document sets (bench/gen_docset.py), times
# `docctl check`, `build` and `publish` (the latter two only when this docctl has them) with
# /usr/bin/time -v, and the floor — the cmark-gfm command line rendering the same Markdown —
# in the same run, and xmllint reading and validating the archives `build` wrote (libxml2 alone on
# output the floor does not make). Writes BENCHMARKS.md (bench/report.py) with medians, ratios and the goals.
#
# Environment: BENCH_SIZES ("50 200 1000"), BENCH_PEER_SIZES ("200 1000"), BENCH_MKDOCS, BENCH_RUNS (3), BENCH_EXAMPLE_RUNS (11), BENCH_SCRATCH (.build-bench), BENCH_DYNAMIC=1, BENCH_TMP,
# BENCH_OUTPUT (BENCHMARKS.md), BENCH_SKIP_BUILD=1 to reuse the last release build.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)
SIZES=${BENCH_SIZES:-"50 200 1000"}
RUNS=${BENCH_RUNS:-3}
SCRATCH=${BENCH_SCRATCH:-.build-bench}
OUTPUT=${BENCH_OUTPUT:-BENCHMARKS.md}
TODAY=2026-12-01
export SOURCE_DATE_EPOCH=1796083200   # 2026-12-01T00:00:00Z: build output is reproducible
export SWIFT_BACKTRACE=enable=no

say() { echo "bench: $*" >&2; }

# System packages the benchmark needs (GNU time for peak RSS, the cmark-gfm CLI for the floor).
missing=""
[ -x /usr/bin/time ] || missing="$missing time"
command -v cmark-gfm >/dev/null 2>&1 || missing="$missing cmark-gfm"
command -v python3 >/dev/null 2>&1 || missing="$missing python3"
command -v xmllint >/dev/null 2>&1 || missing="$missing libxml2-utils"
dpkg-query -W -f='${Status}' libjemalloc-dev 2>/dev/null | grep -q "install ok installed" || missing="$missing libjemalloc-dev"
if [ -n "$missing" ]; then
    SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
    say "installing missing Debian packages:$missing"
    $SUDO apt-get update -qq
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing
fi

# The binary as shipped (`make release`): the Swift runtime and Foundation linked in, which saves
# the dynamic linking of every start (~10 ms, a fifth of `check` on the example).
# BENCH_DYNAMIC=1 measures a dynamically linked build instead.
# The options are the Makefile's (`make release-link`: jemalloc as the allocator, among others).
read -r -a LINK_FLAGS <<< "$(make -s --no-print-directory release-link)"
[ "${BENCH_DYNAMIC:-0}" != 1 ] || LINK_FLAGS=()
# BENCH_HOSTILE_BIN (with `hostile`) measures that binary and builds nothing.
[ -z "${BENCH_HOSTILE_BIN:-}" ] || BENCH_SKIP_BUILD=1
if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then
    say "building docctl (release ${LINK_FLAGS[*]:-dynamic}, scratch path $SCRATCH)"
    swift build -c release "${LINK_FLAGS[@]}" --scratch-path "$SCRATCH" --product docctl >&2
    # `docctl serve` starts the docctl-serve program next to docctl (the preview section).
    swift build -c release "${LINK_FLAGS[@]}" --scratch-path "$SCRATCH" --product docctl-serve >&2
fi
BIN=${BENCH_HOSTILE_BIN:-$(swift build -c release "${LINK_FLAGS[@]}" --scratch-path "$SCRATCH" --show-bin-path)/docctl}
[ -x "$BIN" ] || { say "no release binary at $BIN"; exit 2; }

# `bash bench/run.sh hostile` (or BENCH_HOSTILE_ONLY=1) measures only the hostile inputs of issue 12
# (bench/gen_hostile.py): one `check` and one `build` of each, judged against the budget, and
# rewrites the "Hostile inputs" section of BENCHMARKS.md in place. BENCH_HOSTILE_BIN measures
# another binary (e.g. an older build, for a before/after table), BENCH_HOSTILE_TIMEOUT (300) stops
# a run that would never end.
hostile() {
    local bin=${BENCH_HOSTILE_BIN:-$BIN} timeout=${BENCH_HOSTILE_TIMEOUT:-300}
    local work
    work=$(mktemp -d "${BENCH_TMP:-${TMPDIR:-/tmp}}/docctl-hostile.XXXXXX")
    local results="$work/hostile.tsv"
    : > "$results"
    python3 bench/gen_hostile.py manual-src "$work/sets" > "$work/inputs.tsv"
    local name bytes what command status start end rss
    while IFS=$'\t' read -r name bytes what; do
        for command in check build; do
            local args=("$bin" check "$work/sets/$name" --today 2026-12-01)
            [ "$command" = check ] || args=("$bin" build "$work/sets/$name" -o "$work/out-$name" --today 2026-12-01)
            rm -rf "$work/out-$name"
            start=$(date +%s%N)
            status=0
            timeout "$timeout" /usr/bin/time -v -o "$work/time.txt" "${args[@]}" > /dev/null 2> "$work/stderr.txt" || status=$?
            end=$(date +%s%N)
            rss=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$work/time.txt" 2>/dev/null)
            if grep -q "terminated by signal" "$work/time.txt" 2>/dev/null; then
                status="signal $(awk '/terminated by signal/ { print $NF }' "$work/time.txt")"
            fi
            [ "$status" != 124 ] || status="timeout ${timeout}s"
            printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$bytes" "$what" "$command" "$(( (end - start) / 1000 ))" "${rss:-0}" "$status" >> "$results"
            say "hostile $name $command: $(( (end - start) / 1000000 )) ms, ${rss:-?} kB, status $status"
            rm -rf "$work/out-$name"
        done
        rm -rf "$work/sets/$name"
    done < "$work/inputs.tsv"
    cp "$results" "$SCRATCH/hostile-results.tsv"
    python3 bench/report.py --hostile "$results" "$OUTPUT" --binary "$bin"
    rm -rf "$work"
}
# `bash bench/run.sh preview`: only the live preview and incremental build figures (issue 18).
if [ "${1:-}" = preview ]; then
    python3 bench/preview_bench.py "$BIN" --output "$OUTPUT" --runs "${BENCH_PREVIEW_RUNS:-5}"
    exit 0
fi
if [ "${1:-}" = hostile ] || [ "${BENCH_HOSTILE_ONLY:-0}" = 1 ]; then
    hostile
    say "wrote the hostile inputs to $OUTPUT"
    exit 0
fi

HELP=$("$BIN" --help 2>&1 || true)
has_command() { printf '%s\n' "$HELP" | grep -Eq "^[[:space:]]+$1([[:space:]]|$)"; }
has_option() { "$BIN" "$1" --help 2>&1 | grep -q -- "$2"; }

export BENCH_LOAD_BEFORE
BENCH_LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || true)
# Sets and outputs live in memory (/dev/shm) when it is there: the floor writes to /dev/null, and
# the disk of a shared virtual machine made file creation vary tenfold between minutes.
# BENCH_TMP chooses another place.
if [ -z "${BENCH_TMP:-}" ] && [ -d /dev/shm ] && [ -w /dev/shm ]; then BENCH_TMP=/dev/shm; fi
WORK=$(mktemp -d "${BENCH_TMP:-${TMPDIR:-/tmp}}/docctl-bench.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
RESULTS="$WORK/results.tsv"
: > "$RESULTS"

# measure LABEL SIZE COMMAND… — RUNS runs; appends "size label wall_µs rss_kB status cpu_µs" per run.
# Wall time is taken around /usr/bin/time (nanosecond clock; GNU time itself rounds to 10 ms);
# peak RSS is GNU time's "Maximum resident set size". A PREPARE function, if set, runs untimed
# before each run (fresh output folders).
PREPARE=""
measure() {
    local label=$1 size=$2; shift 2
    local run start end status
    for run in $(seq 1 "$RUNS"); do
        [ -z "$PREPARE" ] || "$PREPARE"
        start=$(date +%s%N)
        status=0
        /usr/bin/time -v -o "$WORK/time.txt" "$@" > "$WORK/stdout.txt" 2> "$WORK/stderr.txt" || status=$?
        end=$(date +%s%N)
        local rss cpu
        rss=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$WORK/time.txt")
        cpu=$(awk -F': ' '/User time|System time/ { s += $2 } END { printf "%d", s * 1000000 }' "$WORK/time.txt")
        printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$size" "$label" "$(( (end - start) / 1000 ))" "${rss:-0}" "$status" "$cpu" >> "$RESULTS"
        if [ "$status" != 0 ]; then
            say "$label on $size exited with $status:"; tail -5 "$WORK/stderr.txt" >&2
        fi
    done
    say "$label $size: done"
}

CHECK_ARGS=(--today "$TODAY")
BUILD_ARGS=()
PUBLISH_ARGS=()
if has_command build; then
    has_option build --today && BUILD_ARGS+=(--today "$TODAY")
else
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "-" build n/a n/a n/a n/a >> "$RESULTS"
fi
if has_command publish; then
    has_option publish --today && PUBLISH_ARGS+=(--today "$TODAY")
else
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "-" publish n/a n/a n/a n/a >> "$RESULTS"
fi

# The example set: a check of a few tens of milliseconds, so more runs (another process on the
# machine moves one run by 10–20 ms).
EXAMPLE_RUNS=${BENCH_EXAMPLE_RUNS:-11}
RUNS_SETS=$RUNS
# Three untimed runs first: the release build has just written the 100+ MB binary, and the first
# starts pay for its pages still being written back and read in (the idle bench of session 8
# measured 61 ms as its first figure and 54 ms the same way a minute later).
sync
for _ in 1 2 3; do "$BIN" check manual-src "${CHECK_ARGS[@]}" > /dev/null 2>&1 || true; done
RUNS=$EXAMPLE_RUNS measure check example "$BIN" check manual-src "${CHECK_ARGS[@]}"
RUNS=$RUNS_SETS

for size in $SIZES; do
    SET="$WORK/set-$size"
    say "generating $size documents"
    python3 bench/gen_docset.py "$size" "$SET"
    find "$SET" -name '*.md' | LC_ALL=C sort | xargs cat > "$WORK/all-$size.md"
    bytes=$(wc -c < "$WORK/all-$size.md")
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$size" markdown-bytes "$bytes" 0 0 0 >> "$RESULTS"

    measure cmark-gfm "$size" cmark-gfm -e table "$WORK/all-$size.md"
    measure check "$size" "$BIN" check "$SET" "${CHECK_ARGS[@]}"
    if has_command build; then
        OUT="$WORK/out-$size"
        prepare_build() { rm -rf "$OUT"; }
        PREPARE=prepare_build
        measure build "$size" "$BIN" build "$SET" -o "$OUT" "${BUILD_ARGS[@]}"
        PREPARE=""
        # What the floor does not do, from the last build's output: bytes written (against the
        # floor's HTML), and libxml2 alone reading and validating the archives (xmllint).
        printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$size" output-bytes \
            "$(find "$OUT" -type f -printf '%s\n' | awk '{ s += $1 } END { print s + 0 }')" 0 0 0 >> "$RESULTS"
        printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$size" floor-output-bytes \
            "$(cmark-gfm -e table "$WORK/all-$size.md" | wc -c)" 0 0 0 >> "$RESULTS"
        find "$OUT" -name '*.xml' | LC_ALL=C sort > "$WORK/archives.txt"
        if [ -s "$WORK/archives.txt" ]; then
            measure xmllint-archives "$size" xargs -a "$WORK/archives.txt" \
                xmllint --noout --nonet --schema "$ROOT/Sources/DocCtlCore/Resources/templates/document.xsd"
        fi
    fi
    if has_command publish; then
        SITE="$WORK/site-$size"
        prepare_publish() { rm -rf "$SITE"; mkdir -p "$SITE"; }
        PREPARE=prepare_publish
        measure publish "$size" "$BIN" publish "$SET" --to "$SITE" "${PUBLISH_ARGS[@]}"
        PREPARE=""
    fi
    rm -rf "$SET" "$WORK/out-$size" "$WORK/site-$size" "$WORK/all-$size.md"
done

# The peer corpus of issue 18 (bench/gen_peer.py): ~82 KB documents of dense Markdown, once as a
# docctl set and once as an mkdocs project; docctl's check and build against the cmark-gfm floor and
# `mkdocs build` (mkdocs==1.6.1 from pip, in a throwaway virtual environment under the bench's
# temporary folder; BENCH_MKDOCS names an mkdocs executable to use instead, BENCH_PEER_SIZES="" skips
# the corpus). Rows are labelled `peer-N`.
PEER_SIZES=${BENCH_PEER_SIZES-"200 1000"}
MKDOCS=${BENCH_MKDOCS:-}
if [ -n "$PEER_SIZES" ] && [ -z "$MKDOCS" ]; then
    say "installing mkdocs==1.6.1 into a throwaway virtual environment"
    if python3 -m venv "$WORK/mkdocs-venv" >&2 && "$WORK/mkdocs-venv/bin/pip" install -q mkdocs==1.6.1 >&2; then
        MKDOCS="$WORK/mkdocs-venv/bin/mkdocs"
    else
        say "mkdocs could not be installed: the peer corpus is measured without it"
    fi
fi
for size in $PEER_SIZES; do
    PEER="$WORK/peer-$size"
    say "generating the peer corpus, $size documents"
    python3 bench/gen_peer.py "$size" "$PEER"
    find "$PEER/docctl" -name '*.md' | LC_ALL=C sort | xargs cat > "$WORK/peer-all-$size.md"
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "peer-$size" markdown-bytes "$(wc -c < "$WORK/peer-all-$size.md")" 0 0 0 >> "$RESULTS"
    measure cmark-gfm "peer-$size" cmark-gfm -e table "$WORK/peer-all-$size.md"
    measure check "peer-$size" "$BIN" check "$PEER/docctl" "${CHECK_ARGS[@]}"
    OUT="$WORK/peer-out-$size"
    prepare_build() { rm -rf "$OUT"; }
    PREPARE=prepare_build
    measure build "peer-$size" "$BIN" build "$PEER/docctl" -o "$OUT" "${BUILD_ARGS[@]}"
    if [ -n "$MKDOCS" ]; then
        prepare_mkdocs() { rm -rf "$PEER/mkdocs/site"; }
        PREPARE=prepare_mkdocs
        measure mkdocs "peer-$size" "$MKDOCS" build -q -f "$PEER/mkdocs/mkdocs.yml"
    fi
    PREPARE=""
    rm -rf "$PEER" "$OUT" "$WORK/peer-all-$size.md"
done

cp "$RESULTS" "$SCRATCH/bench-results.tsv"  # to re-run bench/report.py after editing bench/notes.md
python3 bench/report.py "$RESULTS" "$OUTPUT" --runs "$RUNS" --binary "$BIN"
hostile
if has_command serve; then
    say "measuring the live preview and incremental builds (bench/preview_bench.py)"
    python3 bench/preview_bench.py "$BIN" --output "$OUTPUT" --runs "${BENCH_PREVIEW_RUNS:-5}"
fi
if has_command import; then
    say "measuring the Word importer (bench/import_bench.py)"
    python3 bench/import_bench.py "$BIN" --runs "$RUNS" >> "$OUTPUT"
fi
say "wrote $OUTPUT"
