/**
 * Every exported network measure against networkx 2.8.8 (and igraph 0.10.2 where the docs cite it)
 * on graphs of odd shape: empty, single node, dust of pairs and isolates, stars, K_200, paths (to
 * 50,000), ring, grid, bipartite, barbell, self-loops, parallel ties, directed, odd ids, tiny /
 * huge / mixed / zero weights. Each graph is read five ways: a graphology graph, the same with
 * weights as text, a `toCsr` snapshot, `csrFromArrays`, and graphology's default mixed `Graph`.
 *
 *   /usr/bin/python3 bench/graphshapes.py /tmp/graphshapes.json   # networkx's values
 *   npx tsx bench/graphshapes.ts /tmp/graphshapes.json [shape-regex] # compare; prints a summary
 *
 * (several JSON files, comma-separated, are read as one: the Python side can run in parts)
 *
 * A value matches when |ours − theirs| ≤ 1e-9 · max(|ours|, |theirs|) + 1e-13 · (largest |value|
 * of that measure on that graph). Errors and refusals are listed with their message.
 */
import { readFileSync } from 'node:fs';
import Graph, {
  DirectedGraph,
  MultiDirectedGraph,
  MultiUndirectedGraph,
  UndirectedGraph,
} from 'graphology';
import type { AbstractGraph } from 'graphology-types';
import type { Csr } from '../src/graph/csr.js';
import {
  averageClustering,
  betweenness,
  closeness,
  clustering,
  connectedComponents,
  coreNumber,
  csrFromArrays,
  degree,
  egoNetwork,
  eigenvector,
  harmonic,
  laplacian,
  louvain,
  modularity,
  networkSummary,
  nodeMetrics,
  pagerank,
  reach,
  strength,
  toCsr,
  transitivity,
} from '../src/index.js';

type Rec = Record<string, number>;
interface Shape {
  name: string;
  nodes: string[];
  edges: [string, string, number][];
  directed: boolean;
  multi: boolean;
  heavy: boolean;
  // biome-ignore lint/suspicious/noExplicitAny: networkx values of several shapes, read by key
  nx: Record<string, any>;
  igraph: Record<string, Rec> | null;
}

const files = (process.argv[2] ?? '/tmp/graphshapes.json').split(',');
const only = process.argv[3] ? new RegExp(process.argv[3]) : null;
const data = {
  shapes: files.flatMap((f) => (JSON.parse(readFileSync(f, 'utf8')) as { shapes: Shape[] }).shapes),
};

const REL = 1e-9;
const ABS = 1e-13;
interface Row {
  shape: string;
  view: string;
  measure: string;
  compared: number;
  maxRel: number;
  bad: string[];
  error?: string;
}
const rows: Row[] = [];

function compare(shape: string, view: string, measure: string, got: Rec, want: Rec, abs = 0) {
  const row: Row = { shape, view, measure, compared: 0, maxRel: 0, bad: [] };
  rows.push(row);
  const wantKeys = Object.keys(want);
  const gotKeys = Object.keys(got);
  if (gotKeys.length !== wantKeys.length) {
    row.bad.push(`keys: got ${gotKeys.length}, expected ${wantKeys.length}`);
  }
  let scale = 0;
  for (const k of wantKeys) scale = Math.max(scale, Math.abs(want[k]));
  for (const k of wantKeys) {
    const a = Object.hasOwn(got, k) ? got[k] : undefined;
    const b = want[k];
    row.compared++;
    if (typeof a !== 'number' || Number.isNaN(a)) {
      if (row.bad.length < 5) row.bad.push(`${JSON.stringify(k)}: got ${a}, expected ${b}`);
      row.maxRel = Number.POSITIVE_INFINITY;
      continue;
    }
    const d = Math.abs(a - b);
    const m = Math.max(Math.abs(a), Math.abs(b));
    const rel = d === 0 ? 0 : d / m;
    if (d > ABS * scale + abs) row.maxRel = Math.max(row.maxRel, rel);
    if (d > REL * m + ABS * scale + abs && row.bad.length < 5) {
      row.bad.push(`${JSON.stringify(k)}: got ${a}, expected ${b} (rel ${rel.toExponential(2)})`);
    }
  }
}

