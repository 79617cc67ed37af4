/**
 * Every public function on degenerate input: empty data, one person, one incident, every incident
 * on one day, no violence, one component of two people, isolated people only, ids with commas,
 * quotes, newlines and emoji, dates near year 9999 and in 1900, and graphs with self-loops and
 * parallel ties. Each call either returns output free of NaN, ±Infinity and the text "undefined"
 * (tables, HTML, CSV, JSON, summaries) or refuses with one of the library's errors, whose
 * message says what is wrong. The list is checked against the package's exports, so a new
 * function cannot be added without a case here.
 */
import { DirectedGraph, MultiUndirectedGraph, UndirectedGraph } from 'graphology';
import { describe, expect, it } from 'vitest';
import type { Dataset } from '../../src/core/types.js';
import * as api from '../../src/index.js';
import { FIVE_INCIDENTS_AS_OF, fiveIncidents, makeDataset } from '../helpers.js';

const ASOF = '2024-01-01';

interface Scenario {
  data: Dataset;
  asOf: string;
}

/** Degenerate record sets; each has the as-of date its analyses use. */
const DATA: Record<string, Scenario> = {
  empty: { data: makeDataset([]), asOf: ASOF },
  'one person': { data: makeDataset([['I1', '2023-01-10', 3, ['A'], []]]), asOf: ASOF },
  'one incident': {
    data: makeDataset([['I1', '2023-01-10', 4, ['A', 'B'], ['C']]]),
    asOf: ASOF,
  },
  'one day': {
    data: makeDataset([
      ['I1', '2023-01-10', 3, ['A', 'B'], ['C']],
      ['I2', '2023-01-10', 4, ['C'], ['A']],
      ['I3', '2023-01-10', 1, ['B', 'D'], ['E']],
    ]),
    asOf: ASOF,
  },
  'no violence': {
    data: makeDataset([
      ['I1', '2023-01-10', 0, ['A', 'B'], []],
      ['I2', '2023-02-10', 0, ['B', 'C'], []],
      ['I3', '2023-03-10', 0, ['C', 'D'], []],
    ]),
    asOf: ASOF,
  },
  'two people': {
    data: makeDataset([
      ['I1', '2023-01-10', 1, ['A', 'B'], []],
      ['I2', '2023-03-10', 3, ['A'], ['B']],
      ['I3', '2023-06-10', 3, ['B'], ['A']],
    ]),
    asOf: ASOF,
  },
  'isolated people': {
    data: makeDataset(
      [
        ['I1', '2023-01-10', 3, [], ['A']],
        ['I2', '2023-02-10', 3, [], ['B']],
        ['I3', '2023-03-10', 4, [], ['C']],
      ],
      { A: 'g1', B: 'g2', C: 'g1', Z: 'g2' },
    ),
    asOf: ASOF,
  },
  'odd ids': {
    data: makeDataset(
      [
        ['I,1', '2023-01-10', 3, ['A,"x"', 'Bé😀'], ['=C']],
        ['I"2', '2023-02-10', 4, ['=C'], ['A,"x"']],
        ['I\n3', '2023-03-10', 2, ['Bé😀', 'D\nE'], []],
        ['<b>4', '2023-04-10', 3, ['D\nE'], ['Bé😀']],
      ],
      { 'A,"x"': 'g "one"', '=C': 'g,two' },
    ),
    asOf: ASOF,
  },
  'year 9999': {
    data: makeDataset([
      ['I1', '9998-01-10', 3, ['A', 'B'], ['C']],
      ['I2', '9999-02-10', 4, ['C'], ['A']],
      ['I3', '9999-03-10', 3, ['B', 'D'], ['E']],
    ]),
    asOf: '9999-12-01',
  },
  'year 1900': {
    data: makeDataset([
      ['I1', '1900-01-10', 3, ['A', 'B'], ['C']],
      ['I2', '1900-02-10', 4, ['C'], ['A']],
      ['I3', '1900-03-10', 3, ['B', 'D'], ['E']],
    ]),
    asOf: '1900-12-01',
  },
  ordinary: {
    data: fiveIncidents(),
    asOf: FIVE_INCIDENTS_AS_OF,
  },
};

