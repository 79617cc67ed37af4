import { describe, expect, it } from 'vitest';
import { OptionError } from '../../src/core/errors.js';
import {
  MISSPECIFIED_WORLDS,
  misspecifiedWorld,
  synthCity,
  WORLD_CONTAGION,
} from '../../src/synth/index.js';

/** Co-offending degree of each person at the end of the period, straight from the records. */
function degrees(data: ReturnType<typeof synthCity>['data']): Map<string, number> {
  const offenders = new Map<string, string[]>();
  for (const v of data.involvements) {
    if (v.role !== 'offender') continue;
    const list = offenders.get(v.incident_id);
    if (list) list.push(v.person_id);
    else offenders.set(v.incident_id, [v.person_id]);
  }
  const nb = new Map<string, Set<string>>();
  for (const ps of offenders.values()) {
    for (const a of ps) {
      for (const b of ps) {
        if (a === b) continue;
        let s = nb.get(a);
        if (!s) nb.set(a, (s = new Set()));
        s.add(b);
      }
    }
  }
  return new Map(data.people.map((p) => [p.person_id, nb.get(p.person_id)?.size ?? 0]));
}

function spearman(x: number[], y: number[]): number {
  const rank = (v: number[]) => {
    const order = v.map((_, i) => i).sort((a, b) => v[a] - v[b]);
    const r = new Array<number>(v.length);
    for (let i = 0; i < order.length; ) {
      let j = i;
      while (j + 1 < order.length && v[order[j + 1]] === v[order[i]]) j++;
      for (let k = i; k <= j; k++) r[order[k]] = (i + j) / 2;
      i = j + 1;
    }
    return r;
  };
  const rx = rank(x);
  const ry = rank(y);
  const m = (rx.length - 1) / 2;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < rx.length; i++) {
    sxy += (rx[i] - m) * (ry[i] - m);
    sxx += (rx[i] - m) ** 2;
    syy += (ry[i] - m) ** 2;
  }
  return sxy / Math.sqrt(sxx * syy);
}

