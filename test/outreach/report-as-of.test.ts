import { describe, expect, it } from 'vitest';
import { DataRefusedError } from '../../src/core/errors.js';
import { toDay } from '../../src/core/time.js';
import type { Dataset } from '../../src/core/types.js';
import { analyse } from '../../src/outreach/analyse.js';
import { backtest } from '../../src/outreach/backtest.js';
import { degreeRanker, priorVictimisationsRanker } from '../../src/outreach/index.js';
import { renderReport, reportInput } from '../../src/report/index.js';
import { synthCity } from '../../src/synth/city.js';

// The report as of a date rests only on records before it: changing, adding or removing records
// dated on or after asOf changes not one byte of its data or its HTML.
const { data } = synthCity({ people: 600, years: 3, seed: 8, feud: {} });
const asOf = '2020-06-01';
const asOfDay = toDay(asOf);

/** The same records before asOf; after it, some changed, some removed, and new ones added. */
function rewriteAfter(d: Dataset): Dataset {
  const later = d.incidents.filter((i) => i.day >= asOfDay);
  const dropped = new Set(later.filter((_, k) => k % 3 === 0).map((i) => i.incident_id));
  const incidents = d.incidents
    .filter((i) => !dropped.has(i.incident_id))
    .map((i) => (i.day >= asOfDay ? { ...i, severity: 3 as const, area: 'Elsewhere' } : i));
  const involvements = d.involvements.filter((v) => !dropped.has(v.incident_id));
  // New shootings long after asOf between people known before it (new ties, new victims).
  const known = [...new Set(d.involvements.slice(0, 200).map((v) => v.person_id))];
  for (let k = 0; k < 40; k++) {
    const id = `LATE-${k}`;
    const day = asOfDay + 10 + 9 * k;
    incidents.push({
      incident_id: id,
      date: new Date(day * 86_400_000).toISOString().slice(0, 10),
      day,
      offence: 'Shooting',
      severity: 3,
      weapon: 'firearm',
    });
    involvements.push(
      { incident_id: id, person_id: known[k % known.length], role: 'offender' },
      { incident_id: id, person_id: known[(k * 7 + 3) % known.length], role: 'victim' },
      { incident_id: id, person_id: `NEW-${k}`, role: 'victim' },
    );
  }
  incidents.sort((a, b) => a.day - b.day);
  return { ...d, incidents, involvements, people: [...d.people, { person_id: 'NEW-0' }] };
}

describe('the report respects asOf', () => {
  it('records after asOf change nothing in the report input or the HTML, backtest included', () => {
    const changed = rewriteAfter(data);
    expect(changed.incidents.filter((i) => i.day >= asOfDay).length).toBeGreaterThan(40);
    const options = { asOf, limit: 40, cuts: 3 };
    const a = analyse(data, options);
    const b = analyse(changed, options);
    // The backtest's cuts and horizons lie before asOf.
    const cuts = a.backtest!.table.array('cut') as string[];
    for (const c of cuts) expect(toDay(c) + 90).toBeLessThanOrEqual(asOfDay);
    expect(Math.max(...cuts.map(toDay))).toBe(asOfDay - 90);
    const ia = JSON.stringify(reportInput(a));
    const ib = JSON.stringify(reportInput(b));
    expect(ib).toBe(ia);
    expect(renderReport(reportInput(b))).toBe(renderReport(reportInput(a)));
  });

  it('backtest with asOf reads no later record; a cut scored past asOf is refused', () => {
    const rankers = [priorVictimisationsRanker(), degreeRanker()];
    const a = backtest(data, { cuts: 2, asOf, rankers });
    const b = backtest(rewriteAfter(data), { cuts: 2, asOf, rankers });
    expect(b.table.objects()).toEqual(a.table.objects());
    expect(b.scores.objects().map((r) => ({ ...r, seconds: 0 }))).toEqual(
      a.scores.objects().map((r) => ({ ...r, seconds: 0 })),
    );
    // Without asOf, the default cuts follow the end of the records, so the rewrite moves them:
    // the comparison above could fail.
    const c = backtest(data, { cuts: 2, rankers });
    const d = backtest(rewriteAfter(data), { cuts: 2, rankers });
    expect(d.table.array('cut')).not.toEqual(c.table.array('cut'));
    const late = ['2020-04-01'];
    expect(() => backtest(data, { cuts: late, asOf, rankers })).toThrow(DataRefusedError);
    expect(() => backtest(data, { cuts: late, asOf, rankers })).toThrow(
      /cut 2020-04-01 is scored until 2020-06-30, past asOf 2020-06-01/,
    );
  });
});