/** Degenerate graphs for the measures. */
function graphs(): Record<string, UndirectedGraph | DirectedGraph | MultiUndirectedGraph> {
  const one = new UndirectedGraph();
  one.addNode('a');
  const two = new UndirectedGraph();
  two.mergeEdge('a', 'b');
  const isolated = new UndirectedGraph();
  for (const n of ['a', 'b', 'c']) isolated.addNode(n);
  const odd = new UndirectedGraph();
  odd.mergeEdge('a,"x"', 'bé😀');
  odd.mergeEdge('bé😀', '=c\nd');
  odd.mergeEdge('=c\nd', 'a,"x"');
  const loops = new MultiUndirectedGraph({ allowSelfLoops: true });
  loops.mergeEdge('a', 'a');
  loops.mergeEdge('a', 'b');
  loops.addEdge('a', 'b');
  loops.mergeEdge('b', 'c');
  const directed = new DirectedGraph();
  directed.mergeEdge('a', 'b');
  directed.mergeEdge('b', 'a');
  directed.mergeEdge('b', 'c');
  return {
    empty: new UndirectedGraph(),
    'one node': one,
    'two nodes': two,
    'isolated nodes': isolated,
    'odd ids': odd,
    'self-loops and parallel ties': loops,
    directed,
  };
}

/**
 * Errors that are refusals: the library's own, and RangeError / TypeError thrown on purpose with
 * a sentence (an unknown node, a directed graph where an undirected one is needed). A JavaScript
 * engine message (reading a property of undefined…) is a crash, never a refusal.
 */
const REFUSALS = [
  api.InputError,
  api.OptionError,
  api.DataRefusedError,
  api.ValidationError,
  api.IngestError,
  RangeError,
  TypeError,
] as const;
const ENGINE_MESSAGE =
  /Cannot read propert|Cannot destructure|is not a function|is not iterable|Maximum call stack|Invalid array length|\bundefined\b|\bNaN\b/;

/**
 * Keys not read as output: inputs handed back (`data`), internal state with documented sentinels
 * (`state`, `index`: ±Infinity for undated group labels), graphology graphs (checked by the
 * measures on them), and `ExposureCounts.lastExposureDay`, a Float64Array that documents NaN as
 * "no exposure" (its table form, `exposure`, writes null).
 */
const NOT_OUTPUT = new Set(['data', 'state', 'index', 'graph', 'lastExposureDay']);

/** The first NaN, ±Infinity or "undefined"/"NaN" text in `v`, as a path; null when clean. */
function firstBad(v: unknown, path = '', seen = new Set<unknown>()): string | null {
  if (typeof v === 'number') return Number.isFinite(v) ? null : `${path || 'value'} = ${v}`;
  if (typeof v === 'string') {
    // A report's inline code (d3 and the viewer) is left out; its text and data are read.
    const text = v.replace(/<script>[\s\S]*?<\/script>/g, '');
    const m = text.match(/.{0,40}\b(NaN|undefined|-?Infinity)\b.{0,40}/s);
    return m ? `${path || 'text'} contains "${m[0]}"` : null;
  }
  if (v === null || typeof v !== 'object' || seen.has(v)) return null;
  seen.add(v);
  const t = v as { objects?: () => unknown[]; numRows?: () => number };
  if (typeof t.objects === 'function' && typeof t.numRows === 'function')
    return firstBad(t.objects(), `${path}<table>`, seen);
  if (ArrayBuffer.isView(v)) return firstBad(Array.from(v as Float64Array), path, seen);
  if (v instanceof Map) return firstBad(Object.fromEntries(v), path, seen);
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const b = firstBad(v[i], `${path}[${i}]`, seen);
      if (b) return b;
    }
    return null;
  }
  for (const k of Object.keys(v)) {
    if (NOT_OUTPUT.has(k)) continue;
    const x = (v as Record<string, unknown>)[k];
    if (typeof x === 'function') continue;
    const b = firstBad(x, `${path}.${k}`, seen);
    if (b) return b;
  }
  return null;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: Error };
function attempt(run: () => unknown): Outcome {
  try {
    return { ok: true, value: run() };
  } catch (error) {
    return { ok: false, error: error as Error };
  }
}

