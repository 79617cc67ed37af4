#!/usr/bin/python3
"""igraph / networkx side of the metrics benchmark (Debian's python3-igraph and python3-networkx).

    /usr/bin/python3 bench/metrics_bench.py igraph S 5 components degree kcore pagerank ...
    /usr/bin/python3 bench/metrics_bench.py networkx S 1 components ...

Reads bench/data/coff-<scale>.tsv (bench/metrics-generate.ts) and prints one JSON object with
the median seconds of each measure. Same calls as ours: unweighted shortest-path measures,
weighted PageRank and Louvain (weight = shared incidents).
"""
import array
import json
import os
import random
import resource
import statistics
import sys
import time

tool, scale, repeats = sys.argv[1], sys.argv[2], int(sys.argv[3])
measures = sys.argv[4:]
path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", f"coff-{scale}.tsv")

t0 = time.perf_counter()
with open(path) as fh:
    header = fh.readline().split()
    n = int(header[2])
    edges, weights = [], []
    for line in fh:
        a, b, w = line.split("\t")
        edges.append((int(a), int(b)))
        weights.append(float(w))
parse_seconds = time.perf_counter() - t0


CPU = {}


def timed(fn, times=repeats):
    """Median wall-clock seconds (and CPU seconds of this process, kept in CPU[fn])."""
    runs, cpus, last = [], [], None
    for _ in range(times):
        c = time.process_time()
        a = time.perf_counter()
        last = fn()
        runs.append(time.perf_counter() - a)
        cpus.append(time.process_time() - c)
    CPU["last"] = statistics.median(cpus)
    return statistics.median(runs), runs, last


results = {}
if tool == "igraph":
    import igraph as ig

    version = ig.__version__
    a = time.perf_counter()
    g = ig.Graph(n=n, edges=edges, directed=False)
    g.es["weight"] = weights
    results["graph_build"] = {"seconds": time.perf_counter() - a}
    random.seed(1)
    for m in measures:
        if m == "components":
            s, r, last = timed(lambda: g.connected_components().membership)
            results[m] = {"seconds": s, "cpu": CPU["last"], "runs": r, "count": len(set(last))}
        elif m == "degree":
            s, r, _ = timed(lambda: g.degree())
            results[m] = {"seconds": s, "cpu": CPU["last"], "runs": r}
        elif m == "kcore":
            s, r, last = timed(lambda: g.coreness())
            results[m] = {"seconds": s, "cpu": CPU["last"], "runs": r, "max": max(last)}
        elif m == "pagerank":
            s, r, last = timed(lambda: g.pagerank(weights="weight"))
            results[m] = {"seconds": s, "cpu": CPU["last"], "runs": r}
            if os.environ.get("VALUES_DIR"):
                # By vertex number (the file's numbering), float64, for bench/peers-report.ts.
                with open(os.path.join(os.environ["VALUES_DIR"], f"igraph-pagerank-{scale}.f64"), "wb") as out:
                    array.array("d", last).tofile(out)
        elif m == "betweenness":
            s, r, _ = timed(lambda: g.betweenness(directed=False))
            results[m] = {"seconds": s, "cpu": CPU["last"], "runs": r}
        elif m == "closeness":
            s, r, _ = timed(lambda: g.closeness())
            results[m] = {"seconds": s, "cpu": CPU["last"], "runs": r}
        elif m == "harmonic":
            s, r, _ = timed(lambda: g.harmonic_centrality())
            results[m] = {"seconds": s, "cpu": CPU["last"], "runs": r}
        elif m == "louvain":
            mods = []

            def run():
                c = g.community_multilevel(weights="weight")
                mods.append(g.modularity(c.membership, weights="weight"))
                return c

            s, r, last = timed(run)
            results[m] = {"seconds": s, "cpu": CPU["last"], "runs": r, "modularity": statistics.median(mods), "count": len(last)}
        else:
            raise SystemExit(f"unknown measure {m}")
