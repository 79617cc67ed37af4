#!/usr/bin/python3
"""networkx 2.8.8 / igraph 0.10.2 values on graphs of odd shape, for bench/graphshapes.ts.

    /usr/bin/python3 bench/graphshapes.py /tmp/graphshapes.json [shape-name-regex]

Each shape: its nodes (in insertion order), its edges [source, target, weight] as they are given
to the library (repeated pairs, self-loops and all), and what networkx says of each measure on the
graph the docs say the library reads (docs/guide/metrics.md): self-loops of a graphology graph
ignored; parallel ties of a MultiGraph summed for strength/PageRank/eigenvector/Laplacian/
modularity, one tie for core number/clustering/transitivity. Shapes too large for networkx's
O(n·m) measures (star of 10,000 leaves, path of 50,000) get closed forms instead (marked so).
"""
import json
import math
import random
import re
import sys

import networkx as nx
import numpy as np

try:
    import igraph as ig
except ImportError:  # pragma: no cover
    ig = None

assert nx.__version__ == "2.8.8", nx.__version__

SHAPES = []


def shape(name, nodes, edges, directed=False, multi=False, heavy=True, note=""):
    SHAPES.append(dict(name=name, nodes=[str(x) for x in nodes], edges=[[str(s), str(t), w] for s, t, w in edges],
                       directed=directed, multi=multi, heavy=heavy, note=note))


def E(edges, w=1.0):
    return [(s, t, w) for s, t in edges]


rnd = random.Random(20261204)

# --- tiny and degenerate ----------------------------------------------------------------------
shape("empty", [], [])
shape("single-node", ["a"], [])
shape("single-edge", ["a", "b"], [("a", "b", 1.0)])
shape("isolates-6", list("abcdef"), [])
dust_nodes, dust_edges = [], []
for i in range(40):
    dust_nodes += [f"p{i}a", f"p{i}b"]
    dust_edges.append((f"p{i}a", f"p{i}b", float(1 + i % 3)))
for i in range(30):
    dust_nodes.append(f"iso{i}")
dust_nodes += ["t0", "t1", "t2"]
dust_edges += [("t0", "t1", 1.0), ("t1", "t2", 2.0)]
shape("dust-pairs-isolates", dust_nodes, dust_edges)

# --- classic odd shapes -----------------------------------------------------------------------
def from_nx(name, G, weights=None, **kw):
    nodes = list(G.nodes())
    edges = []
    for i, (u, v) in enumerate(G.edges()):
        edges.append((u, v, weights(i) if weights else 1.0))
    shape(name, nodes, edges, **kw)


from_nx("star-2000", nx.star_graph(2000))
from_nx("complete-200", nx.complete_graph(200))
from_nx("path-2000", nx.path_graph(2000))
from_nx("ring-1000", nx.cycle_graph(1000))
G = nx.grid_2d_graph(30, 30)
G = nx.relabel_nodes(G, {n: f"{n[0]}-{n[1]}" for n in G})
from_nx("grid-30x30", G)
from_nx("complete-bipartite-3x50", nx.complete_bipartite_graph(3, 50))
B = nx.bipartite.random_graph(40, 60, 0.08, seed=4)
from_nx("random-bipartite-40x60", B, weights=lambda i: float(1 + i % 4))
from_nx("barbell-20-10", nx.barbell_graph(20, 10), weights=lambda i: float(1 + i % 5))
from_nx("lollipop-15-40", nx.lollipop_graph(15, 40))
from_nx("karate-weighted", nx.karate_club_graph(), weights=lambda i: float(1 + (i * 7) % 5))

# --- weights of odd size ----------------------------------------------------------------------
R = nx.gnp_random_graph(150, 0.04, seed=11)
from_nx("weights-1e12", R, weights=lambda i: 1e12 * (1 + i % 3))
from_nx("weights-mixed-1e-6..1e6", R, weights=lambda i: 10.0 ** rnd.uniform(-6, 6))
from_nx("weights-tiny-1e-9", R, weights=lambda i: 1e-9 * (1 + i % 4))
from_nx("weights-zero-some", R, weights=lambda i: 0.0 if i % 7 == 0 else 1.0 + i % 3)

# --- ids --------------------------------------------------------------------------------------
ID_POOL = ["01", "1", "1.0", "0", "-0", "1e3", "Zoë", "José", "👩‍👩‍👧", "北京", "", " ", "a,b", 'q"uote', "it's", "constructor-x",
           "new\nline", "tab\there", "__proto__", "NaN", "undefined",
           "null", "true", "007", "7", "4294967295", "9007199254740993"]
Rid = nx.gnp_random_graph(len(ID_POOL), 0.18, seed=3)
Rid = nx.relabel_nodes(Rid, {i: ID_POOL[i] for i in range(len(ID_POOL))})
from_nx("odd-ids", Rid, weights=lambda i: float(1 + i % 3))

