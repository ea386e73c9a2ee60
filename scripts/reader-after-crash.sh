#!/usr/bin/env bash
# How long a reader takes to open a store after its build was killed (issue 10, item 5).
#
# Builds N articles (the five seeds, repeated under new ids, as JSON Lines) into a new store,
# kills the build with SIGKILL after KILL_AFTER seconds, then times three `warta query` runs on
# the store (each a read-only open, which replays whatever write-ahead log the build left) and
# prints the log's size, the articles found, and each open's wall time and peak memory.
#
#   scripts/reader-after-crash.sh [WARTA] [N] [KILL_AFTER]
#
# WARTA is the binary to measure (default: `warta` on the PATH); run it with the binary of the
# commit before the build's checkpoints to see what readers paid then.
set -euo pipefail

warta="${1:-warta}"
n_articles="${2:-20000}"
kill_after="${3:-60}"
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

python3 - "$root/seeds" "$n_articles" > "$work/articles.jsonl" <<'EOF'
import json, pathlib, sys
seeds = sorted(pathlib.Path(sys.argv[1]).glob("*.txt"))
texts = [path.read_text(encoding="utf-8") for path in seeds]
for index in range(int(sys.argv[2])):
    print(json.dumps({"id": f"a{index:06d}", "text": texts[index % len(texts)]}))
EOF

store="$work/store.db"
"$warta" build "$work/articles.jsonl" --store "$store" --quiet &
build=$!
sleep "$kill_after"
if kill -9 "$build" 2>/dev/null; then
  wait "$build" 2>/dev/null || true
  echo "build killed after ${kill_after} s"
else
  echo "the build ended before ${kill_after} s: give more articles or an earlier kill" >&2
  exit 1
fi

wal_bytes=$(find "$store" -name '*.log' -printf '%s\n' | awk '{ s += $1 } END { print s + 0 }')
echo "write-ahead log left: $((wal_bytes / 1024 / 1024)) MB ($wal_bytes bytes)"
query='SELECT (COUNT(*) AS ?n) WHERE { ?a a warta:Article }'
for run in 1 2 3; do
  /usr/bin/time -f "open $run: %e s wall, %M KB peak" "$warta" query --store "$store" --format tsv "$query" \
    2> "$work/time" > "$work/count"
  echo "$(tail -1 "$work/time"); articles: $(tail -1 "$work/count")"
done
