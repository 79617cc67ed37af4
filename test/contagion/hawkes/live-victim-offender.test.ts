import { beforeAll, describe, expect, it } from 'vitest';
import { fitNetworkHawkes } from '../../../src/contagion/hawkes/fit.js';
import { updateNetworkHawkes } from '../../../src/contagion/hawkes/live.js';
import type { NetworkHawkesModel } from '../../../src/contagion/hawkes/model.js';
import { dayToIso, toDay } from '../../../src/core/time.js';
import type { Dataset } from '../../../src/core/types.js';
import { synthCity } from '../../../src/synth/city.js';
import { modelAtParameters } from '../../helpers.js';

const AS_OF = '2023-01-01';
const UNTIL = '2023-02-01';

/** The records of `data` dated in [from, to). */
function between(data: Dataset, from: number, to: number): Dataset {
  const incidents = data.incidents.filter((i) => i.day >= from && i.day < to);
  const keep = new Set(incidents.map((i) => i.incident_id));
  return {
    ...data,
    incidents,
    involvements: data.involvements.filter((v) => keep.has(v.incident_id)),
  };
}

/** Offenders of each incident. */
function offendersOf(data: Dataset): Map<string, number> {
  const m = new Map<string, number>();
  for (const v of data.involvements)
    if (v.role === 'offender') m.set(v.incident_id, (m.get(v.incident_id) ?? 0) + 1);
  return m;
}

/**
 * updateNetworkHawkes on a model with victim–offender ties: it refused one (the ties the new
 * incidents form were left out, and which kind the fit used was not kept). Now the model records
 * `victimOffenderTies`, and the update forms the new incidents' ties as a fit of every record
 * would: a month of a city's records added to a model gives the intensities and risks of the
 * model with the same parameters made from all the records.
 */
