#!/usr/bin/env bash
# Builds the project-file fuzzer with clang (libFuzzer + AddressSanitizer) over core's store, data
# and util sources, seeds it with a real project written by `simulate --project`, and runs it.
# Usage: tests/fuzz/run.sh [SECONDS=600]   (needs clang and a built build/app/cli/fairreview-cli)
# A crash leaves its input as build/fuzz/crash-*; add it as a regression case to
# tests/core/store (a project file that must open with an error, not a crash).
set -euo pipefail
REPO="$(cd "$(dirname "$0")/../.." && pwd)"
OUT="$REPO/build/fuzz"
SECONDS_TO_RUN="${1:-600}"
mkdir -p "$OUT/corpus" "$OUT/obj"
SOURCES=$(ls "$REPO"/core/store/*.cpp "$REPO"/core/util/*.cpp "$REPO"/core/data/*.cpp)
FLAGS=(-std=c++17 -O1 -g -fsanitize=fuzzer-no-link,address -I"$REPO/core")
objects=()
for src in $SOURCES; do
    obj="$OUT/obj/$(basename "$src" .cpp).o"
    [ "$obj" -nt "$src" ] || clang++ "${FLAGS[@]}" -c "$src" -o "$obj"
    objects+=("$obj")
done
clang++ "${FLAGS[@]}" -fsanitize=fuzzer,address "$REPO/tests/fuzz/fuzz_project_open.cpp" \
    "${objects[@]}" -lsqlite3 -lz -lpthread -o "$OUT/fuzz_project_open"
if [ -z "$(ls -A "$OUT/corpus")" ]; then
    # A small project (300 rows of Arrests, 30 labels, three model versions) keeps each run fast.
    seed="$OUT/seed.frproj"
    rm -f "$seed"
    head -n 301 "$REPO/data/arrests.csv" > "$OUT/seed.csv"
    "$REPO/build/app/cli/fairreview-cli" simulate --data "$OUT/seed.csv" --id id \
        --truth released=No --group colour=Black --budget 30 --project "$seed" \
        --json /dev/null
    # The checkpoints (~0.5 MB each) would make every run slow and most mutations land in them;
    # this target reads them as bytes only, so the seed keeps their first 2 KB.
    python3 -c "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); \
c.execute('update model_versions set checkpoint = substr(checkpoint, 1, 2048)'); \
c.commit(); c.execute('pragma journal_mode=delete'); c.execute('vacuum'); c.close()" "$seed"
    cp "$seed" "$OUT/corpus/"
fi
cd "$OUT"
./fuzz_project_open -max_total_time="$SECONDS_TO_RUN" -max_len=4000000 -rss_limit_mb=2048 \
    -print_final_stats=1 corpus