/** Checks one call: clean output, or a refusal by one of the library's errors, in words. */
function expectCleanOrRefused(what: string, run: () => unknown): Outcome {
  const o = attempt(run);
  if (o.ok) {
    expect(firstBad(o.value), what).toBeNull();
  } else {
    const e = o.error;
    expect(
      REFUSALS.some((E) => e instanceof E),
      `${what} threw ${e.name}: ${e.message}`,
    ).toBe(true);
    // A sentence naming the problem, not a bare code or a stack fragment.
    expect(e.message.length, `${what}: ${e.message}`).toBeGreaterThan(25);
    expect(e.message, what).not.toMatch(ENGINE_MESSAGE);
  }
  return o;
}

const KEY = 'a-key-of-sixteen-bytes-or-more';
const fitted = (s: Scenario) => api.fitNetworkHawkes(s.data, { asOf: s.asOf });
const list = (s: Scenario) => api.rankForOutreach(s.data, { asOf: s.asOf });
const everyone = (s: Scenario) => [...new Set(s.data.involvements.map((v) => v.person_id))];
const viaBacktest = (make: () => api.Ranker) => (s: Scenario) =>
  api.backtest(s.data, { cuts: 1, horizonDays: 30, rankers: [make()] });
/** A model's printed parts: parameters, diagnostics, standard errors, summary and risk. */
const modelOutput = (m: api.NetworkHawkesModel, s: Scenario) => ({
  parameters: m.parameters,
  diagnostics: m.diagnostics,
  standardErrors: m.standardErrors,
  kernel: m.kernel,
  risk: m.risk(everyone(s), { from: s.asOf, horizonDays: 90 }),
});

/** How each public function is called on a record set (graph measures: on each graph). */
const ON_DATA: Record<string, (s: Scenario) => unknown> = {
  analyse: (s) => {
    const a = api.analyse(s.data, { asOf: s.asOf, cuts: 0 });
    return { ...a, model: modelOutput(a.model, s) };
  },
  auditList: (s) => api.auditList(s.data, list(s), { asOf: s.asOf }),
  backgroundRanker: viaBacktest(() => api.backgroundRanker()),
  backtest: (s) => {
    const r = api.backtest(s.data, { cuts: 1, horizonDays: 30 });
    return { ...r, text: r.summary };
  },
  cascades: (s) => api.cascades(api.retaliations(s.data, { asOf: s.asOf })),
  coOffendingEdges: (s) => api.coOffendingEdges(s.data, { asOf: s.asOf }),
  coOffendingGraph: (s) => api.toGraphml(api.coOffendingGraph(s.data, { asOf: s.asOf })),
  defaultRankers: (s) => api.backtest(s.data, { cuts: 1, horizonDays: 30 }).scores,
  degreeRanker: viaBacktest(() => api.degreeRanker()),
  exportList: (s) => api.exportList(list(s)),
  exposure: (s) => api.exposure(s.data, { asOf: s.asOf }),
  exposureCounts: (s) => api.exposureCounts(s.data, { asOf: s.asOf }),
  exposureRanker: viaBacktest(() => api.exposureRanker()),
  exposureRiskModel: (s) =>
    api.exposureRiskModel(s.data, { asOf: s.asOf }).risk(everyone(s), {
      from: s.asOf,
      horizonDays: 90,
    }),
  fitNetworkHawkes: (s) => modelOutput(fitted(s), s),
  groupReciprocity: (s) => api.groupReciprocity(s.data, { asOf: s.asOf }),
  hawkesInference: (s) => api.hawkesInference(s.data, { fit: { asOf: s.asOf }, replicates: 2 }),
  hawkesRanker: viaBacktest(() => api.hawkesRanker()),
  listMetadata: (s) => api.listMetadata(list(s)),
  modelRanker: viaBacktest(() =>
    api.modelRanker('exposure', (input) => api.exposureRiskModel(input.data)),
  ),
  oracleRanker: viaBacktest(() => api.oracleRanker((people) => people.map(() => 0.01))),
  planOutreach: (s) => api.planOutreach(s.data, { asOf: s.asOf, capacity: 2, model: fitted(s) }),
  planRanker: viaBacktest(() => api.planRanker()),
  priorVictimisationsRanker: viaBacktest(() => api.priorVictimisationsRanker()),
  profileData: (s) => api.profileData(s.data),
  pseudonymise: (s) => everyone(s).map((id) => api.pseudonymise(id, KEY)),
  pseudonymiseDataset: (s) => api.pseudonymiseDataset(s.data, KEY).involvements,
  randomRanker: viaBacktest(() => api.randomRanker({ seed: 1 })),
  rankForOutreach: list,
  renderReport: (s) =>
    api.renderReport(
      api.reportInput({
        data: s.data,
        asOf: s.asOf,
        network: api.coOffendingEdges(s.data, { asOf: s.asOf }),
        list: list(s),
      }),
    ),
  reportInput: (s) =>
    api.reportInput({
      data: s.data,
      asOf: s.asOf,
      graph: api.coOffendingGraph(s.data, { asOf: s.asOf }),
      list: list(s),
    }),
  retaliationNullModel: (s) => api.retaliationNullModel(s.data, { asOf: s.asOf, runs: 3 }),
  retaliations: (s) => api.retaliations(s.data, { asOf: s.asOf }),
  simulateNetworkHawkes: (s) => api.simulateNetworkHawkes(fitted(s), { seed: 1 }),
  traceContacts: (s) =>
    api.traceContacts(s.data, s.data.incidents.at(-1)?.incident_id ?? 'no such incident', {
      asOf: s.asOf,
    }),
  updateNetworkHawkes: (s) =>
    api.updateNetworkHawkes(
      fitted(s),
      {
        incidents: [{ incident_id: 'NEW', date: s.asOf, day: 0, offence: 'x', severity: 4 }],
        involvements: [{ incident_id: 'NEW', person_id: everyone(s)[0] ?? 'Q', role: 'victim' }],
      },
      { asOf: s.asOf },
    ).changes,
  victimisationGraph: (s) => api.toGexf(api.victimisationGraph(s.data, { asOf: s.asOf })),
  victimisedAssociatesRanker: viaBacktest(() => api.victimisedAssociatesRanker()),
  withSimulatedOutcomes: (s) => {
    const m = fitted(s);
    const period = { from: Date.parse(m.diagnostics.since) / 864e5, days: m.diagnostics.days };
    const sim = api.simulateNetworkHawkes(m, { ...period, runs: 1, seed: 1, keepEvents: true });
    return api.withSimulatedOutcomes(m, sim.simulated![0], period).incidents;
  },
};

