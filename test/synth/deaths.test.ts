import { describe, expect, it } from 'vitest';
import { synthCity } from '../../src/synth/index.js';
import type { SynthCityOptions } from '../../src/synth/types.js';

/**
 * A homicide victim leaves the population at death (as the fitted model's at-risk set does):
 * checked straight from the records, over several seeds and worlds.
 */
const WORLDS: [string, SynthCityOptions][] = [
  ['default', {}],
  ['feuds', { feud: {} }],
  ['strong contagion', { contagion: { alpha: 0.15 } }],
  ['heterogeneous + hot periods', { world: { frailtyShape: 1, hotPeriods: {} }, feud: {} }],
  ['late onset + gamma delay', { world: { onsetYears: 2, delayShape: 3 } }],
];

describe('synthCity deaths', () => {
  for (const [name, options] of WORLDS) {
    it(`${name}: nobody has any record after being a homicide victim, over 4 seeds`, () => {
      let deaths = 0;
      for (const seed of [1, 2, 3, 4]) {
        const { data, truth } = synthCity({ people: 1500, seed, ...options });
        const severity = new Map(data.incidents.map((i) => [i.incident_id, i.severity]));
        const day = new Map(data.incidents.map((i) => [i.incident_id, i.day]));
        // Ids are in record order (by day, and the homicide after the day's other records).
        const death = new Map<string, string>();
        for (const v of data.involvements) {
          if (v.role !== 'victim' || severity.get(v.incident_id) !== 4) continue;
          const d = death.get(v.person_id);
          if (d === undefined || v.incident_id < d) death.set(v.person_id, v.incident_id);
        }
        deaths += death.size;
        const late = data.involvements.filter((v) => {
          const d = death.get(v.person_id);
          return d !== undefined && v.incident_id > d;
        });
        expect(late.slice(0, 3)).toEqual([]);
        // Nothing after the death day at all, and every homicide victim killed once.
        for (const v of data.involvements) {
          const d = death.get(v.person_id);
          if (d !== undefined) expect(day.get(v.incident_id)!).toBeLessThanOrEqual(day.get(d)!);
        }
        // The truth agrees: no event of a dead person after death, every parent kept and earlier.
        const eventAt = new Map(truth.events.map((e, i) => [e.incident_id, i]));
        for (const e of truth.events) {
          const d = death.get(e.person_id);
          if (d !== undefined) expect(e.incident_id <= d).toBe(true);
          if (e.parent) {
            const p = eventAt.get(e.parent.incident_id);
            expect(p).toBeDefined();
            expect(truth.events[p!].time).toBeLessThan(e.time);
          }
        }
        // Feud truth only links incidents that exist with both sides.
        const sides = new Map<string, Set<string>>();
        for (const v of data.involvements) {
          let s = sides.get(v.incident_id);
          if (!s) sides.set(v.incident_id, (s = new Set()));
          s.add(v.role);
        }
        for (const r of truth.retaliations)
          for (const id of [r.from, r.to]) {
            expect(sides.get(id)?.has('offender')).toBe(true);
            expect(sides.get(id)?.has('victim')).toBe(true);
          }
        // No incident is left with nobody in it, and none lost a side: every ordinary or feud
        // incident (severity ≤ 2) has an offender, every violent one (severity ≥ 1) a victim.
        expect(sides.size).toBe(data.incidents.length);
        const lacking = data.incidents.filter((i) => {
          const s = sides.get(i.incident_id)!;
          return (i.severity <= 2 && !s.has('offender')) || (i.severity >= 1 && !s.has('victim'));
        });
        expect(lacking.slice(0, 3)).toEqual([]);
      }
      // The check has something to check: homicides happen in every world.
      expect(deaths).toBeGreaterThan(10);
    });
  }

  it('the same seed gives the same city, deaths included', () => {
    const a = synthCity({ people: 1500, seed: 3, feud: {} });
    const b = synthCity({ people: 1500, seed: 3, feud: {} });
    expect(b.data).toEqual(a.data);
    expect(b.truth).toEqual(a.truth);
  });
});
