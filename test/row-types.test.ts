import type { ColumnTable } from 'arquero';
import { describe, expect, it } from 'vitest';
import {
  type AuditRow,
  auditList,
  type BacktestCalibrationRow,
  type BacktestRow,
  type BacktestScoreRow,
  backtest,
  type CascadeRow,
  type ContactRow,
  cascades,
  coOffendingGraph,
  type ExposureRow,
  exposure,
  fitNetworkHawkes,
  type GroupMembershipRow,
  type GroupPairRow,
  groupReciprocity,
  type HawkesCascadeRow,
  type HawkesChangeRow,
  type HawkesEventRow,
  type HawkesReplicateRow,
  type HawkesRunRow,
  hawkesInference,
  type ListedContribution,
  type NetworkSummaryRow,
  type NodeMeasure,
  type NodeMetricsRow,
  networkSummary,
  nodeMetrics,
  type PlanListRow,
  type PlanSensitivityRow,
  type ProblemsTableRow,
  planOutreach,
  planRanker,
  problemsTable,
  type RankedListRow,
  type RetaliationLink,
  rankForOutreach,
  retaliations,
  simulateNetworkHawkes,
  synthCity,
  type TurnedSourRow,
  traceContacts,
  updateNetworkHawkes,
} from '../src/index.js';

/**
 * The exported row types against the tables they type (users read `table.objects() as XRow[]`,
 * arquero's `objects()` being `object[]`). Each spec below lists every key of its row type with
 * the runtime kind its declared type allows: a key added to, dropped from or retyped in the
 * interface without the spec is a type error (`satisfies RowSpec<XRow>`), and a column the
 * interface lacks, or a value of another kind than declared (a null where none is allowed), fails
 * here against a real table.
 */

type Kind<T> = T extends string
  ? 'string'
  : T extends number
    ? 'number'
    : T extends boolean
      ? 'boolean'
      : T extends Date
        ? 'Date'
        : T extends readonly (infer E)[]
          ? E extends string
            ? 'string[]'
            : E extends number
              ? 'number[]'
              : 'object[]'
          : 'object';
/** The kind a value of type T has at run time: `'number|null'` for `number | null`. */
type Spec<T> = null extends T ? `${Kind<NonNullable<T>>}|null` : Kind<T>;
/** Every key of R (optional ones too), each with the runtime kind its declared type allows. */
type RowSpec<R> = { [K in keyof R]-?: Spec<Exclude<R[K], undefined>> };

function kindOf(v: unknown): string {
  if (v === null) return 'null';
  if (v instanceof Date) return 'Date';
  if (Array.isArray(v)) {
    if (v.length === 0) return 'array';
    const kinds = new Set(
      v.map((x) => (x !== null && typeof x === 'object' ? 'object' : typeof x)),
    );
    return kinds.size === 1 ? `${[...kinds][0]}[]` : 'mixed[]';
  }
  return typeof v;
}

function allows(spec: string, v: unknown): boolean {
  const kind = kindOf(v);
  return spec.split('|').some((s) => s === kind || (kind === 'array' && s.endsWith('[]')));
}

/**
 * The table's columns are the spec's keys (in order) less those the options left out, and every
 * value of the first `rows` rows has a kind its key allows. Returns the rows read.
 */
function expectRows(
  table: ColumnTable,
  spec: Record<string, string>,
  absent: readonly string[] = [],
  rows = 25,
): Record<string, unknown>[] {
  const keys = Object.keys(spec).filter((k) => !absent.includes(k));
  expect(table.columnNames()).toEqual(keys);
  expect(table.numRows()).toBeGreaterThan(0);
  const objects = table.objects({ limit: rows }) as Record<string, unknown>[];
  for (const [r, o] of objects.entries())
    for (const k of keys)
      expect(
        allows(spec[k], o[k]),
        `row ${r} column ${k}: ${JSON.stringify(o[k])} is not ${spec[k]}`,
      ).toBe(true);
  return objects;
}

/** Each object of an array column holds the spec's keys, with values of the kinds allowed. */
function expectObjects(items: unknown[], spec: Record<string, string>): void {
  expect(items.length).toBeGreaterThan(0);
  for (const item of items) {
    const o = item as Record<string, unknown>;
    expect(Object.keys(o)).toEqual(Object.keys(spec));
    for (const k of Object.keys(spec))
      expect(allows(spec[k], o[k]), `${k}: ${JSON.stringify(o[k])} is not ${spec[k]}`).toBe(true);
  }
}