function scalar(shape: string, view: string, measure: string, got: number, want: number) {
  compare(shape, view, measure, { value: got }, { value: want });
}

function attempt(shape: string, view: string, measure: string, f: () => void) {
  try {
    f();
  } catch (e) {
    const err = e as Error;
    rows.push({
      shape,
      view,
      measure,
      compared: 0,
      maxRel: 0,
      bad: [],
      error: `${err.constructor.name}: ${err.message.slice(0, 300)}`,
    });
  }
}

function build(s: Shape, opts: { stringWeights?: boolean; mixed?: boolean } = {}): AbstractGraph {
  const g: AbstractGraph = opts.mixed
    ? new Graph({ multi: s.multi })
    : s.directed
      ? s.multi
        ? new MultiDirectedGraph()
        : new DirectedGraph()
      : s.multi
        ? new MultiUndirectedGraph()
        : new UndirectedGraph();
  for (const v of s.nodes) g.addNode(v);
  for (const [a, b, w] of s.edges) {
    const attr = { weight: opts.stringWeights ? String(w) : w };
    if (opts.mixed) {
      if (s.directed) g.addDirectedEdge(a, b, attr);
      else g.addUndirectedEdge(a, b, attr);
    } else g.addEdge(a, b, attr);
  }
  return g;
}

function fromArrays(s: Shape): Csr {
  const index = new Map(s.nodes.map((v, i) => [v, i]));
  const kept = s.edges.filter(([a, b]) => a !== b); // loops are kept by csrFromArrays (documented)
  return csrFromArrays(
    s.nodes,
    kept.map(([a]) => index.get(a)!),
    kept.map(([, b]) => index.get(b)!),
    kept.map(([, , w]) => w),
    { directed: s.directed, order: 'graph' },
  );
}