# --- self-loops (ignored by every measure on a graphology graph) ------------------------------
L = nx.gnp_random_graph(60, 0.08, seed=5)
loops_edges = [(u, v, float(1 + (u + v) % 3)) for u, v in L.edges()] + [(i, i, 5.0) for i in range(0, 60, 6)]
shape("self-loops", list(L.nodes()), loops_edges, note="loops ignored")

# --- parallel ties as repeated rows (a graphology MultiGraph) ---------------------------------
M = nx.gnp_random_graph(60, 0.07, seed=8)
multi_edges = []
for i, (u, v) in enumerate(M.edges()):
    for r in range(1 + (i % 3 == 0) + (i % 5 == 0)):
        multi_edges.append((u, v, float(1 + (i + r) % 4)))
shape("multi-parallel", list(M.nodes()), multi_edges, multi=True)

# --- directed ---------------------------------------------------------------------------------
D = nx.gnp_random_graph(80, 0.05, seed=9, directed=True)
shape("directed-random", list(D.nodes()), [(u, v, float(1 + (u * v) % 4)) for u, v in D.edges()], directed=True)
shape("directed-star-in", list(range(101)), [(i, 0, 1.0) for i in range(1, 101)], directed=True)

# --- large: closed forms for the O(n·m) measures ----------------------------------------------
shape("star-10000", list(range(10001)), [(0, i, 1.0) for i in range(1, 10001)], heavy=False)
shape("path-50000", list(range(50000)), [(i, i + 1, 1.0) for i in range(49999)], heavy=False)


# ==============================================================================================
def rec(d):
    return {str(k): float(v) for k, v in d.items()}


def build(s):
    if s["directed"]:
        G = nx.MultiDiGraph() if s["multi"] else nx.DiGraph()
    else:
        G = nx.MultiGraph() if s["multi"] else nx.Graph()
    G.add_nodes_from(s["nodes"])
    for a, b, w in s["edges"]:
        if a == b:
            continue  # a graphology graph's self-loops are ignored by every measure (documented)
        G.add_edge(a, b, weight=w)
    return G


def simple(G):
    """One tie per pair (for core number, clustering, transitivity), weight = summed."""
    H = nx.DiGraph() if G.is_directed() else nx.Graph()
    H.add_nodes_from(G.nodes())
    for a, b, d in G.edges(data=True):
        if H.has_edge(a, b):
            H[a][b]["weight"] += d["weight"]
        else:
            H.add_edge(a, b, weight=d["weight"])
    return H


def with_lengths(G, kind):
    H = G.copy()
    for e in H.edges(data=True) if not H.is_multigraph() else H.edges(keys=True, data=True):
        d = e[-1]
        w = d["weight"]
        d["len"] = (1.0 / w if w > 0 else math.inf) if kind == "inverse" else w
    return H


def eig_per_component(G, weight, scaling):
    out = {v: 0.0 for v in G}
    U = G.to_undirected() if G.is_directed() else G
    for comp in nx.connected_components(U):
        if len(comp) < 2:
            continue
        sub = G.subgraph(comp)
        nodes = list(sub.nodes())
        A = nx.to_numpy_array(sub, nodelist=nodes, weight=weight)  # parallel ties summed
        vals, vecs = np.linalg.eigh(A)
        x = np.abs(vecs[:, -1])
        x = x / np.linalg.norm(x)
        if scaling == "max":
            x = x / x.max()
        for v, val in zip(nodes, x):
            out[v] = float(val)
    return out


def laplacian_centrality(G, weight, normalized):
    """networkx 3's laplacian_centrality (not in 2.8.8): the drop in Laplacian energy Σλ² when the
    person is removed, their ties taken off the others' degrees. Σλ² = Σ L_ij² (trace of L²), so no
    eigenvalues are needed; bench/graphshapes.py checks this against networkx 3.6.1 when present."""
    nodes = list(G.nodes())
    A = nx.to_numpy_array(G, nodelist=nodes, weight=weight)  # parallel ties summed into one entry
    d = A.sum(1)
    full = float((d ** 2).sum() + (A ** 2).sum())
    out = {}
    # Removing v: its row and column go, and each neighbour's degree drops by its tie to v.
    d2 = d ** 2
    for i, v in enumerate(nodes):
        a = A[:, i]
        x = d2[i] + float((d2 - (d - a) ** 2).sum()) + 2 * float((a ** 2).sum())
        out[str(v)] = x / full if normalized else x
    return out


def pagerank_exact(G, alpha=0.85, weight="weight", personalization=None, dangling=None):
    return nx.pagerank(G, alpha=alpha, weight=weight, personalization=personalization, dangling=dangling,
                       tol=1e-15, max_iter=100000)


