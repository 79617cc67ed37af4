#!/bin/bash
# Alternating fresh processes of bench/records-ab.ts (issue #17), each round rotating the order;
# one JSON line per run (after a line with the round, the load and the time) appended to <out>.
#   bash bench/records-ab.sh <ids: synth|csv|int> <rounds> <out.jsonl> <variant>...
set -eu
ids=$1; rounds=$2; out=$(realpath -m "$3"); shift 3
cd "$(dirname "$0")/.."
vs=("$@"); k=${#vs[@]}
for ((r = 0; r < rounds; r++)); do
  for ((j = 0; j < k; j++)); do
    v=${vs[$(((j + r) % k))]}
    echo "{\"round\":$r,\"load\":\"$(cut -d' ' -f1-3 /proc/loadavg)\",\"utc\":\"$(date -u +%H:%M:%S)\"}" >>"$out"
    HASH=1 nice -n 19 node --expose-gc --max-old-space-size=12000 --import tsx bench/records-ab.ts "$v" 1000000 "$ids" >>"$out" 2>&1
  done
done
