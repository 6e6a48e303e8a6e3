#!/usr/bin/env bash
# Issue 17's floors in one run on one machine: the peers of ../shared/peers (SpiffWorkflow,
# eventsourcing, raw SQLite through Python) one after the other with assay-bench's loading,
# engine, append and audit benchmarks (each of which also measures its in-process baseline:
# raw libyaml, Transition.decide + fold, plain GRDB, sha256sum).
#
#   bash Benchmarks/floors.sh [REPETITIONS]       (default 5)
#
# SpiffWorkflow 3.2.0 and eventsourcing 9.5.6 are installed from PyPI into /tmp/assay-peers
# when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
repetitions=${1:-5}
peers=../shared/peers
if ! /tmp/assay-peers/bin/python -c 'import SpiffWorkflow, eventsourcing' 2>/dev/null; then
    python3 -m venv /tmp/assay-peers
    /tmp/assay-peers/bin/pip install --quiet SpiffWorkflow==3.2.0 eventsourcing==9.5.6
fi
swift build -c release --product assay-bench
swift build -c release --product assay

echo "== SpiffWorkflow 3.2 (peer of the engine)"
/tmp/assay-peers/bin/python "$peers/spiff/bench_spiff.py" 2000 | grep '^RESULT'
echo "== eventsourcing 9.5 (peer of appends and replay)"
/tmp/assay-peers/bin/python "$peers/es/bench_es.py" 5000 10000 | grep '^RESULT'
echo "== raw SQLite through Python (peer of appends)"
python3 "$peers/sqlite/bench_sqlite.py" 1000000 20000 5000 | grep '^RESULT'
echo "== Assay"
.build/release/assay-bench loading engine append --repetitions "$repetitions"
.build/release/assay-bench audit --events 1000000 --repetitions 5