const city = synthCity({ people: 600, years: 4, seed: 5 });
const data = city.data;
const AS_OF = '2021-06-01';
// A city with feuds, for retaliation links and their cascades (the plain one has few).
const feud = synthCity({ people: 400, years: 6, seed: 1, feud: {} }).data;
let modelMemo: ReturnType<typeof fitNetworkHawkes> | undefined;
const model = () => {
  modelMemo ??= fitNetworkHawkes(data, { asOf: AS_OF });
  return modelMemo;
};

describe('every exported row type matches the table it types', () => {
  it('RankedListRow (rankForOutreach), its ListedContribution, and AuditRow (auditList)', () => {
    const spec = {
      rank: 'number',
      person_id: 'string',
      score: 'number',
      expected_events: 'number',
      reasons: 'string[]',
      reasons_text: 'string',
      contributions: 'object[]',
      explanation: 'string',
      last_evidence: 'string|null',
    } as const satisfies RowSpec<RankedListRow>;
    const contribution = {
      kind: 'string',
      via: 'string|null',
      through: 'string|null',
      incident_id: 'string|null',
      date: 'string|null',
      days_ago: 'number|null',
      value: 'number',
    } as const satisfies RowSpec<ListedContribution>;
    for (const m of [undefined, model()]) {
      const list = rankForOutreach(data, { asOf: AS_OF, limit: 20, model: m });
      const rows = expectRows(list, spec);
      expectObjects(
        rows.flatMap((r) => r.contributions as unknown[]),
        contribution,
      );
      const audit = {
        attribute: 'string',
        value: 'string',
        list_n: 'number',
        list_share: 'number|null',
        victims_n: 'number',
        victims_share: 'number|null',
        population_n: 'number',
        population_share: 'number|null',
        list_vs_victims: 'number|null',
        list_vs_population: 'number|null',
      } as const satisfies RowSpec<AuditRow>;
      expectRows(auditList(data, list, { asOf: AS_OF }), audit, [], 100);
    }
  });

  it('ContactRow (traceContacts), with and without a model', () => {
    const spec = {
      priority: 'number',
      person_id: 'string',
      side: 'string',
      distance: 'number',
      index_role: 'string|null',
      linked_to: 'string',
      path: 'string',
      tie_count: 'number|null',
      tie_strength: 'number|null',
      last_contact: 'string|null',
      days_since_contact: 'number|null',
      risk: 'number|null',
      risk_reason: 'string|null',
      respond_by: 'string|null',
      note: 'string',
    } as const satisfies RowSpec<ContactRow>;
    // A shooting (severity 3: its victim survived), traced on the day: the index people, and a
    // respond-by date.
    const shooting = data.incidents.filter((i) => i.severity === 3 && i.date < AS_OF).at(-1)!;
    const plain = expectRows(
      traceContacts(data, shooting.incident_id, { today: shooting.date }),
      spec,
    );
    expect(plain.some((r) => r.distance === 0 && r.index_role !== null)).toBe(true);
    expect(plain.some((r) => typeof r.respond_by === 'string')).toBe(true);
    const rows = expectRows(
      traceContacts(data, shooting.incident_id, { asOf: AS_OF, model: model() }),
      spec,
    );
    expect(rows.some((r) => typeof r.risk === 'number')).toBe(true);
  });

  it('ExposureRow (exposure)', () => {
    const spec = {
      person_id: 'string',
      exposed_1: 'number',
      exposed_2: 'number',
      weighted: 'number',
      last_exposure: 'string|null',
      via: 'string[]',
    } as const satisfies RowSpec<ExposureRow>;
    const t = exposure(data, { asOf: AS_OF });
    expectRows(t, spec);
    // the exposed rows too (most people's are zeros and nulls)
    expectRows(
      t.filter((d: { exposed_1: number }) => d.exposed_1 > 0),
      spec,
    );
  });

  it('RetaliationLink (retaliations) and CascadeRow (cascades(links).table)', () => {
    const link = {
      from_incident: 'string',
      to_incident: 'string',
      from_date: 'string',
      to_date: 'string',
      lag_days: 'number',
      same_day: 'boolean',
      kind: 'string',
      severity_from: 'number',
      severity_to: 'number',
      severity_change: 'number',
      offender_route: 'string',
      victim_route: 'string',
      people: 'string[]',
      groups: 'string[]',
    } as const satisfies RowSpec<RetaliationLink>;
    const links = retaliations(feud, { asOf: '2023-06-01' });
    expectRows(links, link);
    const cascade = {
      cascade_id: 'number',
      size: 'number',
      links: 'number',
      direct_links: 'number',
      root_incident: 'string',
      first_date: 'string',
      last_date: 'string',
      span_days: 'number',
      depth: 'number',
      max_escalation: 'number',
      median_lag_days: 'number',
      people: 'string[]',
      groups: 'string[]',
      events: 'string[]',
    } as const satisfies RowSpec<CascadeRow>;
    expectRows(cascades(links).table, cascade);
  });

  it('GroupPairRow, TurnedSourRow and GroupMembershipRow (groupReciprocity)', () => {
    const r = groupReciprocity(feud, { asOf: '2023-06-01' });
    const pair = {
      from_group: 'string',
      to_group: 'string',
      attacks: 'number',
      answered: 'number|null',
      answers: 'number|null',
      open: 'number|null',
      reciprocity: 'number|null',
    } as const satisfies RowSpec<GroupPairRow>;
    expectRows(r.pairs, pair, [], 200);
    const sour = {
      offender_id: 'string',
      victim_id: 'string',
      incident_id: 'string',
      date: 'string',
      severity: 'number',
      co_offences: 'number',
      last_co_offence: 'string',
      days_since_co_offence: 'number',
      incidents: 'number',
      same_group: 'boolean',
    } as const satisfies RowSpec<TurnedSourRow>;
    expectRows(r.turnedSour, sour);
    const member = {
      person_id: 'string',
      group: 'string',
    } as const satisfies RowSpec<GroupMembershipRow>;
    expectRows(r.membership, member);
  });

  it("HawkesEventRow and HawkesCascadeRow (a fitted model's events and cascades)", () => {
    const event = {
      incident_id: 'string',
      person_id: 'string',
      date: 'string',
      day: 'number',
      p_triggered: 'number',
      p_self: 'number',
      network_exceeds_background: 'boolean',
      parent_incident: 'string|null',
      parent_person: 'string|null',
      parent_prob: 'number|null',
      parent_delay_days: 'number|null',
      parent_kind: 'string|null',
      top_parents: 'object[]',
      cascade_id: 'number',
    } as const satisfies RowSpec<HawkesEventRow>;
    const rows = expectRows(model().events, event, [], 1000);
    const parent = {
      incident_id: 'string',
      person_id: 'string',
      prob: 'number',
      delay_days: 'number',
      kind: 'string',
    } as const satisfies RowSpec<HawkesEventRow['top_parents'][number]>;
    expectObjects(
      rows.flatMap((r) => r.top_parents as unknown[]),
      parent,
    );
    const cascade = {
      cascade_id: 'number',
      root: 'string',
      root_person: 'string',
      start: 'string',
      end: 'string',
      size: 'number',
      n_people: 'number',
      people: 'string[]',
    } as const satisfies RowSpec<HawkesCascadeRow>;
    expectRows(model().cascades, cascade);
  });

  it('HawkesRunRow (simulateNetworkHawkes) and HawkesChangeRow (updateNetworkHawkes)', () => {
    const run = {
      run: 'number',
      events: 'number',
      events_with_intervention: 'number',
      averted: 'number',
      triggered: 'number',
      entrants: 'number',
    } as const satisfies RowSpec<HawkesRunRow>;
    expectRows(simulateNetworkHawkes(model(), { days: 90, runs: 3 }).runs, run);
    const change = {
      person_id: 'string',
      distance: 'number',
      via: 'string|null',
      incident_id: 'string',
      intensity_before: 'number',
      intensity_after: 'number',
      risk_before: 'number',
      risk_after: 'number',
      change: 'number',
      reason: 'string',
    } as const satisfies RowSpec<HawkesChangeRow>;
    // The next six weeks of records (one shooting among them), added to the model's history.
    const incidents = data.incidents.filter((i) => i.date >= AS_OF && i.date < '2021-07-15');
    const ids = new Set(incidents.map((i) => i.incident_id));
    const involvements = data.involvements.filter((v) => ids.has(v.incident_id));
    const rows = expectRows(
      updateNetworkHawkes(model(), { incidents, involvements }).changes,
      change,
      [],
      1000,
    );
    expect(rows.some((r) => r.distance === 1 && typeof r.via === 'string')).toBe(true);
    // An update that changes nobody's risk (one incident below the outcome's severity, between
    // two people new to the records): the same columns, no rows (aq.from([]) had none at all).
    const [a, b] = ['NEW-1', 'NEW-2'];
    const quiet = updateNetworkHawkes(model(), {
      incidents: [
        {
          incident_id: 'QUIET-1',
          date: '2021-07-20',
          day: Date.UTC(2021, 6, 20) / 86_400_000,
          offence: 'Theft',
          severity: 1,
        },
      ],
      involvements: [
        { incident_id: 'QUIET-1', person_id: a, role: 'offender' },
        { incident_id: 'QUIET-1', person_id: b, role: 'victim' },
      ],
    }).changes;
    expect(quiet.numRows()).toBe(0);
    expect(quiet.columnNames()).toEqual(Object.keys(change));
  });

  it('HawkesReplicateRow (hawkesInference), with the columns of victim–offender ties', () => {
    const spec = {
      kind: 'string',
      replicate: 'number',
      seed: 'number',
      events: 'number',
      alpha: 'number|null',
      mean_delay_days: 'number|null',
      share: 'number|null',
      identified: 'boolean',
      log_lik: 'number|null',
      log_lik_null: 'number|null',
      lr: 'number|null',
      alpha_vo: 'number|null',
      share_co_offending: 'number|null',
      share_victim_offender: 'number|null',
      error: 'string',
    } as const satisfies RowSpec<HawkesReplicateRow>;
    const few = { replicates: 2, nullReplicates: 2, placeboReplicates: 1, kernelCheck: false };
    const vo = ['alpha_vo', 'share_co_offending', 'share_victim_offender'];
    const inf = hawkesInference(data, { ...few, fit: { asOf: AS_OF } });
    expectRows(inf.replicates, spec, vo);
    const withVo = hawkesInference(data, {
      ...few,
      fit: { asOf: AS_OF, victimOffenderTies: 'direct' },
    });
    expectRows(withVo.replicates, spec);
  });

  it('PlanListRow and PlanSensitivityRow (planOutreach), with the columns of refits', () => {
    const spec = {
      rank: 'number',
      person_id: 'string',
      averted: 'number',
      averted_own: 'number',
      averted_onward: 'number',
      own_risk: 'number',
      onward_if_harmed: 'number',
      group: 'string|null',
      area: 'string|null',
      reasons: 'string[]',
      reasons_text: 'string',
      risk_reasons: 'string[]',
      explanation: 'string',
      last_evidence: 'string|null',
      in_plan_share: 'number',
      averted_lo: 'number',
      averted_hi: 'number',
    } as const satisfies RowSpec<PlanListRow>;
    const refitted = ['in_plan_share', 'averted_lo', 'averted_hi'];
    const plan = planOutreach(data, { asOf: AS_OF, model: model(), capacity: 10 });
    expectRows(plan.list, spec, refitted);
    const sensitivity = {
      effect: 'number',
      averted_plan: 'number',
      averted_highest_risk: 'number',
    } as const satisfies RowSpec<PlanSensitivityRow>;
    expectRows(plan.sensitivity, sensitivity);
    const refits = [fitNetworkHawkes(data, { asOf: AS_OF, kernel: 'exponential' })];
    expectRows(
      planOutreach(data, { asOf: AS_OF, model: model(), capacity: 10, refits }).list,
      spec,
    );
  });

  it('BacktestRow, BacktestScoreRow and BacktestCalibrationRow (backtest)', () => {
    const rankers = [planRanker({ capacityShare: 0.02 })];
    const result = backtest(data, { cuts: 2, asOf: AS_OF, rankers });
    const row = {
      cut: 'string',
      ranker: 'string',
      baseline: 'boolean',
      k: 'string',
      k_n: 'number',
      hits: 'number',
      precision: 'number',
      recall: 'number|null',
      lift: 'number|null',
      lift_vs_best_baseline: 'number|null',
    } as const satisfies RowSpec<BacktestRow>;
    expectRows(result.table, row, [], 100);
    const score = {
      cut: 'string',
      ranker: 'string',
      baseline: 'boolean',
      population: 'number',
      victims: 'number',
      victims_known: 'number',
      pr_auc: 'number|null',
      log_lik: 'number',
      expected_source: 'string',
      expected: 'number',
      observed: 'number',
      averted: 'number|null',
      averted_highest_risk: 'number|null',
      seconds: 'number',
    } as const satisfies RowSpec<BacktestScoreRow>;
    const scores = expectRows(result.scores, score, [], 100);
    expect(scores.some((s) => typeof s.averted === 'number')).toBe(true);
    const calibration = {
      ranker: 'string',
      band: 'string',
      people: 'number',
      expected: 'number',
      observed: 'number',
    } as const satisfies RowSpec<BacktestCalibrationRow>;
    expectRows(result.calibration, calibration, [], 100);
  });

  it('NodeMetricsRow (nodeMetrics): the default measures, and every measure with its rank', () => {
    const spec = {
      person_id: 'string',
      degree: 'number',
      strength: 'number',
      core_number: 'number',
      pagerank: 'number',
      betweenness: 'number',
      closeness: 'number',
      harmonic: 'number',
      eigenvector: 'number',
      clustering: 'number',
      community: 'number',
      component: 'number',
      degree_rank: 'number',
      strength_rank: 'number',
      core_number_rank: 'number',
      pagerank_rank: 'number',
      betweenness_rank: 'number',
      closeness_rank: 'number',
      harmonic_rank: 'number',
      eigenvector_rank: 'number',
      clustering_rank: 'number',
    } as const satisfies RowSpec<NodeMetricsRow>;
    const graph = coOffendingGraph(data, { asOf: AS_OF });
    const ranks = Object.keys(spec).filter((k) => k.endsWith('_rank'));
    const defaults = nodeMetrics(graph);
    expectRows(defaults, spec, [
      ...ranks,
      ...['closeness', 'harmonic', 'eigenvector', 'clustering'],
    ]);
    // Every measure, ranked by each in turn (on the network's first half year: small and quick).
    const early = coOffendingGraph(data, { asOf: '2018-07-01' });
    const measures = Object.keys(spec).filter((k) => k !== 'person_id' && !k.endsWith('_rank'));
    for (const rank of ranks) {
      const by = rank.slice(0, -'_rank'.length) as NodeMeasure;
      expectRows(
        nodeMetrics(early, { measures: measures as NodeMeasure[], rankBy: by }),
        spec,
        ranks.filter((r) => r !== rank),
        5,
      );
    }
  });

  it('NetworkSummaryRow (networkSummary), on a network and on an empty graph', () => {
    const spec = {
      nodes: 'number',
      edges: 'number',
      density: 'number|null',
      components: 'number',
      largest_component: 'number',
      largest_component_share: 'number|null',
      isolates: 'number',
      mean_degree: 'number|null',
      degree_min: 'number|null',
      degree_q25: 'number|null',
      degree_q50: 'number|null',
      degree_q75: 'number|null',
      degree_q90: 'number|null',
      degree_q99: 'number|null',
      degree_max: 'number|null',
      transitivity: 'number|null',
      average_clustering: 'number|null',
      degree_centralisation: 'number|null',
    } as const satisfies RowSpec<NetworkSummaryRow>;
    const graph = coOffendingGraph(data, { asOf: AS_OF });
    expectRows(networkSummary(graph), spec);
    const empty = graph.emptyCopy();
    empty.clear();
    expectRows(networkSummary(empty), spec);
    // Another quantile is a column of the index signature's pattern.
    const other = networkSummary(graph, { quantiles: [0.999] });
    const row = other.object() as NetworkSummaryRow;
    expect(other.columnNames()).toContain('degree_q99.9');
    expect(typeof row['degree_q99.9']).toBe('number');
  });

  it('ProblemsTableRow (problemsTable), with and without a file line', () => {
    const spec = {
      table: 'string',
      row: 'number',
      field: 'string',
      value: 'string',
      reason: 'string',
      line: 'number|null',
    } as const satisfies RowSpec<ProblemsTableRow>;
    expectRows(
      problemsTable([
        { table: 'incidents', row: 3, field: 'date', value: '31/02/2021', reason: 'not a date' },
        { table: 'involvements', row: 7, field: 'role', value: 'x', reason: 'no role', line: 9 },
      ]),
      spec,
    );
  });
});