describe('synthCity: misspecified worlds', () => {
  it('with every world option off the city is the same, draw for draw, as without `world`', () => {
    const base = { people: 1200, seed: 9, feud: {}, contagion: { mu: 1e-4 } };
    const plain = synthCity(base);
    for (const world of [false, {}, { onsetYears: 0, delayShape: 1, frailtyShape: 0 }] as const) {
      const city = synthCity({ ...base, world });
      expect(city.data).toEqual(plain.data);
      expect(city.truth.events).toEqual(plain.truth.events);
      expect(city.truth.backgroundWeights).toBeNull();
      expect(city.truth.hotPeriods).toEqual([]);
    }
    expect(plain.truth.world).toBeNull();
    expect(plain.truth.period.onsetDay).toBe(plain.truth.period.startDay);
  });

  it('heterogeneous background: weights have mean 1, a gamma spread, and rise with co-offending degree; events follow them', () => {
    const { data, truth } = synthCity(
      misspecifiedWorld('heterogeneous', { seed: 4, people: 6000, contagion: false }),
    );
    const w = truth.backgroundWeights!;
    expect(w).toHaveLength(data.people.length);
    const mean = w.reduce((a, b) => a + b, 0) / w.length;
    expect(mean).toBeCloseTo(1, 10);
    const sorted = [...w].sort((a, b) => b - a);
    const top10 = sorted.slice(0, w.length / 10).reduce((a, b) => a + b, 0) / w.length;
    expect(top10).toBeGreaterThan(0.3); // the top 10% carry over 30% of the background
    const deg = degrees(data);
    const d = data.people.map((p) => deg.get(p.person_id)!);
    expect(spearman(w, d)).toBeGreaterThan(0.15);
    // People with more co-offending ties carry more background risk.
    const q = [...d].sort((a, b) => a - b);
    const meanW = (keep: (x: number) => boolean) => {
      const ws = w.filter((_, k) => keep(d[k]));
      return ws.reduce((a, b) => a + b, 0) / ws.length;
    };
    expect(meanW((x) => x >= q[Math.floor(0.75 * q.length)])).toBeGreaterThan(
      1.5 * meanW((x) => x <= q[Math.floor(0.25 * q.length)]),
    );
    // Background events fall on people in proportion to their weight: the top decile of weights
    // gets about `top10` of the events (binomial, 4 sd).
    const cut = sorted[w.length / 10 - 1];
    const heavy = new Set(data.people.filter((_, k) => w[k] >= cut).map((p) => p.person_id));
    const n = truth.events.length;
    const share = truth.events.filter((e) => heavy.has(e.person_id)).length / n;
    expect(Math.abs(share - top10)).toBeLessThan(4 * Math.sqrt((top10 * (1 - top10)) / n));
    expect(truth.triggeredShare).toBe(0);
    expect(truth.meanDelay).toBeNull();
  });

  it('late onset: no serious violence before the onset day, the background rate after it is μ₀', () => {
    const { data, truth } = synthCity(
      misspecifiedWorld('late-onset', { seed: 2, people: 5000, contagion: false }),
    );
    const { startDay, endDay, onsetDay } = truth.period;
    expect(onsetDay - startDay).toBe(Math.round(2 * 365.25));
    expect(Math.min(...truth.events.map((e) => e.time))).toBeGreaterThanOrEqual(onsetDay);
    expect(data.incidents.filter((i) => i.severity >= 3 && i.day < onsetDay)).toEqual([]);
    expect(data.incidents.some((i) => i.day < startDay + 30)).toBe(true); // ordinary records do
    const expected = WORLD_CONTAGION.mu * 5000 * (endDay - onsetDay);
    expect(Math.abs(truth.events.length - expected)).toBeLessThan(4 * Math.sqrt(expected));
  });

  it('hot periods: members of a group in a hot period are hit at about factor × the background, with no parents', () => {
    const { data, truth } = synthCity(
      misspecifiedWorld('hot-periods', { seed: 3, people: 6000, contagion: false }),
    );
    expect(truth.hotPeriods.length).toBeGreaterThan(50);
    const groupOf = new Map(data.people.map((p) => [p.person_id, p.group]));
    const size = new Map<string, number>();
    for (const p of data.people) if (p.group) size.set(p.group, (size.get(p.group) ?? 0) + 1);
    // Expected events of members inside hot periods: factor × μ₀ × members × length (overlaps
    // within a group are rare and add).
    let expected = 0;
    for (const h of truth.hotPeriods) {
      expected += 6 * WORLD_CONTAGION.mu * size.get(h.group)! * (h.endDay - h.startDay);
    }
    const byGroup = new Map<string, { startDay: number; endDay: number }[]>();
    for (const h of truth.hotPeriods) {
      const l = byGroup.get(h.group) ?? [];
      l.push(h);
      byGroup.set(h.group, l);
    }
    let inside = 0;
    for (const e of truth.events) {
      const g = groupOf.get(e.person_id);
      const spells = g ? byGroup.get(g) : undefined;
      if (spells?.some((h) => e.time >= h.startDay && e.time < h.endDay)) inside++;
    }
    expect(inside).toBeGreaterThan(expected - 4 * Math.sqrt(expected) - 0.1 * expected);
    expect(inside).toBeLessThan(expected + 4 * Math.sqrt(expected) + 0.1 * expected);
    expect(truth.events.every((e) => e.parent === null)).toBe(true);
  });

  it('gamma delay: realised delays have mean ≈ 1/β and the smaller spread of a shape-2 gamma; truth.meanDelay is their mean', () => {
    const { truth } = synthCity({
      people: 3000,
      seed: 7,
      contagion: { mu: 2e-4, alpha: 0.1, beta: 1 / 40 },
      world: { delayShape: 2 },
    });
    const time = new Map(truth.events.map((e) => [e.incident_id, e.time]));
    const all: number[] = [];
    const early: number[] = [];
    for (const e of truth.events) {
      if (!e.parent) continue;
      const tp = time.get(e.parent.incident_id)!;
      all.push(e.time - tp);
      if (tp < truth.period.endDay - 400) early.push(e.time - tp); // no delay cut off
    }
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(truth.meanDelay).toBeCloseTo(mean(all), 9);
    expect(truth.kernelMeanDelay).toBeCloseTo(40, 9);
    const m = mean(early);
    const sd = Math.sqrt(mean(early.map((x) => (x - m) ** 2)));
    expect(early.length).toBeGreaterThan(500);
    expect(Math.abs(m - 40) / 40).toBeLessThan(0.08);
    expect(Math.abs(sd / m - 1 / Math.SQRT2)).toBeLessThan(0.08); // exponential: 1
  });

  it('every preset combines with no contagion, and the presets are documented options', () => {
    for (const name of Object.keys(MISSPECIFIED_WORLDS) as (keyof typeof MISSPECIFIED_WORLDS)[]) {
      const { truth } = synthCity(misspecifiedWorld(name, { people: 800, contagion: false }));
      expect(truth.triggeredShare).toBe(0);
      expect(truth.kernelMeanDelay).toBeNull();
      expect(truth.world).not.toBeNull();
    }
  });

  it('rejects impossible world options with an OptionError naming the option', () => {
    expect(() => synthCity({ world: { frailtyShape: -1 } })).toThrow(/frailtyShape/);
    expect(() => synthCity({ world: { onsetYears: 6 } })).toThrow(/onsetYears/);
    expect(() => synthCity({ world: { delayShape: 0 } })).toThrow(/delayShape/);
    expect(() => synthCity({ world: { hotPeriods: { factor: 0.5 } } })).toThrow(/factor/);
    expect(() => misspecifiedWorld('nope' as 'all')).toThrow(/nope/);
    expect(() => misspecifiedWorld('gama-delay' as 'all')).toThrow(/did you mean 'gamma-delay'/);
    expect(() => synthCity({ world: { delayShape: 0 } })).toThrow(OptionError);
  });
});
