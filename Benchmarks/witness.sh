#!/usr/bin/env bash
# What witnessing costs a checkpoint, on the Jiaozuo demo's log (5,875 events, then a recheck
# opened each round where the institution may have one): `assay log checkpoint` alone beside
# `assay log checkpoint --witness URL` asking `assay witness serve` over loopback HTTP, and
# `assay witness cosign` of a request file beside `sha256sum` of the same file (the floor of
# reading it). Medians of ROUNDS (default 7).
#   Benchmarks/witness.sh [ASSAY-BINARY] [ROUNDS]
set -euo pipefail
assay="${1:-$(cd "$(dirname "$0")/.." && pwd)/.build/release/assay}"
rounds="${2:-7}"
work=$(mktemp -d /tmp/assay-witness-bench.XXXXXX)
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT
cd "$work"
origin=city.jiaozuo.example/reviews
"$assay" demo --store sqlite:city.sqlite --origin "$origin" > /dev/null
key=$("$assay" log keygen --out city.key | cut -d' ' -f3)
"$assay" witness init --state w.sqlite --key w.key --name witness.henan.example/province | tail -1 > witnesses.txt
"$assay" witness add-log --state w.sqlite "$origin" "$key" > /dev/null
port=$(python3 -c "import socket; s=socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])")
"$assay" witness serve --state w.sqlite --listen "127.0.0.1:$port" > /dev/null &
server=$!
for _ in $(seq 50); do python3 -c "import socket; socket.create_connection(('127.0.0.1', $port), 1)" 2>/dev/null && break; sleep 0.1; done
seconds() { local start end; start=$(date +%s.%N); "$@" > /dev/null; end=$(date +%s.%N); echo "$end - $start" | bc; }
median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
grow() { "$assay" case take "basic-standard/$1" open-recheck --input reason=回头看 --store sqlite:city.sqlite \
    --actor commission@410800 --role city-coordinator --for region:410800 --at 2023-03-01T09:00:00+08:00 > /dev/null 2>&1 || true; }
plain=(); witnessed=(); cosign=(); floor=()
institutions=(410882-001 410882-002 410882-003 410821-004 410882-005 410882-006 410882-007 410883-001 410883-002 410825-001 410822-001 410822-002 410823-001 410823-002)
for round in $(seq "$rounds"); do
    grow "${institutions[$((2 * round - 2))]}"
    plain+=("$(seconds "$assay" log checkpoint --store sqlite:city.sqlite --key city.key)")
    grow "${institutions[$((2 * round - 1))]}"
    witnessed+=("$(seconds "$assay" log checkpoint --store sqlite:city.sqlite --key city.key --witness "http://127.0.0.1:$port/" --witness-keys witnesses.txt)")
done
# Offline: a request for the latest checkpoint from the size the witness remembers, cosigned again each round.
number=$("$assay" log show --store sqlite:city.sqlite | python3 -c "import json, sys; print(json.load(sys.stdin)['number'])")
size=$("$assay" log show --store sqlite:city.sqlite | python3 -c "import json, sys; print(json.load(sys.stdin)['tree_size'])")
kill $server; wait $server 2>/dev/null || true
"$assay" log request "$number" --old-size "$size" --store sqlite:city.sqlite > request.txt
for round in $(seq "$rounds"); do
    cosign+=("$(seconds "$assay" witness cosign --state w.sqlite request.txt)")
    floor+=("$(seconds sha256sum request.txt)")
done
printf 'log checkpoint (%s events)            median %6.3f s\n' "$size" "$(printf '%s\n' "${plain[@]}" | median)"
printf 'log checkpoint --witness URL          median %6.3f s\n' "$(printf '%s\n' "${witnessed[@]}" | median)"
printf 'witness cosign REQUEST (a process)    median %6.3f s   (sha256sum of it: %.3f s)\n' "$(printf '%s\n' "${cosign[@]}" | median)" "$(printf '%s\n' "${floor[@]}" | median)"
