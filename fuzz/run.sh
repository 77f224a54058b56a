#!/usr/bin/env bash
# Builds the libFuzzer targets of fuzz/ and runs each for a bounded time (issue 6): `make fuzz`.
#
#   FUZZ_SECONDS=60            seconds per target (libFuzzer -max_total_time)
#   FUZZ_TARGETS="FuzzYAML …"  which targets (default: all)
#   FUZZ_JOBS=1                parallel libFuzzer jobs per target (2 uses both cores)
#   FUZZ_SKIP_BUILD=1          reuse the last build
#
# Seeds come from manual-src/, the built-in clause trees and Tests/Fixtures/fuzz-regressions/
# (every input that once crashed or hung, replayed first). The growing corpus lives in
# fuzz/.build/corpus/<target>, crash and timeout inputs in fuzz/.build/artifacts/<target>/.
# Exit status 1 when any target found a crash, a leak or a timeout.
set -euo pipefail

cd "$(dirname "$0")"
FUZZ=$(pwd)
ROOT=$(cd .. && pwd)
SECONDS_PER_TARGET=${FUZZ_SECONDS:-60}
ALL_TARGETS="FuzzYAML FuzzMarkdown FuzzHeading FuzzCSV FuzzClauseTree FuzzRevision FuzzDocumentSet FuzzDocx FuzzXlsx"
TARGETS=${FUZZ_TARGETS:-$ALL_TARGETS}
JOBS=${FUZZ_JOBS:-1}
# The Swift backtracer would hold a crashed process's output open for up to 30 s.
export SWIFT_BACKTRACE=enable=no
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0:allocator_may_return_null=1}

say() { echo "fuzz: $*" >&2; }

if [ "${FUZZ_SKIP_BUILD:-0}" != 1 ]; then
    say "building the fuzz targets (-sanitize=fuzzer,address)"
    swift build -c debug -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library >&2
fi
BIN=$(swift build -c debug --show-bin-path)

# Seed corpora, rebuilt each run from the sources of the repository.
SEEDS="$FUZZ/.build/seeds"
rm -rf "$SEEDS"
mkdir -p "$SEEDS"/{FuzzYAML,FuzzMarkdown,FuzzHeading,FuzzCSV,FuzzClauseTree,FuzzRevision,FuzzDocumentSet,FuzzDocx,FuzzXlsx}
n=0
while IFS= read -r file; do n=$((n + 1)); cp "$file" "$SEEDS/FuzzYAML/$n.yaml"; done \
    < <(find "$ROOT/manual-src" -name '*.yaml' | LC_ALL=C sort)
n=0
while IFS= read -r file; do
    n=$((n + 1))
    cp "$file" "$SEEDS/FuzzMarkdown/$n.md"
    grep '^#' "$file" | sed 's/^#* *//' > "$SEEDS/FuzzHeading/$n.txt" || true
done < <(find "$ROOT/manual-src" -name '*.md' | LC_ALL=C sort)
printf '%s\n' '8.6.1 事件管理 {clause=8.6.1}' '第3章 职责' '0.3 公司简介 {clause=none}' '附录A 程序文件清单' \
    '6.3 服务连续性 {clause=8.7.1,8.7.2 #cont}' '5.2.1. 方针 {#policy}' > "$SEEDS/FuzzHeading/extra.txt"
