#!/usr/bin/env bash
# The peak memory of one command, split as Linux counts it: anonymous memory (the heap: what the
# process itself holds) and file-backed pages (a mapped SQLite file, which the kernel may drop at
# any time). `/usr/bin/time`'s peak RSS adds the two, so a command that maps a 3 GB store shows
# gigabytes there while holding a few hundred megabytes. Samples /proc every 0.2 s.
#
#   bash Benchmarks/peak-memory.sh .build/release/assay replay --all --store sqlite:national.sqlite
set -euo pipefail
[ $# -gt 0 ] || { echo "usage: bash Benchmarks/peak-memory.sh COMMAND [ARGUMENT...]" >&2; exit 2; }
"$@" > /dev/null &
pid=$!
anonymous=0 file=0
while kill -0 "$pid" 2> /dev/null; do
    read -r now_anonymous now_file < <(awk '/^RssAnon/ {a = $2} /^RssFile/ {f = $2} END {print a + 0, f + 0}' "/proc/$pid/status" 2> /dev/null || echo "0 0")
    (( now_anonymous > anonymous )) && anonymous=$now_anonymous
    (( now_file > file )) && file=$now_file
    sleep 0.2
done
wait "$pid"
echo "peak anonymous (heap) $((anonymous / 1024)) MB, peak file-backed (mapped) $((file / 1024)) MB"
