import { describe, expect, it } from 'vitest';
import { OptionError } from '../../src/core/errors.js';
import type { Dataset } from '../../src/core/types.js';
import { synthCity } from '../../src/synth/index.js';
import type { SynthCity, SynthEvent } from '../../src/synth/types.js';

/**
 * Independent check of the co-offending ties, straight from the records: for each pair of
 * people who were offenders together, the day of their first shared incident.
 */
function firstTieDays(data: Dataset): Map<string, number> {
  const day = new Map(data.incidents.map((i) => [i.incident_id, i.day]));
  const offenders = new Map<string, string[]>();
  for (const v of data.involvements) {
    if (v.role !== 'offender') continue;
    const list = offenders.get(v.incident_id);
    if (list) list.push(v.person_id);
    else offenders.set(v.incident_id, [v.person_id]);
  }
  const first = new Map<string, number>();
  for (const [id, ps] of offenders) {
    const d = day.get(id)!;
    for (const a of ps) {
      for (const b of ps) {
        if (a === b) continue;
        const key = `${a}|${b}`;
        const old = first.get(key);
        if (old === undefined || d < old) first.set(key, d);
      }
    }
  }
  return first;
}

/** Neighbours of each person as of a day (ties dated strictly before it). */
function neighboursBefore(first: Map<string, number>): Map<string, [string, number][]> {
  const out = new Map<string, [string, number][]>();
  for (const [key, d] of first) {
    const [a, b] = key.split('|');
    const list = out.get(a);
    if (list) list.push([b, d]);
    else out.set(a, [[b, d]]);
  }
  return out;
}

/** Each homicide victim's time of death (the true event time of their homicide). */
function deathTimes(data: Dataset, events: readonly SynthEvent[]): Map<string, number> {
  const homicide = new Set(
    data.incidents.filter((i) => i.severity === 4).map((i) => i.incident_id),
  );
  const out = new Map<string, number>();
  for (const e of events)
    if (homicide.has(e.incident_id) && !out.has(e.person_id)) out.set(e.person_id, e.time);
  return out;
}

/** A small city with enough serious violence (≈1,300 background events) for statistics. */
const small = (seed: number, contagion = {}) =>
  synthCity({ people: 3000, seed, contagion: { mu: 2e-4, ...contagion } });

describe('synthCity: determinism', () => {
  it('synthCity(options) returns identical output for the same options and seed', () => {
    const a = synthCity({ people: 800, seed: 42, feud: { rivalries: 3 } });
    const b = synthCity({ people: 800, seed: 42, feud: { rivalries: 3 } });
    expect(b).toEqual(a);
  });

  it('a different seed gives a different city', () => {
    const a = synthCity({ people: 800, seed: 1 });
    const b = synthCity({ people: 800, seed: 2 });
    expect(b.data.incidents.length).not.toBe(a.data.incidents.length);
  });

  it('switching feuds on leaves the people and the ordinary incidents unchanged', () => {
    const plain = synthCity({ people: 1000, seed: 5, contagion: false });
    const feud = synthCity({ people: 1000, seed: 5, contagion: false, feud: {} });
    expect(feud.data.people).toEqual(plain.data.people);
    const content = (c: SynthCity) => {
      const skip = new Set(c.truth.feudIncidents);
      const people = new Map<string, string[]>();
      for (const v of c.data.involvements) {
        if (skip.has(v.incident_id)) continue;
        const list = people.get(v.incident_id) ?? [];
        list.push(`${v.role}:${v.person_id}`);
        people.set(v.incident_id, list);
      }
      return c.data.incidents
        .filter((i) => !skip.has(i.incident_id))
        .map((i) => [i.date, i.offence, i.severity, i.weapon, i.area, people.get(i.incident_id)]);
    };
    expect(feud.truth.feudIncidents.length).toBeGreaterThan(0);
    expect(content(feud)).toEqual(content(plain));
  });
});