def measures(s):
    G = build(s)
    S = simple(G)
    n = G.number_of_nodes()
    out = {}
    heavy = s["heavy"]
    directed = s["directed"]
    out["degree"] = rec(dict(G.degree()))
    out["strength"] = rec(dict(G.degree(weight="weight")))
    if directed:
        out["degree_in"] = rec(dict(G.in_degree()))
        out["degree_out"] = rec(dict(G.out_degree()))
        out["strength_in"] = rec(dict(G.in_degree(weight="weight")))
    U = G.to_undirected() if directed else G
    out["components"] = sorted([sorted(c) for c in nx.connected_components(U)], key=lambda c: (-len(c), c))
    out["core_number"] = rec(nx.core_number(S))
    has_zero = any(w <= 0 for _, _, w in s["edges"])
    if n > 0:
        pr = pagerank_exact(G)
        out["pagerank"] = rec(pr)
        out["pagerank_unweighted"] = rec(pagerank_exact(G, weight=None))
        out["pagerank_alpha_0.5"] = rec(pagerank_exact(G, alpha=0.5))
        nodes = list(G.nodes())
        pers = {v: float(1 + i % 3) for i, v in enumerate(nodes[: max(1, n // 3)])}
        out["pagerank_personalization"] = {"personalization": pers, "values": rec(pagerank_exact(G, personalization=pers))}
        dang = {v: float(1 + i % 2) for i, v in enumerate(nodes[: max(1, n // 4)])}
        out["pagerank_dangling"] = {"dangling": dang, "values": rec(pagerank_exact(G, dangling=dang))}
    if heavy:
        out["betweenness"] = rec(nx.betweenness_centrality(G))
        out["betweenness_unnormalized"] = rec(nx.betweenness_centrality(G, normalized=False))
        out["closeness"] = rec(nx.closeness_centrality(G))
        out["closeness_no_wf"] = rec(nx.closeness_centrality(G, wf_improved=False))
        out["harmonic"] = rec(nx.harmonic_centrality(G))
        if not has_zero:
            Gi = with_lengths(G, "inverse")
            out["betweenness_weighted_inverse"] = rec(nx.betweenness_centrality(Gi, weight="len"))
            out["closeness_weighted_inverse"] = rec(nx.closeness_centrality(Gi, distance="len"))
            out["harmonic_weighted_inverse"] = rec(nx.harmonic_centrality(Gi, distance="len"))
            Gd = with_lengths(G, "identity")
            out["betweenness_weighted_identity"] = rec(nx.betweenness_centrality(Gd, weight="len"))
            out["betweenness_weighted_identity_unnormalized"] = rec(nx.betweenness_centrality(Gd, weight="len", normalized=False))
            out["closeness_weighted_identity"] = rec(nx.closeness_centrality(Gd, distance="len"))
            out["harmonic_weighted_identity"] = rec(nx.harmonic_centrality(Gd, distance="len"))
        if not directed and n > 0:
            out["eigenvector"] = rec(eig_per_component(G, None, "unit"))
            out["eigenvector_max"] = rec(eig_per_component(G, None, "max"))
            out["eigenvector_weighted"] = rec(eig_per_component(G, "weight", "unit"))
        if not directed and n > 1:
            if G.number_of_edges() and n <= 2500:
                out["laplacian"] = laplacian_centrality(G, None, True)
                out["laplacian_weighted"] = laplacian_centrality(G, "weight", True)
                out["laplacian_unnormalized"] = laplacian_centrality(G, None, False)
    if not directed:
        out["clustering"] = rec(nx.clustering(S))
        out["transitivity"] = nx.transitivity(S)
        out["average_clustering"] = nx.average_clustering(S) if n > 0 else None
        nodes = list(G.nodes())
        part = {v: i % 3 for i, v in enumerate(nodes)}
        comms = [set(v for v in nodes if part[v] == c) for c in range(3)]
        comms = [c for c in comms if c]
        if G.number_of_edges() > 0:
            out["modularity_mod3"] = {"partition": {v: part[v] for v in nodes},
                                      "weighted": nx.community.modularity(G, comms, weight="weight"),
                                      "unweighted": nx.community.modularity(G, comms, weight=None),
                                      "resolution_0.5": nx.community.modularity(G, comms, weight="weight", resolution=0.5)}
            best = max(nx.community.modularity(G, c, weight="weight")
                       for c in (nx.community.louvain_communities(G, weight="weight", seed=sd) for sd in range(3)))
            out["louvain_nx_best_modularity"] = best
        if n > 0:
            order = {v: i for i, v in enumerate(nodes)}
            center = max(nodes, key=lambda v: (G.degree(v), -order[v]))
            out["ego"] = {"center": center,
                          "r1": sorted(nx.ego_graph(S, center, radius=1).nodes()),
                          "r2": sorted(nx.ego_graph(S, center, radius=2).nodes()),
                          "r2_edges": nx.ego_graph(S, center, radius=2).number_of_edges()}
            out["reach2"] = {str(v): len(nx.single_source_shortest_path_length(S, v, cutoff=2)) - 1 for v in nodes} \
                if n <= 3000 else None
        out["density"] = nx.density(S) if n > 0 else None
    elif n > 0:
        center = max(G.nodes(), key=lambda v: G.degree(v))
        out["ego"] = {"center": center,
                      "r1": sorted(nx.ego_graph(G, center, radius=1, undirected=True).nodes()),
                      "r2": sorted(nx.ego_graph(G, center, radius=2, undirected=True).nodes()),
                      "r2_edges": nx.ego_graph(G, center, radius=2, undirected=True).number_of_edges()}
    if not heavy:
        out.update(closed_forms(s["name"], n))
    return out


def closed_forms(name, n):
    """Exact values where networkx's O(n·m) run is too slow; checked against networkx on the
    2,000-node versions of the same shapes (the same formulas, see check_closed_forms)."""
    if name.startswith("star"):
        L = n - 1
        bt = {"0": float(L * (L - 1) / 2)}
        for i in range(1, n):
            bt[str(i)] = 0.0
        cl = {"0": 1.0}
        leaf_cl = (n - 1) / (1 + 2 * (n - 2))
        hm = {"0": float(L)}
        for i in range(1, n):
            cl[str(i)] = leaf_cl
            hm[str(i)] = 1 + (n - 2) / 2
        return {"betweenness_unnormalized": bt,
                "betweenness": {k: v / ((n - 1) * (n - 2) / 2) for k, v in bt.items()},
                "closeness": cl, "harmonic": hm}
    if name.startswith("path"):
        bt, cl, hm = {}, {}, {}
        H = [0.0] * n
        for k in range(1, n):
            H[k] = H[k - 1] + 1.0 / k
        for i in range(n):
            bt[str(i)] = float(i * (n - 1 - i))
            sd = i * (i + 1) // 2 + (n - 1 - i) * (n - i) // 2
            cl[str(i)] = (n - 1) / sd
            hm[str(i)] = H[i] + H[n - 1 - i]
        return {"betweenness_unnormalized": bt,
                "betweenness": {k: v / ((n - 1) * (n - 2) / 2) for k, v in bt.items()},
                "closeness": cl, "harmonic": hm}
    return {}


def check_closed_forms():
    for name, G in (("star", nx.star_graph(300)), ("path", nx.path_graph(300))):
        cf = closed_forms(name, G.number_of_nodes())
        ref = {"betweenness": nx.betweenness_centrality(G), "betweenness_unnormalized": nx.betweenness_centrality(G, normalized=False),
               "closeness": nx.closeness_centrality(G), "harmonic": nx.harmonic_centrality(G)}
        for m, vals in ref.items():
            for k, v in vals.items():
                assert abs(cf[m][str(k)] - v) <= 1e-12 * max(1, abs(v)), (name, m, k, cf[m][str(k)], v)


def igraph_values(s):
    """igraph's coreness, PageRank (PRPACK) and unweighted betweenness, where the docs cite igraph."""
    if ig is None or s["directed"] or s["multi"] or not s["nodes"]:
        return None
    nodes = s["nodes"]
    idx = {v: i for i, v in enumerate(nodes)}
    pairs = [(idx[a], idx[b]) for a, b, _ in s["edges"] if a != b]
    g = ig.Graph(n=len(nodes), edges=pairs)
    w = [w for a, b, w in s["edges"] if a != b]
    out = {"coreness": {v: float(c) for v, c in zip(nodes, g.coreness())},
           "pagerank": {v: float(p) for v, p in zip(nodes, g.pagerank(weights=w if all(x > 0 for x in w) and w else None))}}
    if s["heavy"]:
        out["betweenness"] = {v: float(b) for v, b in zip(nodes, g.betweenness())}
    return out


def main():
    check_closed_forms()
    out = {"networkx": nx.__version__, "igraph": ig.__version__ if ig else None, "shapes": []}
    only = re.compile(sys.argv[2]) if len(sys.argv) > 2 else None
    for s in SHAPES:
        if only and not only.search(s["name"]):
            continue
        s = dict(s)
        s["nx"] = measures(s)
        s["igraph"] = igraph_values(s)
        out["shapes"].append(s)
        print(s["name"], len(s["nodes"]), len(s["edges"]), file=sys.stderr)
    with open(sys.argv[1] if len(sys.argv) > 1 else "/tmp/graphshapes.json", "w") as f:
        json.dump(out, f, allow_nan=False)


if __name__ == "__main__":
    main()
