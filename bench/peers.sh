#!/usr/bin/env bash
# Side by side in one run: ours vs igraph and graph-tool (Debian's python3-igraph, python3-graph-tool;
# /usr/bin/python3) and graphology-metrics (npm) on the same edge-list files, for the measures of
# issue 17 (degree, components, k-core, PageRank). Writes bench/results/peers.md.
#
#   apt-get install -y python3-igraph python3-graph-tool
#   bash bench/peers.sh                 # S and M (5 runs), L (3 runs)
#   SCALES="S M" bash bench/peers.sh
#   LOAD_NOTE="nothing else ran" bash bench/peers.sh   # says in words what else ran, in peers.md
set -euo pipefail
cd "$(dirname "$0")/.."
SCALES=${SCALES:-"S M L"}
OUT=bench/data/peers-results
mkdir -p "$OUT"
PY=/usr/bin/python3
TSX="npx --no-install tsx"
for s in $SCALES; do
  [ -f "bench/data/coff-$s.tsv" ] || $TSX bench/metrics-generate.ts "$s"
done
uptime >"$OUT/load-start.txt"
for s in $SCALES; do
  r=5
  [ "$s" = L ] && r=3
  echo "== $s" >&2
  VALUES_DIR=$OUT $TSX bench/metrics-bench.ts "$s" "$r" components degree kcore pagerank >"$OUT/ours-$s.json"
  VALUES_DIR=$OUT $PY bench/metrics_bench.py igraph "$s" "$r" components degree kcore pagerank >"$OUT/igraph-$s.json"
  $PY bench/metrics_bench.py graph-tool "$s" "$r" components degree kcore pagerank >"$OUT/graph-tool-$s.json"
  [ "$s" = L ] || $TSX bench/graphology-bench.ts "$s" "$r" degree pagerank >"$OUT/graphology-$s.json"
  uptime >"$OUT/load-$s.txt"
done
$TSX bench/peers-report.ts "$OUT" >bench/results/peers.md
echo "wrote bench/results/peers.md" >&2
