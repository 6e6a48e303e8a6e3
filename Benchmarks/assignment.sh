#!/usr/bin/env bash
# Review-team assignment side by side with the OR-Tools baseline of ../shared/assignment, in one
# run on one machine: the national preset (45,000 institutions, 10,000 experts, 300 counties),
# time to the least maximum load, total time to the least-travel assignment, peak memory, and
# both figures; then ../shared/assignment/verify.py checks both assignments and certificates.
#
#   bash Benchmarks/assignment.sh [SEED] [RUNS]       (defaults: 20261125, 5)
#
# OR-Tools 9.15.6755 is installed from PyPI into /tmp/assign-venv when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
seed=${1:-20261125}
runs=${2:-5}
shared=../shared/assignment
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cp "$shared"/*.py "$work"/
python3 "$work/generate.py" --seed "$seed" --out "$work/national"
if [ ! -x /tmp/assign-venv/bin/python ] || ! /tmp/assign-venv/bin/python -c 'import ortools' 2>/dev/null; then
    python3 -m venv /tmp/assign-venv
    /tmp/assign-venv/bin/pip install --quiet ortools==9.15.6755
fi
swift build -c release --product assay-bench

echo "== OR-Tools (each run in a fresh process)"
/tmp/assign-venv/bin/python "$work/bench.py" "$work/national" --runs "$runs" | tail -n 14
echo "== Assay (all runs in one process; its peak is the largest)"
.build/release/assay-bench assign --instance "$work/national" --repetitions "$runs"
echo "== verify.py on Assay's assignment and certificate"
python3 "$work/verify.py" "$work/national" "$work/national/solution_assay.csv" --certificate "$work/national/certificate_assay.json"