type AnyGraph = ReturnType<typeof graphs>[string];
const ON_GRAPH: Record<string, (g: AnyGraph) => unknown> = {
  averageClustering: (g) => api.averageClustering(g),
  betweenness: (g) => api.betweenness(g),
  closeness: (g) => api.closeness(g),
  clustering: (g) => api.clustering(g),
  connectedComponents: (g) => api.connectedComponents.detailed(g),
  coreNumber: (g) => api.coreNumber(g),
  csrFromArrays: (g) => {
    const c = api.toCsr(g);
    const src: number[] = [];
    const dst: number[] = [];
    for (let u = 0; u < c.n; u++)
      for (let e = c.offsets[u]; e < c.offsets[u + 1]; e++) {
        src.push(u);
        dst.push(c.targets[e]);
      }
    return api.nodeMetrics(api.csrFromArrays(c.ids, src, dst, null, { directed: c.directed }));
  },
  degree: (g) => api.degree(g),
  egoNetwork: (g) => api.toGraphml(api.egoNetwork(g, g.nodes()[0] ?? 'nobody')),
  eigenvector: (g) => api.eigenvector(g),
  fromAdjacencyMatrix: (g) => {
    const ids = g.nodes();
    const rows = ids.map(
      (a) => `"${a.replace(/"/g, '""')}",${ids.map((b) => (g.hasEdge(a, b) ? 1 : 0)).join(',')}`,
    );
    const header = `,${ids.map((a) => `"${a.replace(/"/g, '""')}"`).join(',')}`;
    return api.networkSummary(api.fromAdjacencyMatrix([header, ...rows].join('\n')));
  },
  harmonic: (g) => api.harmonic(g),
  laplacian: (g) => api.laplacian(g),
  louvain: (g) => api.louvain.detailed(g),
  modularity: (g) =>
    api.modularity(g, { communities: Object.fromEntries(g.nodes().map((n) => [n, 0])) }),
  networkSummary: (g) => api.networkSummary(g),
  nodeMetrics: (g) => api.nodeMetrics(g),
  pagerank: (g) => api.pagerank(g),
  reach: (g) => api.reach(g),
  strength: (g) => api.strength(g),
  toCsr: (g) => api.toCsr(g),
  toGexf: (g) => api.toGexf(g),
  toGraphml: (g) => api.toGraphml(g),
  transitivity: (g) => api.transitivity(g),
};