elif tool == "graph-tool":
    import graph_tool.all as gt

    gt.openmp_set_num_threads(1)  # one thread, as ours and igraph
    version = gt.__version__.split()[0]
    a = time.perf_counter()
    g = gt.Graph(directed=False)
    g.add_vertex(n)
    g.add_edge_list(edges)
    ew = g.new_edge_property("double", vals=weights)
    results["graph_build"] = {"seconds": time.perf_counter() - a}
    for m in measures:
        if m == "components":
            s, r, last = timed(lambda: gt.label_components(g)[0].a)
            results[m] = {"seconds": s, "cpu": CPU["last"], "runs": r, "count": int(last.max()) + 1}
        elif m == "degree":
            s, r, _ = timed(lambda: g.get_total_degrees(g.get_vertices()))
            results[m] = {"seconds": s, "cpu": CPU["last"], "runs": r}
        elif m == "kcore":
            s, r, last = timed(lambda: gt.kcore_decomposition(g).a)
            results[m] = {"seconds": s, "cpu": CPU["last"], "runs": r, "max": int(last.max())}
        elif m == "pagerank":
            # Same stopping rule as ours: sum |x - x_prev| < n * 1e-14 (graph-tool's epsilon is the L1 total).
            s, r, last = timed(lambda: gt.pagerank(g, weight=ew, epsilon=n * 1e-14, ret_iter=True))
            results[m] = {"seconds": s, "cpu": CPU["last"], "runs": r, "iterations": int(last[1])}
        else:
            raise SystemExit(f"unknown measure {m}")
elif tool == "networkx":
    import networkx as nx

    version = nx.__version__
    a = time.perf_counter()
    G = nx.Graph()
    G.add_nodes_from(range(n))
    G.add_weighted_edges_from((u, v, w) for (u, v), w in zip(edges, weights))
    results["graph_build"] = {"seconds": time.perf_counter() - a}
    for m in measures:
        if m == "components":
            s, r, last = timed(lambda: list(nx.connected_components(G)))
            results[m] = {"seconds": s, "cpu": CPU["last"], "runs": r, "count": len(last)}
        elif m == "degree":
            s, r, _ = timed(lambda: dict(G.degree()))
            results[m] = {"seconds": s, "cpu": CPU["last"], "runs": r}
        elif m == "kcore":
            s, r, last = timed(lambda: nx.core_number(G))
            results[m] = {"seconds": s, "cpu": CPU["last"], "runs": r, "max": max(last.values())}
        elif m == "pagerank":
            s, r, _ = timed(lambda: nx.pagerank(G, weight="weight"))
            results[m] = {"seconds": s, "cpu": CPU["last"], "runs": r, "note": "networkx default tol 1e-6"}
        elif m == "betweenness":
            s, r, _ = timed(lambda: nx.betweenness_centrality(G))
            results[m] = {"seconds": s, "cpu": CPU["last"], "runs": r}
        elif m == "betweenness_k256":
            s, r, _ = timed(lambda: nx.betweenness_centrality(G, k=256, seed=1))
            results[m] = {"seconds": s, "cpu": CPU["last"], "runs": r}
        elif m == "closeness":
            s, r, _ = timed(lambda: nx.closeness_centrality(G))
            results[m] = {"seconds": s, "cpu": CPU["last"], "runs": r}
        elif m == "harmonic":
            s, r, _ = timed(lambda: nx.harmonic_centrality(G))
            results[m] = {"seconds": s, "cpu": CPU["last"], "runs": r}
        elif m == "louvain":
            mods = []

            def run():
                c = nx.community.louvain_communities(G, weight="weight", seed=1)
                mods.append(nx.community.modularity(G, c, weight="weight"))
                return c

            s, r, last = timed(run)
            results[m] = {"seconds": s, "cpu": CPU["last"], "runs": r, "modularity": statistics.median(mods), "count": len(last)}
        else:
            raise SystemExit(f"unknown measure {m}")
else:
    raise SystemExit("tool must be igraph, graph-tool or networkx")

results["max_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"tool": tool, "version": version, "scale": scale, "n": n, "m": len(edges),
                  "parse_seconds": parse_seconds, "results": results}))
