#!/usr/bin/env bash
# Side-by-side metrics benchmark: ours (TypeScript on the CSR snapshot) vs Debian's python3-igraph
# and python3-networkx on the same edge-list files, in one run. Writes bench/results/metrics.md.
#
#   apt-get install -y python3-networkx python3-igraph
#   bash bench/metrics.sh            # S, M and L (L needs ~4 GB free and tens of minutes)
#   SCALES="S M" bash bench/metrics.sh
#   SKIP_NETWORKX=1 bash bench/metrics.sh   # keep networkx results from an earlier run (slow: ~25 min)
set -euo pipefail
cd "$(dirname "$0")/.."
SCALES=${SCALES:-"S M L"}
OUT=bench/data/metrics-results
mkdir -p "$OUT"
PY=/usr/bin/python3
TSX="npx --no-install tsx"

for s in $SCALES; do
  [ -f "bench/data/coff-$s.tsv" ] || $TSX bench/metrics-generate.ts "$s"
done

run() { # name, command...
  local name=$1
  shift
  if [ -n "${SKIP_NETWORKX:-}" ] && [[ $name == networkx-* ]] && [ -s "$OUT/$name.json" ]; then
    echo "== $name (kept from an earlier run)" >&2
    return
  fi
  echo "== $name" >&2
  "$@" >"$OUT/$name.json"
}

for s in $SCALES; do
  case $s in
  S)
    run ours-S-a $TSX bench/metrics-bench.ts S 5 components degree kcore pagerank louvain
    run igraph-S-a $PY bench/metrics_bench.py igraph S 5 components degree kcore pagerank louvain
    run ours-S-b $TSX bench/metrics-bench.ts S 3 betweenness closeness harmonic
    run igraph-S-b $PY bench/metrics_bench.py igraph S 3 betweenness closeness harmonic
    run networkx-S $PY bench/metrics_bench.py networkx S 1 components degree kcore pagerank louvain closeness harmonic betweenness
    ;;
  M)
    run ours-M $TSX bench/metrics-bench.ts M 5 components degree kcore pagerank louvain betweenness_k256
    run igraph-M $PY bench/metrics_bench.py igraph M 5 components degree kcore pagerank louvain
    run networkx-M $PY bench/metrics_bench.py networkx M 1 components degree kcore pagerank louvain betweenness_k256
    ;;
  L)
    run ours-L $TSX bench/metrics-bench.ts L 1 components degree kcore pagerank louvain betweenness_k256 record_overhead csr_from_graph
    run igraph-L $PY bench/metrics_bench.py igraph L 1 components degree kcore pagerank louvain
    run networkx-L $PY bench/metrics_bench.py networkx L 1 components degree kcore pagerank
    ;;
  esac
done

$TSX bench/metrics-report.ts "$OUT" >bench/results/metrics.md
npx --no-install biome format --write bench/results/metrics.md >/dev/null 2>&1 || true
echo "wrote bench/results/metrics.md" >&2