function partitionOf(rec: Rec): string[][] {
  const by = new Map<number, string[]>();
  for (const [k, c] of Object.entries(rec)) {
    if (!by.has(c)) by.set(c, []);
    by.get(c)!.push(k);
  }
  return [...by.values()]
    .map((c) => c.sort())
    .sort((a, b) => b.length - a.length || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

function run(s: Shape) {
  const nx = s.nx;
  const hasZero = s.edges.some(([, , w]) => !(w > 0));
  const views: [string, () => AbstractGraph | Csr][] = [
    ['graph', () => build(s)],
    ['string-weights', () => build(s, { stringWeights: true })],
    ['toCsr', () => toCsr(build(s))],
    ['csrFromArrays', () => fromArrays(s)],
    ['mixed-Graph', () => build(s, { mixed: true })],
  ];
  for (const [view, make] of views) {
    if (!s.heavy && view !== 'graph' && view !== 'toCsr') continue;
    let g: AbstractGraph | Csr;
    try {
      g = make();
    } catch (e) {
      rows.push({
        shape: s.name,
        view,
        measure: 'build',
        compared: 0,
        maxRel: 0,
        bad: [],
        error: String(e),
      });
      continue;
    }
    const c = (m: string, f: () => void) => attempt(s.name, view, m, f);
    const cmp = (m: string, got: Rec, key = m) => {
      if (nx[key] != null) compare(s.name, view, m, got, nx[key]);
    };
    const w = { weight: 'weight' } as const;
    // PageRank stops when Σ|Δx| < n × 1e-14 (documented): values within that of the fixed point
    // (networkx's own run stops at n × 1e-15 here) are not counted as differences.
    const prAbs = s.nodes.length * 1e-14;
    const cmpPr = (m: string, got: Rec, key = m) => {
      if (nx[key] != null) compare(s.name, view, m, got, nx[key], prAbs);
    };
    c('degree', () => cmp('degree', degree(g)));
    c('strength', () => cmp('strength', strength(g)));
    if (s.directed) {
      c('degree in', () => cmp('degree in', degree(g, { direction: 'in' }), 'degree_in'));
      c('degree out', () => cmp('degree out', degree(g, { direction: 'out' }), 'degree_out'));
      c('strength in', () => cmp('strength in', strength(g, { direction: 'in' }), 'strength_in'));
    }
    c('components', () => {
      const got = partitionOf(connectedComponents(g));
      const want = nx.components as string[][];
      const same = JSON.stringify(got) === JSON.stringify(want);
      rows.push({
        shape: s.name,
        view,
        measure: 'components',
        compared: s.nodes.length,
        maxRel: same ? 0 : Number.POSITIVE_INFINITY,
        bad: same ? [] : ['partition differs'],
      });
      const det = connectedComponents.detailed(g);
      scalar(s.name, view, 'components count', det.count, want.length);
    });
    c('core_number', () => cmp('core_number', coreNumber(g)));
    c('pagerank', () => cmpPr('pagerank', pagerank(g)));
    c('pagerank unweighted', () =>
      cmpPr('pagerank unweighted', pagerank(g, { weight: null }), 'pagerank_unweighted'),
    );
    c('pagerank alpha 0.5', () =>
      cmpPr('pagerank alpha 0.5', pagerank(g, { alpha: 0.5 }), 'pagerank_alpha_0.5'),
    );
    if (nx.pagerank_personalization) {
      const p = nx.pagerank_personalization;
      c('pagerank personalization', () =>
        compare(
          s.name,
          view,
          'pagerank personalization',
          pagerank(g, { personalization: p.personalization }),
          p.values,
          prAbs,
        ),
      );
      const d = nx.pagerank_dangling;
      c('pagerank dangling', () =>
        compare(
          s.name,
          view,
          'pagerank dangling',
          pagerank(g, { dangling: d.dangling }),
          d.values,
          prAbs,
        ),
      );
    }
    if (s.igraph && view === 'toCsr') {
      const ig = s.igraph;
      c('igraph coreness', () =>
        compare(s.name, view, 'igraph coreness', coreNumber(g), ig.coreness),
      );
      if (!hasZero)
        c('igraph pagerank', () =>
          compare(s.name, view, 'igraph pagerank (1e-10 claimed)', pagerank(g), ig.pagerank, 1e-10),
        );
      if (ig.betweenness)
        c('igraph betweenness', () =>
          compare(
            s.name,
            view,
            'igraph betweenness',
            betweenness(g, { weight: null, normalized: false }),
            ig.betweenness,
          ),
        );
    }
    c('betweenness', () => cmp('betweenness', betweenness(g)));
    c('betweenness unnormalized', () =>
      cmp(
        'betweenness unnormalized',
        betweenness(g, { normalized: false }),
        'betweenness_unnormalized',
      ),
    );
    c('closeness', () => cmp('closeness', closeness(g)));
    c('closeness no wf', () =>
      cmp('closeness no wf', closeness(g, { wassermanFaust: false }), 'closeness_no_wf'),
    );
    c('harmonic', () => cmp('harmonic', harmonic(g)));
    c('harmonic normalized', () => {
      if (!nx.harmonic) return;
      const n = s.nodes.length;
      const want: Rec = Object.fromEntries(
        Object.entries(nx.harmonic as Rec).map(([k, v]) => [k, n > 1 ? v / (n - 1) : v]),
      );
      compare(s.name, view, 'harmonic normalized', harmonic(g, { normalized: true }), want);
    });
    if (s.heavy && !hasZero) {
      c('betweenness w inverse', () =>
        cmp('betweenness w inverse', betweenness(g, w), 'betweenness_weighted_inverse'),
      );
      c('betweenness w identity', () =>
        cmp(
          'betweenness w identity',
          betweenness(g, { ...w, distance: 'identity' }),
          'betweenness_weighted_identity',
        ),
      );
      c('betweenness w identity unnorm', () =>
        cmp(
          'betweenness w identity unnorm',
          betweenness(g, { ...w, distance: 'identity', normalized: false }),
          'betweenness_weighted_identity_unnormalized',
        ),
      );
      c('betweenness w fn', () =>
        cmp(
          'betweenness w fn',
          betweenness(g, { ...w, distance: (x) => 1 / x }),
          'betweenness_weighted_inverse',
        ),
      );
      c('closeness w inverse', () =>
        cmp('closeness w inverse', closeness(g, w), 'closeness_weighted_inverse'),
      );
      c('closeness w identity', () =>
        cmp(
          'closeness w identity',
          closeness(g, { ...w, distance: 'identity' }),
          'closeness_weighted_identity',
        ),
      );
      c('harmonic w inverse', () =>
        cmp('harmonic w inverse', harmonic(g, w), 'harmonic_weighted_inverse'),
      );
      c('harmonic w identity', () =>
        cmp(
          'harmonic w identity',
          harmonic(g, { ...w, distance: 'identity' }),
          'harmonic_weighted_identity',
        ),
      );
      c('betweenness k=exactBudget', () =>
        cmp('betweenness k (exact by budget)', betweenness(g, { k: 3, seed: 2 }), 'betweenness'),
      );
    }
    if (s.heavy && hasZero) {
      c('betweenness w inverse (zero weights: refusal expected)', () => {
        betweenness(g, w);
        rows.push({
          shape: s.name,
          view,
          measure: 'betweenness w zero',
          compared: 0,
          maxRel: 0,
          bad: ['no refusal'],
        });
      });
    }
    if (!s.directed) {
      c('eigenvector', () => cmp('eigenvector', eigenvector(g, { weight: null })));
      c('eigenvector max', () =>
        cmp(
          'eigenvector max',
          eigenvector(g, { weight: null, componentScaling: 'max' }),
          'eigenvector_max',
        ),
      );
      c('eigenvector weighted', () =>
        cmp('eigenvector weighted', eigenvector(g, w), 'eigenvector_weighted'),
      );
      c('laplacian', () => cmp('laplacian', laplacian(g, { weight: null })));
      c('laplacian weighted', () =>
        cmp('laplacian weighted', laplacian(g, w), 'laplacian_weighted'),
      );
      c('laplacian unnormalized', () =>
        cmp(
          'laplacian unnormalized',
          laplacian(g, { weight: null, normalized: false }),
          'laplacian_unnormalized',
        ),
      );
      c('clustering', () => cmp('clustering', clustering(g)));
      c('transitivity', () =>
        scalar(s.name, view, 'transitivity', transitivity(g), nx.transitivity),
      );
      if (nx.average_clustering != null)
        c('average clustering', () =>
          scalar(s.name, view, 'average clustering', averageClustering(g), nx.average_clustering),
        );
      if (nx.modularity_mod3) {
        const mm = nx.modularity_mod3;
        c('modularity', () => {
          scalar(
            s.name,
            view,
            'modularity weighted',
            modularity(g, { communities: mm.partition }),
            mm.weighted,
          );
          scalar(
            s.name,
            view,
            'modularity unweighted',
            modularity(g, { communities: mm.partition, weight: null }),
            mm.unweighted,
          );
          scalar(
            s.name,
            view,
            'modularity resolution 0.5',
            modularity(g, { communities: mm.partition, resolution: 0.5 }),
            mm['resolution_0.5'],
          );
        });
        c('louvain', () => {
          const det = louvain.detailed(g, { seed: 1 });
          const q = det.modularity;
          const qCheck = modularity(g, { communities: det.communities });
          scalar(s.name, view, 'louvain reported = modularity()', q, qCheck);
          const best = nx.louvain_nx_best_modularity as number;
          rows.push({
            shape: s.name,
            view,
            measure: 'louvain ≥ networkx louvain − 1e-9',
            compared: 1,
            maxRel: 0,
            bad: q >= best - 1e-9 ? [] : [`ours ${q}, networkx best of 3 seeds ${best}`],
          });
        });
      }
      if (nx.density != null && !isCsr(g))
        c('networkSummary', () => {
          const t = networkSummary(g).objects()[0] as Record<string, number>;
          scalar(s.name, view, 'summary density', t.density, nx.density);
          scalar(s.name, view, 'summary transitivity', t.transitivity, nx.transitivity);
          if (nx.average_clustering != null)
            scalar(
              s.name,
              view,
              'summary average clustering',
              t.average_clustering,
              nx.average_clustering,
            );
        });
      if (nx.reach2) c('reach', () => cmp('reach', reach(g, null, { maxDistance: 2 }), 'reach2'));
    }
    if (nx.ego && !isCsr(g))
      c('egoNetwork', () => {
        const e = nx.ego;
        for (const [r, key] of [
          [1, 'r1'],
          [2, 'r2'],
        ] as const) {
          const sub = egoNetwork(g as AbstractGraph, e.center, { radius: r });
          const got = sub.nodes().sort();
          const same = JSON.stringify(got) === JSON.stringify([...e[key]].sort());
          rows.push({
            shape: s.name,
            view,
            measure: `egoNetwork r${r} nodes`,
            compared: got.length,
            maxRel: same ? 0 : Number.POSITIVE_INFINITY,
            bad: same ? [] : [`got ${got.length} nodes, expected ${e[key].length}`],
          });
          if (r === 2) {
            // nx.ego_graph of the one-tie-per-pair graph: count pairs, not parallel edges
            const pairs = new Set<string>();
            sub.forEachEdge((_k, _a, x, y) => {
              if (x !== y) pairs.add(s.directed ? `${x}\u0000${y}` : [x, y].sort().join('\u0000'));
            });
            scalar(s.name, view, 'egoNetwork r2 ties', pairs.size, e.r2_edges);
          }
        }
      });
    c('nodeMetrics', () => {
      const ms = s.directed
        ? (['degree', 'strength', 'pagerank', 'betweenness', 'component'] as const)
        : ([
            'degree',
            'strength',
            'core_number',
            'pagerank',
            'betweenness',
            'closeness',
            'harmonic',
            'clustering',
            'component',
          ] as const);
      if (!s.heavy) return;
      const t = nodeMetrics(g, { measures: [...ms] });
      const ids = t.array('person_id') as string[];
      for (const m of [
        'degree',
        'pagerank',
        'betweenness',
        'closeness',
        'harmonic',
        'clustering',
        'core_number',
      ]) {
        if (!(ms as readonly string[]).includes(m) || !nx[m]) continue;
        const col = t.array(m) as number[];
        const got: Rec = Object.fromEntries(ids.map((id, i) => [id, col[i]]));
        compare(s.name, view, `nodeMetrics ${m}`, got, nx[m], m === 'pagerank' ? prAbs : 0);
      }
    });
  }
}

function isCsr(x: unknown): x is Csr {
  return typeof x === 'object' && x !== null && (x as Csr).offsets instanceof Int32Array;
}

for (const s of data.shapes) {
  if (only && !only.test(s.name)) continue;
  const t0 = performance.now();
  run(s);
  process.stderr.write(`${s.name}: ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
}

let compared = 0;
let maxRel = 0;
const problems: Row[] = [];
for (const r of rows) {
  compared += r.compared;
  if (Number.isFinite(r.maxRel)) maxRel = Math.max(maxRel, r.maxRel);
  if (r.error || r.bad.length > 0) problems.push(r);
}
const byShape = new Map<string, { compared: number; maxRel: number }>();
for (const r of rows) {
  const b = byShape.get(r.shape) ?? { compared: 0, maxRel: 0 };
  b.compared += r.compared;
  if (!r.error && r.bad.length === 0) b.maxRel = Math.max(b.maxRel, r.maxRel);
  byShape.set(r.shape, b);
}
console.log('| shape | values compared | max relative difference (matching rows) |');
console.log('|---|---:|---:|');
for (const [k, b] of byShape)
  console.log(`| ${k} | ${b.compared} | ${b.maxRel.toExponential(2)} |`);
console.log(`\n${compared} values compared; max relative difference ${maxRel.toExponential(2)}`);
console.log(`\n${problems.length} problems:`);
for (const p of problems) {
  console.log(`- ${p.shape} / ${p.view} / ${p.measure}: ${p.error ?? p.bad.join('; ')}`);
}