/** Functions whose input is neither records nor a graph, each with its own degenerate calls. */
const OTHER: Record<string, () => unknown[]> = {
  ingest: () => [
    api.ingest({ incidents: [] }).summary,
    api.ingest({
      incidents: [
        { incident_id: 'I,"1"', date: '9999-12-31', offence: 'Shooting' },
        { incident_id: 'I😀2', date: '1900-01-01', offence: 'Assault' },
      ],
      involvements: [{ incident_id: 'I,"1"', person_id: 'A\nB', role: 'victim' }],
    }).summary,
  ],
  problemsTable: () => [api.problemsTable([])],
  readParquet: () => [],
  synthCity: () => [api.synthCity({ people: 1, years: 1 }).truth],
  misspecifiedWorld: () => [api.misspecifiedWorld('heterogeneous', { people: 1 })],
  trueExpectedEvents: () => {
    const city = api.synthCity({ people: 2, years: 1 });
    const f = api.trueExpectedEvents(city);
    return [f(['P-000001', 'nobody'], city.truth.period.startDay + 100, 30, city.data)];
  },
};

/** Exports that are not functions of data: error classes. */
const ERROR_CLASSES = new Set([
  'DataRefusedError',
  'IngestError',
  'InputError',
  'MissingColumnError',
  'OptionError',
  'ProtectedAttributeError',
  'ValidationError',
]);

describe('degenerate input across the public API', () => {
  it('every exported function has a case here', () => {
    const fns = Object.entries(api)
      .filter(([, v]) => typeof v === 'function')
      .map(([k]) => k)
      .filter((k) => !ERROR_CLASSES.has(k));
    const covered = new Set([
      ...Object.keys(ON_DATA),
      ...Object.keys(ON_GRAPH),
      ...Object.keys(OTHER),
    ]);
    expect(fns.filter((k) => !covered.has(k))).toEqual([]);
    expect([...covered].filter((k) => !fns.includes(k))).toEqual([]);
  });

  for (const [name, scenario] of Object.entries(DATA)) {
    it(`${name}: every function of records returns clean output or refuses in words`, () => {
      let ran = 0;
      for (const [fn, run] of Object.entries(ON_DATA))
        if (expectCleanOrRefused(`${fn} on ${name}`, () => run(scenario)).ok) ran++;
      // Cheap functions (profile, graphs, exposure, pseudonyms) run on everything.
      expect(ran).toBeGreaterThanOrEqual(8);
    });
  }

  it('the refusals name the problem: empty data, one date, no serious violence', () => {
    const refusal = (fn: string, s: Scenario) => {
      const o = attempt(() => ON_DATA[fn](s));
      return o.ok ? 'no refusal' : `${o.error.name}: ${o.error.message}`;
    };
    expect(refusal('rankForOutreach', DATA.empty)).toMatch(/DataRefusedError.*no incidents/);
    expect(refusal('fitNetworkHawkes', DATA['one day'])).toMatch(/one date/);
    expect(refusal('analyse', DATA['no violence'])).toMatch(/no incident of severity 3/);
    expect(refusal('traceContacts', DATA.empty)).toMatch(/'no such incident'/);
  });

  for (const [name, g] of Object.entries(graphs())) {
    it(`${name} graph: every measure returns clean output or refuses in words`, () => {
      let ran = 0;
      for (const [fn, run] of Object.entries(ON_GRAPH))
        if (expectCleanOrRefused(`${fn} on ${name}`, () => run(g)).ok) ran++;
      expect(ran).toBeGreaterThanOrEqual(10);
    });
  }

  it('other inputs (ingest, synthetic cities, problem tables) give clean output', () => {
    for (const [fn, run] of Object.entries(OTHER)) expectCleanOrRefused(fn, run);
  });
});