describe('synthCity: canonical records', () => {
  const city = synthCity({ people: 2000, seed: 3, feud: {}, contagion: { mu: 1e-4 } });
  const { data } = city;

  it('numbers people P-000001… and incidents I-0000001… so that sorted order is numeric and date order', () => {
    expect(data.people[0].person_id).toBe('P-000001');
    expect(data.people.at(-1)!.person_id).toBe('P-002000');
    expect(data.incidents[0].incident_id).toBe('I-0000001');
    const ids = data.incidents.map((i) => i.incident_id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
    for (let k = 1; k < data.incidents.length; k++) {
      expect(data.incidents[k].day).toBeGreaterThanOrEqual(data.incidents[k - 1].day);
    }
  });

  it('every incident has a whole-day ISO date in the period, a severity 0–4 and a consistent weapon', () => {
    const { startDay, endDay } = city.truth.period;
    expect(city.truth.period.start).toBe('2018-01-01');
    expect(city.truth.period.end).toBe('2024-01-01');
    const bad = data.incidents.filter(
      (i) =>
        !Number.isInteger(i.day) ||
        i.day < startDay ||
        i.day >= endDay ||
        new Date(`${i.date}T00:00:00Z`).getTime() / 86_400_000 !== i.day ||
        ![0, 1, 2, 3, 4].includes(i.severity) ||
        !/^A(0[1-9]|[1-3]\d|40)$/.test(i.area ?? '') ||
        (i.severity === 0 && i.weapon !== 'none') ||
        i.severity >= 3 !== (i.offence === 'shooting' || i.offence === 'stabbing') ||
        (i.offence === 'shooting' && i.weapon !== 'firearm') ||
        (i.offence === 'stabbing' && i.weapon !== 'knife'),
    );
    expect(bad).toEqual([]);
    expect(new Set(data.incidents.map((i) => i.severity))).toEqual(new Set([0, 1, 2, 3, 4]));
  });

  it('every involvement points at an incident, names a known person and has a valid role, once per incident', () => {
    const incidents = new Set(data.incidents.map((i) => i.incident_id));
    const people = new Set(data.people.map((p) => p.person_id));
    const seen = new Set<string>();
    const roles = new Map<string, Set<string>>();
    const bad = data.involvements.filter((v) => {
      const key = `${v.incident_id}|${v.person_id}`;
      const ok =
        incidents.has(v.incident_id) &&
        people.has(v.person_id) &&
        ['offender', 'victim', 'other'].includes(v.role) &&
        !seen.has(key);
      seen.add(key);
      const r = roles.get(v.incident_id) ?? new Set();
      r.add(v.role);
      roles.set(v.incident_id, r);
      return !ok;
    });
    expect(bad).toEqual([]);
    // Violent incidents have a victim; all but serious violence have an offender.
    const incomplete = data.incidents.filter((i) => {
      const r = roles.get(i.incident_id);
      return !r || (i.severity >= 1 && !r.has('victim')) || (i.severity <= 2 && !r.has('offender'));
    });
    expect(incomplete).toEqual([]);
  });

  it('people carry a birth year and a group, never a protected attribute', () => {
    for (const p of data.people) {
      expect(Object.keys(p).every((k) => ['person_id', 'birth_year', 'group'].includes(k))).toBe(
        true,
      );
      expect(p.birth_year).toBeGreaterThanOrEqual(2018 - 60);
      expect(p.birth_year).toBeLessThanOrEqual(2018 - 15);
    }
    const grouped = data.people.filter((p) => p.group !== undefined).length;
    expect(grouped / data.people.length).toBeGreaterThan(0.6);
    expect(grouped / data.people.length).toBeLessThan(0.8);
    expect(data.auditColumns).toEqual([]);
  });
});

describe('synthCity: heavy tails and clustered co-offending', () => {
  const { data } = synthCity({ people: 20000, seed: 11, contagion: false });

  it('averages incidentsPerPersonYear incidents per person-year (1.5 × 6 years ≈ 9 per person)', () => {
    const perPerson = data.incidents.length / 20000;
    expect(perPerson).toBeGreaterThan(8.5);
    expect(perPerson).toBeLessThan(9.5);
  });

  it('offending is heavy-tailed: the top 10% account for over a quarter of offender records, far above a Poisson', () => {
    const counts = new Map<string, number>();
    for (const v of data.involvements) {
      if (v.role === 'offender') counts.set(v.person_id, (counts.get(v.person_id) ?? 0) + 1);
    }
    const all = data.people.map((p) => counts.get(p.person_id) ?? 0).sort((a, b) => b - a);
    const total = all.reduce((a, b) => a + b, 0);
    const mean = total / all.length;
    const variance = all.reduce((s, c) => s + (c - mean) ** 2, 0) / all.length;
    expect(variance / mean).toBeGreaterThan(10); // a Poisson has 1
    expect(all.slice(0, 2000).reduce((a, b) => a + b, 0) / total).toBeGreaterThan(0.25);
    expect(all[0]).toBeGreaterThan(20 * mean);
  });

  it('group sizes are heavy-tailed: the largest group is over ten times the median', () => {
    const sizes = new Map<string, number>();
    for (const p of data.people) if (p.group) sizes.set(p.group, (sizes.get(p.group) ?? 0) + 1);
    expect(sizes.size).toBe(800);
    const s = [...sizes.values()].sort((a, b) => a - b);
    expect(s.at(-1)!).toBeGreaterThan(10 * s[s.length >> 1]);
  });

  it('incidents have 1–4 offenders and co-offending ties between group members stay mostly inside the group', () => {
    const group = new Map(data.people.map((p) => [p.person_id, p.group]));
    const first = firstTieDays(data);
    let within = 0;
    let across = 0;
    for (const key of first.keys()) {
      const [a, b] = key.split('|');
      const ga = group.get(a);
      const gb = group.get(b);
      if (ga === undefined || gb === undefined) continue;
      if (ga === gb) within++;
      else across++;
    }
    expect(within / (within + across)).toBeGreaterThan(0.75);
    expect(across).toBeGreaterThan(0);
    const offenders = new Map<string, number>();
    for (const v of data.involvements) {
      if (v.role === 'offender')
        offenders.set(v.incident_id, (offenders.get(v.incident_id) ?? 0) + 1);
    }
    const sizes = [...offenders.values()];
    expect(sizes.reduce((a, b) => Math.max(a, b), 0)).toBe(4);
    expect(sizes.filter((s) => s === 1).length / sizes.length).toBeGreaterThan(0.4);
  });
});

describe('synthCity: serious violence from the network Hawkes process', () => {
  it('truth.events are exactly the victims of severity ≥ 3 incidents, in time order, with day = ⌊time⌋', () => {
    const city = small(4);
    const { data, truth } = city;
    const incident = new Map(data.incidents.map((i) => [i.incident_id, i]));
    const serious = data.involvements.filter(
      (v) => v.role === 'victim' && incident.get(v.incident_id)!.severity >= 3,
    );
    expect(truth.events.length).toBe(serious.length);
    const victims = new Set(serious.map((v) => `${v.incident_id}|${v.person_id}`));
    const bad = truth.events.filter(
      (e, k) =>
        !victims.has(`${e.incident_id}|${e.person_id}`) ||
        incident.get(e.incident_id)!.day !== e.day ||
        e.day !== Math.floor(e.time) ||
        (k > 0 && e.time <= truth.events[k - 1].time),
    );
    expect(bad).toEqual([]);
    expect(truth.contagion).toEqual({
      mu: 2e-4,
      alpha: 0.1,
      beta: 1 / 125,
      seasonalAmplitude: 0,
      seasonalPhase: 0,
    });
    // One victim and at most one offender, so serious violence never adds a co-offending tie.
    const counts = new Map<string, { victim: number; offender: number; other: number }>();
    for (const v of data.involvements) {
      if (incident.get(v.incident_id)!.severity < 3) continue;
      const c = counts.get(v.incident_id) ?? { victim: 0, offender: 0, other: 0 };
      c[v.role]++;
      counts.set(v.incident_id, c);
    }
    expect(counts.size).toBe(truth.events.length);
    expect([...counts.values()].filter((c) => c.victim !== 1 || c.offender > 1)).toEqual([]);
  });

  it("every triggered event's parent is an earlier event of a co-offending neighbour, tied before the parent's date", () => {
    for (const seed of [1, 2]) {
      const { data, truth } = small(seed);
      const first = firstTieDays(data);
      const byId = new Map(truth.events.map((e) => [`${e.incident_id}|${e.person_id}`, e]));
      let triggered = 0;
      for (const e of truth.events) {
        if (!e.parent) continue;
        triggered++;
        const parent = byId.get(`${e.parent.incident_id}|${e.parent.person_id}`)!;
        expect(parent).toBeDefined();
        expect(parent.time).toBeLessThan(e.time);
        expect(parent.person_id).not.toBe(e.person_id);
        const tie = first.get(`${parent.person_id}|${e.person_id}`);
        expect(tie).toBeDefined();
        expect(tie!).toBeLessThan(parent.day);
      }
      expect(triggered).toBeGreaterThan(300);
      expect(truth.triggeredShare).toBeCloseTo(triggered / truth.events.length, 12);
    }
  });

  it('event counts match the compensator, the dead excluded: background ≈ μ₀·Σ at-risk days, triggered ≈ Σ α·Σ_k P(delay < min(end, death_k) − t_j)', () => {
    // A homicide victim leaves the population at death (this world, with μ₀ ten times the
    // default, has 2,500–3,800 events and 220–340 homicides among 3,000 people), so each
    // person's compensator stops there: background over their days alive, no children after.
    for (const seed of [1, 2, 3]) {
      const { data, truth } = small(seed);
      const { mu, alpha, beta } = truth.contagion!;
      const { startDay, endDay } = truth.period;
      const nbrs = neighboursBefore(firstTieDays(data));
      const death = deathTimes(data, truth.events);
      const until = (p: string) => Math.min(endDay, death.get(p) ?? endDay);
      let expectedTriggered = 0;
      for (const e of truth.events) {
        for (const [k, d] of nbrs.get(e.person_id) ?? []) {
          if (!(d < e.day)) continue;
          const span = until(k) - e.time;
          if (span > 0) expectedTriggered += alpha * (1 - Math.exp(-beta * span));
        }
      }
      const triggered = truth.events.filter((e) => e.parent).length;
      const background = truth.events.length - triggered;
      let atRisk = 0;
      for (const p of data.people) atRisk += until(p.person_id) - startDay;
      const expectedBackground = mu * atRisk;
      expect(death.size).toBeGreaterThan(100);
      // Both are Poisson-like given the past: within 4 standard deviations.
      expect(Math.abs(background - expectedBackground)).toBeLessThan(
        4 * Math.sqrt(expectedBackground),
      );
      expect(Math.abs(triggered - expectedTriggered)).toBeLessThan(
        4 * Math.sqrt(expectedTriggered),
      );
    }
  });

  it('infector → infectee delays follow the Exp(β) kernel (truncated mean within 10%)', () => {
    const { truth } = small(7);
    const { beta } = truth.contagion!;
    const c = 600; // parents early enough that no child delay under 600 days was cut off
    const time = new Map(truth.events.map((e) => [`${e.incident_id}|${e.person_id}`, e.time]));
    const delays: number[] = [];
    for (const e of truth.events) {
      if (!e.parent) continue;
      const tp = time.get(`${e.parent.incident_id}|${e.parent.person_id}`)!;
      if (tp < truth.period.endDay - c && e.time - tp < c) delays.push(e.time - tp);
    }
    const mean = delays.reduce((a, b) => a + b, 0) / delays.length;
    const expected = 1 / beta - (c * Math.exp(-beta * c)) / (1 - Math.exp(-beta * c));
    expect(delays.length).toBeGreaterThan(200);
    expect(Math.abs(mean - expected) / expected).toBeLessThan(0.1);
  });

  it('with alpha = 0 no event has a parent and the triggered share is 0', () => {
    const { truth } = small(1, { alpha: 0 });
    expect(truth.events.length).toBeGreaterThan(1000);
    expect(truth.events.every((e) => e.parent === null)).toBe(true);
    expect(truth.triggeredShare).toBe(0);
  });

  it('the seasonal term puts more background events in the high half of the cycle', () => {
    const { truth } = small(1, { alpha: 0, seasonalAmplitude: 0.8 });
    const high = truth.events.filter((e) => Math.sin((2 * Math.PI * e.time) / 365.25) > 0).length;
    // Expected share in the high half: (π + 2a)/(2π) ≈ 0.75 for a = 0.8.
    expect(high / truth.events.length).toBeGreaterThan(0.7);
    expect(high / truth.events.length).toBeLessThan(0.8);
  });

  it('contagion: false gives no serious violence and null parameters', () => {
    const { data, truth } = synthCity({ people: 500, contagion: false });
    expect(truth.contagion).toBeNull();
    expect(truth.events).toEqual([]);
    expect(data.incidents.every((i) => i.severity <= 2)).toBe(true);
  });
});

describe('synthCity: options', () => {
  it('rejects impossible options with an OptionError naming the option', () => {
    const option = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        expect(e).toBeInstanceOf(OptionError);
        return (e as OptionError).option;
      }
      throw new Error('no error thrown');
    };
    expect(option(() => synthCity({ people: 0 }))).toBe('people');
    expect(option(() => synthCity({ contagion: { beta: 0 } }))).toBe('contagion.beta');
    expect(option(() => synthCity({ start: '2018-02-31' }))).toBe('start');
    expect(option(() => synthCity({ people: 100, groups: 2, feud: { rivalries: 5 } }))).toBe(
      'feud.rivalries',
    );
    expect(() => synthCity({ people: 0 })).toThrow(/people/);
    expect(() => synthCity({ people: 10, groups: 11 })).toThrow(/groups/);
    expect(() => synthCity({ contagion: { beta: 0 } })).toThrow(/beta/);
    expect(() => synthCity({ contagion: { seasonalAmplitude: 2 } })).toThrow(/seasonalAmplitude/);
    expect(() => synthCity({ start: '2018-02-31' })).toThrow(/start/);
    expect(() => synthCity({ people: 100, groups: 2, feud: { rivalries: 5 } })).toThrow(
      /rivalries/,
    );
  });

  it('an explosive contagion stops with an error instead of running away', () => {
    expect(() => synthCity({ people: 2000, contagion: { alpha: 3, mu: 1e-3 } })).toThrow(
      /explosive/,
    );
    expect(() => synthCity({ people: 2000, contagion: { alpha: 3, mu: 1e-3 } })).toThrow(
      OptionError,
    );
  });

  it('works with no groups at all', () => {
    const { data } = synthCity({ people: 300, groups: 0, contagion: { mu: 1e-3 } });
    expect(data.people.every((p) => p.group === undefined)).toBe(true);
    expect(data.incidents.length).toBeGreaterThan(1000);
  });
});