cp "$ROOT/manual-src/responsibilities.csv" "$SEEDS/FuzzCSV/1.csv"
printf 'clause,title,gm,quality\r\n4,"组织环境, ""全部""",●,○\r\n5,领导作用,,R\r\n' > "$SEEDS/FuzzCSV/2.csv"
cp "$ROOT"/Sources/DocCtlCore/Resources/standards/*.xml "$SEEDS/FuzzClauseTree/"
printf 'IO\nA/0\nH/3\n2025-03-18\n9999-12-31\n1764547200\n' > "$SEEDS/FuzzRevision/1.txt"
printf 'A/0\nB/12\nZZ/9\n2024-02-29\n2023-02-29\n-86400\n' > "$SEEDS/FuzzRevision/2.txt"
n=0
for folder in "$ROOT"/manual-src/*/*/; do
    [ -f "$folder/document.yaml" ] || continue
    n=$((n + 1))
    {
        echo "=== docset.yaml"; cat "$ROOT/manual-src/docset.yaml"
        echo "=== organization.yaml"; cat "$ROOT/manual-src/organization.yaml"
        echo "=== document.yaml"; cat "$folder/document.yaml"
        echo "=== history.yaml"; cat "$folder/history.yaml"
        echo "=== body.md"; cat "$folder"/*.md
    } > "$SEEDS/FuzzDocumentSet/$n.txt"
done

# The Word examples whole, and their document.xml alone (the importer's own XML path).
n=0
for docx in "$ROOT"/examples/word/*.docx; do
    [ -f "$docx" ] || continue
    n=$((n + 1))
    cp "$docx" "$SEEDS/FuzzDocx/$n.docx"
    python3 -c 'import sys, zipfile; sys.stdout.buffer.write(zipfile.ZipFile(sys.argv[1]).read("word/document.xml"))' "$docx" \
        > "$SEEDS/FuzzDocx/$n-document.xml"
done
# The Excel examples whole, and their first worksheet alone.
n=0
for xlsx in "$ROOT"/examples/word/*.xlsx; do
    [ -f "$xlsx" ] || continue
    n=$((n + 1))
    cp "$xlsx" "$SEEDS/FuzzXlsx/$n.xlsx"
    python3 -c 'import sys, zipfile; sys.stdout.buffer.write(zipfile.ZipFile(sys.argv[1]).read("xl/worksheets/sheet1.xml"))' "$xlsx" \
        > "$SEEDS/FuzzXlsx/$n-sheet.xml"
done

status=0
SUMMARY="$FUZZ/.build/fuzz-summary.txt"
printf '%-16s %12s %10s %8s  %s\n' target executions exec/s corpus result > "$SUMMARY"
for target in $TARGETS; do
    corpus="$FUZZ/.build/corpus/$target"
    artifacts="$FUZZ/.build/artifacts/$target"
    regressions="$ROOT/Tests/Fixtures/fuzz-regressions/$target"
    mkdir -p "$corpus" "$artifacts"
    dirs=("$corpus" "$SEEDS/$target")
    if [ -d "$regressions" ]; then dirs+=("$regressions"); fi
    log="$FUZZ/.build/$target.log"
    say "running $target for ${SECONDS_PER_TARGET}s (log: ${log#"$ROOT/"})"
    result=ok
    extra=()
    if [ "$JOBS" -gt 1 ]; then extra+=(-jobs="$JOBS" -workers="$JOBS"); fi
    "$BIN/$target" -max_total_time="$SECONDS_PER_TARGET" -timeout=10 -rss_limit_mb=2048 \
        -artifact_prefix="$artifacts/" -print_final_stats=1 "${extra[@]}" "${dirs[@]}" > "$log" 2>&1 || {
        result="FAILED (exit $?): see $(ls -t "$artifacts" 2>/dev/null | head -1 | sed "s|^|${artifacts#"$ROOT/"}/|")"
        status=1
    }
    execs=$({ cat "$log"; cat "$FUZZ"/fuzz-*.log 2>/dev/null || true; } | awk '/stat::number_of_executed_units/ { s += $2 } END { print s + 0 }')
    rate=$(( execs / (SECONDS_PER_TARGET > 0 ? SECONDS_PER_TARGET : 1) ))
    files=$(find "$corpus" -type f | wc -l)
    printf '%-16s %12s %10s %8s  %s\n' "$target" "$execs" "$rate" "$files" "$result" >> "$SUMMARY"
    rm -f "$FUZZ"/fuzz-*.log
done
cat "$SUMMARY"
exit $status
