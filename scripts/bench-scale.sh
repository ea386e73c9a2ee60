#!/usr/bin/env bash
# How warta build scales, and how it compares with the pipeline a user could assemble instead:
# `warta extract` to N-Quads, loaded by pyoxigraph's bulk loader. Prints one table.
#
#   scripts/bench-scale.sh 100000
#
# Generates N articles (warta_text::synthetic, the extraction bench's corpus) once into
# $WARTA_BENCH_DIR (default /tmp/warta-bench-N), then measures, on this machine:
#   - warta build into a fresh store: wall time, articles/s, quads/s, peak RSS, store size (and
#     its largest while building);
#   - a second build of the same articles (all unchanged: the incremental path);
#   - each stock query of queries/, the median of 5 runs (skipped with SKIP_QUERIES=1);
#   - warta extract --format nq, then pyoxigraph bulk_load of its output: time, store size; then
#     that store compacted (optimize), as the build compacts its own;
#     skipped with SKIP_PIPELINE=1 (at a million articles its N-Quads take tens of GB).
# WARTA names the binary (default target/release/warta, built if missing); PYTHON a Python with
# pyoxigraph 0.5 (default: a virtual environment made in $WARTA_BENCH_DIR).
set -euo pipefail

n="${1:?usage: scripts/bench-scale.sh N (the number of articles)}"
root="$(cd "$(dirname "$0")/.." && pwd)"
dir="${WARTA_BENCH_DIR:-/tmp/warta-bench-$n}"
warta="${WARTA:-$root/target/release/warta}"
mkdir -p "$dir"

if [ ! -x "$warta" ]; then
  (cd "$root" && cargo build --release --locked --bin warta)
fi
corpus="$dir/corpus.jsonl"
if [ ! -s "$corpus" ]; then
  (cd "$root" && cargo run --quiet --release --locked -p warta-text --example corpus -- "$n") > "$corpus.part"
  mv "$corpus.part" "$corpus"
fi

# Seconds (wall) and peak RSS (MB) of a command, from GNU time.
timed() {
  local out="$1"; shift
  /usr/bin/time -f "%e %M" -o "$out" "$@"
}
seconds() { cut -d' ' -f1 "$1"; }
peak_mb() { awk '{printf "%.0f", $2 / 1024}' "$1"; }
size_mb() { du -sm "$1" | cut -f1; }
calc() { awk "BEGIN { print $1 }"; }

echo "corpus: $n articles, $(size_mb "$corpus") MB of JSON Lines, in $dir"

rm -rf "$dir/store"
# The store's size every 2 s while it is built: it is largest before the final compaction.
(set +e; while :; do du -sm "$dir/store" 2>/dev/null | cut -f1; sleep 2; done) > "$dir/store-sizes" &
sampler=$!
timed "$dir/build.time" "$warta" build "$corpus" --store "$dir/store" --quiet
kill "$sampler"
largest_mb="$(sort -n "$dir/store-sizes" | tail -n 1)"
build_s="$(seconds "$dir/build.time")"
quads="$("$warta" query --store "$dir/store" --format tsv 'SELECT (COUNT(*) AS ?n) WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }' | tail -n 1 | tr -dc 0-9)"
timed "$dir/rebuild.time" "$warta" build "$corpus" --store "$dir/store" --quiet

printf '\n| measure | warta build |\n|---|---|\n'
printf '| build (fresh store) | %s s, %.0f articles/s, %.0f quads/s |\n' "$build_s" "$(calc "$n / $build_s")" "$(calc "$quads / $build_s")"
printf '| quads in the store | %s |\n' "$quads"
printf '| peak RSS of the build | %s MB |\n' "$(peak_mb "$dir/build.time")"
printf '| store on disk | %s MB (largest while building: %s MB) |\n' "$(size_mb "$dir/store")" "$largest_mb"
printf '| second build, all unchanged | %s s |\n' "$(seconds "$dir/rebuild.time")"

[ "${SKIP_QUERIES:-0}" = 1 ] || printf '\n| stock query | median of 5 (s) |\n|---|---|\n'
for file in "$root"/queries/*.rq; do
  [ "${SKIP_QUERIES:-0}" = 1 ] && break
  name="$(basename "$file" .rq)"
  times=()
  for _ in 1 2 3 4 5; do
    start="$(date +%s.%N)"
    "$warta" query --store "$dir/store" --name "$name" --format tsv > /dev/null
    times+=("$(calc "$(date +%s.%N) - $start")")
  done
  median="$(printf '%s\n' "${times[@]}" | sort -g | sed -n 3p)"
  printf '| %s | %.3f |\n' "$name" "$median"
done

if [ "${SKIP_PIPELINE:-0}" = 1 ]; then
  exit 0
fi
python="${PYTHON:-}"
if [ -z "$python" ]; then
  [ -x "$dir/venv/bin/python" ] || { python3 -m venv "$dir/venv" && "$dir/venv/bin/pip" install --quiet 'pyoxigraph==0.5.*'; }
  python="$dir/venv/bin/python"
fi
timed "$dir/extract.time" sh -c "'$warta' extract '$corpus' --format nq > '$dir/quads.nq'"
rm -rf "$dir/bulk"
timed "$dir/bulk.time" "$python" -c '
import sys, pyoxigraph
store = pyoxigraph.Store(sys.argv[1])
store.bulk_load(path=sys.argv[2], format=pyoxigraph.RdfFormat.N_QUADS)
store.flush()
' "$dir/bulk" "$dir/quads.nq"
bulk_mb="$(size_mb "$dir/bulk")"
# The build compacts its store; the same for the pipeline's, for a like-for-like figure.
timed "$dir/optimize.time" "$python" -c '
import sys, pyoxigraph
store = pyoxigraph.Store(sys.argv[1])
store.optimize()
store.flush()
' "$dir/bulk"
extract_s="$(seconds "$dir/extract.time")"
bulk_s="$(seconds "$dir/bulk.time")"
optimize_s="$(seconds "$dir/optimize.time")"
pipeline_s="$(calc "$extract_s + $bulk_s")"
printf '\n| measure | warta build | extract + pyoxigraph bulk_load | the same, then optimize() |\n|---|---|---|---|\n'
printf '| time | %s s | %s s + %s s = %.1f s | + %s s = %.1f s |\n' "$build_s" "$extract_s" "$bulk_s" "$pipeline_s" "$optimize_s" "$(calc "$pipeline_s + $optimize_s")"
printf '| build time / pipeline time | %.2f | 1 | %.2f |\n' "$(calc "$build_s / $pipeline_s")" "$(calc "$build_s / ($pipeline_s + $optimize_s)")"
printf '| store on disk | %s MB | %s MB | %s MB |\n' "$(size_mb "$dir/store")" "$bulk_mb" "$(size_mb "$dir/bulk")"
printf '| N-Quads written by extract | | %s MB, %.0f bytes a quad | |\n' "$(size_mb "$dir/quads.nq")" "$(calc "$(stat -c %s "$dir/quads.nq") / $(wc -l < "$dir/quads.nq")")"
rm -f "$dir/quads.nq"
