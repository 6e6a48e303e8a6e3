#!/usr/bin/env bash
# Issue 28's national figures in one run on one machine: for each size, a year's national
# campaign (`assay-bench national`) written into SQLite and into PostgreSQL with the same seed
# (the two roots it prints must match), then `assay verify`, `replay --all`, `history`,
# `case list`, `tick`, `review show`, `rectification show`, `assign --dry-run` and `report` (a
# county, the nation) reading it, each as a process beside its peer measured in the same run
# (sha256sum over the export; a plain GRDB scan or COPY … TO STDOUT of the same rows; replay of
# a log of as many typed-in decisions; the report's counts in one SQL statement), with peak
# memory; then one writer process and eight at once appending cases through the engine to the
# same log, as servers would, beside as many psql or sqlite3 processes committing the same rows
# one at a time, and the appended positions read back (gap-free, nothing lost). Then, on
# SQLite, the batch commands on the nation's files (`assay-bench batch`:
# registration audit --record, integrity import, directory import) beside a plain CSV read and
# GRDB insert of the same rows.
#
#   bash Benchmarks/national.sh [SIZE...]       (default: 1000 45000 institutions)
#   STORES=sqlite bash Benchmarks/national.sh 45000     (one store only)
#
# PostgreSQL runs in a throwaway cluster (scripts/postgres), a database per size.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${ASSAY_TEST_POSTGRES_URL:-}" ]; then
    swift build -c release --product assay-bench
    swift build -c release --product assay
    exec scripts/postgres bash "$0" "$@"
fi
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 45000)
folder=$(mktemp -d /tmp/assay-national.XXXXXX)
trap 'rm -rf "$folder"' EXIT
stores=${STORES:-sqlite postgres}
for size in "${sizes[@]}"; do
    if [[ " $stores " == *" sqlite "* ]]; then
        echo "== $size institutions, SQLite"
        .build/release/assay-bench national --institutions "$size" --store "sqlite:$folder/national-$size.sqlite" --repetitions 3
        rm -f "$folder/national-$size".sqlite*
        .build/release/assay-bench batch --institutions "$size" --repetitions 3
    fi
    if [[ " $stores " == *" postgres "* ]]; then
        echo "== $size institutions, PostgreSQL"
        psql "$ASSAY_TEST_POSTGRES_URL" -qc "CREATE DATABASE national_$size"
        .build/release/assay-bench national --institutions "$size" --store "${ASSAY_TEST_POSTGRES_URL%/*}/national_$size" --repetitions 3
        psql "$ASSAY_TEST_POSTGRES_URL" -qc "DROP DATABASE national_$size"
    fi
done
