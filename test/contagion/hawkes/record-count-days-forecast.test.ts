import { describe, expect, it } from 'vitest';
import {
  atRiskAt,
  type Counts,
  coOffenderColumns,
  countsBefore,
} from '../../../src/contagion/hawkes/background.js';
import { fitNetworkHawkes, updateNetworkHawkes } from '../../../src/contagion/hawkes/index.js';
import { personFactor, trendRate } from '../../../src/contagion/hawkes/model.js';
import { dayToIso, toDay } from '../../../src/core/time.js';
import type { PersonRisk } from '../../../src/index.js';
import { smallCity } from './background-helpers.js';

// Forecasts with record counts over a trailing window (`recordCountDays`): `risk` holds each
// person's counts as they stand just before the horizon (records in the trailing window only),
// and the live update adds its new records to them while they are inside the window. The counts
// are recomputed here from the raw records, not with the library's walk.

const W = 90;
const { data } = smallCity();
const options = {
  recordCountDays: W,
  recordCovariates: { yearsSinceFirstRecord: false },
  frailty: false,
  standardErrors: false,
} as const;
const model = fitNetworkHawkes(data, options);
const s = model.state;
const d = s.data;

/** Each person's records (day, severity, roles) from the raw dataset. */
const records = new Map<string, { day: number; severity: number; off: boolean; vic: boolean }[]>();
{
  const incident = new Map(data.incidents.map((i) => [i.incident_id, i]));
  const byPair = new Map<string, { day: number; severity: number; off: boolean; vic: boolean }>();
  for (const v of data.involvements) {
    const inc = incident.get(v.incident_id)!;
    const key = `${v.person_id}|${v.incident_id}`;
    let r = byPair.get(key);
    if (!r) {
      r = { day: inc.day ?? toDay(inc.date), severity: inc.severity, off: false, vic: false };
      byPair.set(key, r);
      const list = records.get(v.person_id) ?? [];
      list.push(r);
      records.set(v.person_id, list);
    }
    if (v.role === 'offender') r.off = true;
    if (v.role === 'victim') r.vic = true;
  }
}

/** Counts used at time `from`: records dated before it and less than W days before (left limit). */
function rawCounts(person: string, from: number, window = W): Pick<Counts, 'inc' | 'off' | 'vic'> {
  const c = { inc: 0, off: 0, vic: 0 };
  for (const r of records.get(person) ?? []) {
    if (!(r.day < from) || r.day + window < from) continue;
    c.inc++;
    if (r.severity >= 1 && r.off) c.off++;
    if (r.severity >= 1 && r.vic) c.vic++;
  }
  return c;
}

/** ∫ over [from, from + h) of the background with counts `c` held, by the midpoint rule. */
function heldBackground(k: number, c: Counts, from: number, h: number): number {
  let total = 0;
  for (let t = from + 0.25; t < from + h; t += 0.5)
    if (atRiskAt(s.bg, k, t)) total += 0.5 * trendRate(s, t) * personFactor(s, k, c, t);
  return total;
}

const background = (r: PersonRisk) =>
  r.contributions.find((p) => p.kind === 'background')?.value ?? 0;

describe('forecasts with recordCountDays', () => {
  const from = d.end + 30;
  const h = 60;
  const risks = model.risk(undefined, { from: dayToIso(from), horizonDays: h });

  it("risk's background holds the counts of the trailing window just before the horizon", () => {
    let compared = 0;
    let windowMatters = 0;
    for (const r of risks) {
      const k = d.index.personIndex.get(r.person_id)!;
      const raw = rawCounts(r.person_id, from);
      const c = countsBefore(d, k, from, false, W, null, model.state.bg.co);
      expect({ inc: c.inc, off: c.off, vic: c.vic }).toEqual(raw);
      const expected = heldBackground(k, c, from, h);
      expect(Math.abs(background(r) - expected)).toBeLessThanOrEqual(
        1e-9 * Math.max(expected, 1e-9),
      );
      // The same with every earlier record counted: a different figure for people with older records.
      const all = countsBefore(
        d,
        k,
        from,
        false,
        Number.POSITIVE_INFINITY,
        null,
        coOffenderColumns(d, Number.POSITIVE_INFINITY),
      );
      if (Math.abs(heldBackground(k, all, from, h) - expected) > 0.01 * expected) windowMatters++;
      compared++;
    }
    expect(compared).toBe(d.nPeople);
    expect(windowMatters).toBeGreaterThan(100);
  });

  it('the live update counts a new record while it is inside the window, then drops it', () => {
    // A person with no record in the last W days before the model's end gets a new violent
    // offence: it raises their background at a horizon W/2 later and not at one 2W later.
    const person = risks.find((r) => rawCounts(r.person_id, d.end + 1).inc === 0)!.person_id;
    const k = d.index.personIndex.get(person)!;
    const day = d.end + 5;
    const live = updateNetworkHawkes(
      model,
      {
        incidents: [
          { incident_id: 'NEW-1', date: dayToIso(day), day, offence: 'assault', severity: 1 },
        ],
        involvements: [{ incident_id: 'NEW-1', person_id: person, role: 'offender' }],
      },
      { asOf: dayToIso(day + 1) },
    );
    const near = day + W / 2;
    const late = day + 2 * W;
    const at = (m: { risk: typeof model.risk }, t: number) =>
      background(m.risk([person], { from: dayToIso(t), horizonDays: h })[0]);
    const withNew: Counts = {
      ...countsBefore(d, k, near, false, W, null, model.state.bg.co),
      first: 0,
    };
    withNew.inc++;
    withNew.off++;
    expect(at(live, near)).toBeCloseTo(heldBackground(k, withNew, near, h), 12);
    expect(Math.abs(at(live, near) - at(model, near))).toBeGreaterThan(0.01 * at(model, near));
    expect(at(live, late)).toBe(at(model, late));
  });
});