describe('updateNetworkHawkes with victimOffenderTies', () => {
  let base: Dataset;
  let month: Dataset;
  let after: string;
  beforeAll(() => {
    const data = synthCity({ people: 3000, seed: 4 }).data;
    base = between(data, Number.NEGATIVE_INFINITY, toDay(AS_OF));
    month = between(data, toDay(AS_OF), toDay(UNTIL));
    after = dayToIso(Math.max(...month.incidents.map((i) => i.day)) + 1);
  });

  /** The model at fixed parameters (no optimisation): two differ only in their records. */
  const fixed = (
    records: Dataset,
    asOf: string,
    kind: 'direct' | 'sides',
    alpha: number,
    ties: 'time-gated' | 'static' = 'time-gated',
  ): NetworkHawkesModel =>
    modelAtParameters(
      records,
      asOf,
      { mu: 2e-5, alpha, beta: 1 / 60 },
      {
        ties,
        victimOffenderTies: kind,
        start: { mu: 2e-5, alpha, beta: 1 / 60, alphaVictimOffender: 0.4 },
      },
    );

  /** Every person of the base model: risk (first generation) and λ of the update and the refit. */
  const compare = (live: ReturnType<typeof updateNetworkHawkes>, refit: NetworkHawkesModel) => {
    const people = live.base.state.data.index.personIds;
    const a = live.risk(people, { from: after, horizonDays: 90, generations: 'first' });
    const b = refit.risk(people, { from: after, horizonDays: 90, generations: 'first' });
    let worst = 0;
    let moved = 0;
    const before = live.base.risk(people, { from: after, horizonDays: 90, generations: 'first' });
    for (let i = 0; i < people.length; i++) {
      worst = Math.max(worst, Math.abs(a[i].expected - b[i].expected));
      if (Math.abs(b[i].expected - before[i].expected) > 1e-6) moved++;
    }
    expect(worst).toBeLessThan(1e-9);
    // Intensity at asOf of everyone the update lists (λ after) is the refit's, and it lists
    // everyone whose risk moved.
    const rows = live.changes.objects() as Record<string, number | string>[];
    const listed = new Set(rows.map((r) => r.person_id));
    const unlisted = people.filter(
      (p, i) => Math.abs(a[i].expected - before[i].expected) > 1e-12 && !listed.has(p),
    );
    expect(unlisted).toEqual([]);
    for (const r of rows)
      expect(r.intensity_after as number).toBeCloseTo(
        refit.intensity(r.person_id as string, after),
        12,
      );
    return { moved, rows, risks: a };
  };

  for (const kind of ['direct', 'sides'] as const) {
    it(`'${kind}': a month of records added equals the model made from all of them (risk and λ, 1e-9)`, () => {
      // With co-offending excitation (α 0.3): the month's incidents with one offender at most,
      // since an update forms no co-offending tie (that waits for the next fit).
      const n = offendersOf(month);
      const single = {
        ...month,
        incidents: month.incidents.filter((i) => (n.get(i.incident_id) ?? 0) <= 1),
      };
      const keep = new Set(single.incidents.map((i) => i.incident_id));
      single.involvements = month.involvements.filter((v) => keep.has(v.incident_id));
      const model = fixed(base, AS_OF, kind, 0.3);
      expect(model.victimOffenderTies).toBe(kind);
      const live = updateNetworkHawkes(model, single, { asOf: after });
      const all: Dataset = {
        ...base,
        incidents: [...base.incidents, ...single.incidents],
        involvements: [...base.involvements, ...single.involvements],
      };
      const { moved, rows, risks } = compare(live, fixed(all, after, kind, 0.3));
      expect(moved).toBeGreaterThan(5);
      // Some risk rose along a victim–offender tie of a new incident, named as such.
      const parts = risks.flatMap((r) => r.contributions);
      const newIds = new Set(single.incidents.map((i) => i.incident_id));
      expect(
        parts.some((p) => p.kind === 'victim-offender' && newIds.has(p.incidentId ?? '')),
      ).toBe(true);
      expect(rows.length).toBeGreaterThan(5);
    });
  }

  it("'sides': with the month's co-offences too, the ties through co-offenders the new incidents form are the fit's", () => {
    // α = 0: only the victim–offender excitation; the month's multi-offender incidents form
    // co-offending ties through which 'sides' reaches further.
    const model = fixed(base, AS_OF, 'sides', 0);
    const live = updateNetworkHawkes(model, month, { asOf: after });
    const all: Dataset = {
      ...base,
      incidents: [...base.incidents, ...month.incidents],
      involvements: [...base.involvements, ...month.involvements],
    };
    const { moved, rows } = compare(live, fixed(all, after, 'sides', 0));
    expect(moved).toBeGreaterThan(5);
    // A tie formed tonight that brings the earlier harm of the other side, said so.
    expect(rows.length).toBeGreaterThan(5);
  });

  it("static ties: a tie formed tonight carries the other side's earlier harm, as the fit's static ties do", () => {
    // With `ties: 'static'` every tie carries events from before it formed: tonight's shooter
    // gains their victim's earlier harm too (and with 'sides' their co-offenders do).
    const model = fixed(base, AS_OF, 'sides', 0, 'static');
    const live = updateNetworkHawkes(model, month, { asOf: after });
    const all: Dataset = {
      ...base,
      incidents: [...base.incidents, ...month.incidents],
      involvements: [...base.involvements, ...month.involvements],
    };
    const { moved, rows, risks } = compare(live, fixed(all, after, 'sides', 0, 'static'));
    expect(moved).toBeGreaterThan(5);
    const monthIds = new Set(month.incidents.map((i) => i.incident_id));
    const earlier = risks
      .flatMap((r) => r.contributions)
      .filter((p) => p.kind === 'victim-offender' && !monthIds.has(p.incidentId ?? ''));
    expect(earlier.length).toBeGreaterThan(0);
    // Listed with the tie that brings it, not as harm in the new incident.
    const row = rows.find((r) =>
      /\(a victim–offender tie\), which brings/.test(r.reason as string),
    );
    expect(row).toBeDefined();
    expect(row!.change as number).toBeGreaterThan(0);
    expect(row!.reason).toMatch(
      new RegExp(
        `^Tied to ${row!.via} by the new incident ${row!.incident_id} \\(a victim–offender tie\\), which brings ${row!.via}'s recent harm to them: expected serious incidents in the next 90 days rise from `,
      ),
    );
  });

  it('records the option on the model: false without victim–offender ties, true read as direct', () => {
    const small = between(base, toDay('2022-01-01'), toDay(AS_OF));
    const opts = { maxIterations: 0, standardErrors: false } as const;
    expect(fitNetworkHawkes(small, opts).victimOffenderTies).toBe(false);
    expect(fitNetworkHawkes(small, { ...opts, victimOffenderTies: true }).victimOffenderTies).toBe(
      'direct',
    );
  });
});
