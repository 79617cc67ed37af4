import { describe, expect, it } from 'vitest';
import { fitNetworkHawkes } from '../../../src/contagion/hawkes/index.js';
import { toDay } from '../../../src/core/time.js';
import { makeDataset } from '../../helpers.js';

/**
 * `model.risk` and `model.intensity` carry the excitation along victim–offender ties (α_vo) as
 * the fit's likelihood defines it: checked against plain loops over the records written here,
 * not the library's helpers.
 */
type Spec = [string, string, number, string[], string[]];
const SPECS: Spec[] = [
  ['c1', '2020-01-05', 0, ['A', 'B'], []], // A and B co-offend
  ['v1', '2020-02-01', 3, ['O'], ['V']], // O harms V: V's event, the tie V–O from this day on
  ['c2', '2020-02-10', 0, ['O', 'R'], []], // O and R co-offend (with 'sides', V's events reach R after this day)
  ['s2', '2020-03-01', 3, ['X'], ['B']], // B's event: excites A (co-offending) and X (victim–offender)
  ['s3', '2020-04-01', 3, ['Q'], ['V']], // V harmed again
  ['s4', '2020-05-01', 3, ['Y'], ['O']], // O harmed by Y
  ['s5', '2020-05-20', 3, ['B'], ['A']], // A harmed by their co-offender B
];
const P = { mu: 1e-3, alpha: 0.2, alphaVictimOffender: 0.3, beta: 1 / 30 };
const L = 730;
const Z = 1 - Math.exp(-P.beta * L);
const FROM = toDay('2020-06-01');
const H = 90;

const incidents = SPECS.map(([id, date, sev, off, vic]) => ({
  id,
  day: toDay(date),
  sev,
  off,
  vic,
}));
const people = [...new Set(SPECS.flatMap((s) => [...s[3], ...s[4]]))].sort();
/** Events: each victim of a severity-3 incident, with the incident and day. */
const events = incidents.flatMap((i) =>
  i.sev >= 3 ? i.vic.map((p) => ({ person: p, incident: i.id, day: i.day })) : [],
);
/** Days of the offender incidents person a and b shared. */
const coDays = (a: string, b: string) =>
  incidents.filter((i) => i.off.includes(a) && i.off.includes(b)).map((i) => i.day);
/** Days of the incidents in which one of a, b harmed the other. */
const voDays = (a: string, b: string) =>
  incidents
    .filter(
      (i) => (i.off.includes(a) && i.vic.includes(b)) || (i.off.includes(b) && i.vic.includes(a)),
    )
    .map((i) => i.day);
/** Whether j's event on day t excites k along a co-offending tie (shared offence strictly before t). */
const coTied = (j: string, k: string, t: number) => j !== k && coDays(j, k).some((d) => d < t);
/**
 * Whether j's event on day t excites k along a victim–offender tie: j and k on two sides of an
 * incident dated on or before t; with 'sides', also j and one of k's co-offenders q so (on or
 * before t) with q and k co-offending strictly before t.
 */
const voTied = (j: string, k: string, t: number, sides: boolean) => {
  if (j === k) return false;
  if (voDays(j, k).some((d) => d <= t)) return true;
  if (!sides) return false;
  return people.some(
    (q) => q !== k && voDays(j, q).some((d) => d <= t) && coDays(q, k).some((d) => d < t),
  );
};
/** Kernel mass over delays [a, b) (truncated at L, renormalised). */
const mass = (a: number, b: number) => {
  const lo = Math.max(0, a);
  const hi = Math.min(L, b);
  return hi > lo ? (Math.exp(-P.beta * lo) - Math.exp(-P.beta * hi)) / Z : 0;
};
const density = (d: number) => (d > 0 && d <= L ? (P.beta * Math.exp(-P.beta * d)) / Z : 0);

/** The first generation of person k by the plain loop: background, co-offending and victim–offender parts. */
function plainFirst(k: string, sides: boolean) {
  let co = 0;
  let vo = 0;
  for (const e of events) {
    if (!(e.day < FROM)) continue;
    const m = mass(FROM - e.day, FROM + H - e.day);
    if (coTied(e.person, k, e.day)) co += P.alpha * m;
    if (voTied(e.person, k, e.day, sides)) vo += P.alphaVictimOffender * m;
  }
  return { background: P.mu * H, co, vo };
}

/**
 * The knock-on of every person by a fine fourth-order Runge–Kutta integration of the expected
 * intensity m = μ + H(t) + y, y' = −β y + (β/Z)(α Σ_{co} m_q + α_vo Σ_{vo} m_q), over the ties as
 * of FROM; returns ∫ y over the horizon.
 */
function plainKnockOn(sides: boolean, steps = 9000): Map<string, number> {
  const n = people.length;
  const W: number[][] = people.map((k) =>
    people.map(
      (q) =>
        (coTied(q, k, FROM) ? P.alpha : 0) +
        (voTied(q, k, FROM, sides) ? P.alphaVictimOffender : 0),
    ),
  );
  const Hof = (k: number, t: number) => {
    let v = 0;
    for (const e of events) {
      if (!(e.day < FROM)) continue;
      const w =
        (coTied(e.person, people[k], e.day) ? P.alpha : 0) +
        (voTied(e.person, people[k], e.day, sides) ? P.alphaVictimOffender : 0);
      v += w * density(t - e.day);
    }
    return v;
  };
  // State: y (n) and ∫ y (n).
  const f = (t: number, y: Float64Array) => {
    const out = new Float64Array(2 * n);
    const m = new Float64Array(n);
    for (let k = 0; k < n; k++) m[k] = P.mu + Hof(k, t) + y[k];
    for (let k = 0; k < n; k++) {
      let x = 0;
      for (let q = 0; q < n; q++) x += W[k][q] * m[q];
      out[k] = -P.beta * y[k] + (P.beta / Z) * x;
      out[n + k] = y[k];
    }
    return out;
  };
  let y = new Float64Array(2 * n);
  const dt = H / steps;
  for (let s = 0; s < steps; s++) {
    const t = FROM + s * dt;
    const k1 = f(t, y);
    const k2 = f(
      t + dt / 2,
      y.map((v, i) => v + (dt / 2) * k1[i]),
    );
    const k3 = f(
      t + dt / 2,
      y.map((v, i) => v + (dt / 2) * k2[i]),
    );
    const k4 = f(
      t + dt,
      y.map((v, i) => v + dt * k3[i]),
    );
    y = y.map((v, i) => v + (dt / 6) * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]));
  }
  return new Map(people.map((p, k) => [p, y[n + k]]));
}

const data = makeDataset(SPECS.map(([id, date, sev, off, vic]) => [id, date, sev, off, vic]));
const fitWith = (victimOffenderTies: 'direct' | 'sides') =>
  fitNetworkHawkes(data, {
    asOf: '2020-06-01',
    victimOffenderTies,
    start: P,
    maxIterations: 0,
    refine: false,
    standardErrors: false,
    recordCovariates: false,
    trend: false,
    seasonal: false,
    frailty: false,
    entry: 'window',
    kernel: 'exponential',
  });

describe.each(['direct', 'sides'] as const)("risk with victimOffenderTies: '%s'", (ties) => {
  const model = fitWith(ties);
  const sides = ties === 'sides';

  it('keeps the start parameters (the checks below read them)', () => {
    expect(model.parameters.alphaVictimOffender).toBe(P.alphaVictimOffender);
    expect(model.parameters.alpha).toBe(P.alpha);
    expect(model.parameters.beta).toBe(P.beta);
  });

  it('first generation: background, co-offending and victim–offender parts equal a plain loop to 1e-9', () => {
    const risks = model.risk(people, { from: FROM, horizonDays: H, generations: 'first' });
    let vo = 0;
    for (const r of risks) {
      const want = plainFirst(r.person_id, sides);
      const part = (kind: string) =>
        r.contributions.filter((c) => c.kind === kind).reduce((a, c) => a + c.value, 0);
      expect(Math.abs(part('background') - want.background)).toBeLessThan(1e-9);
      expect(Math.abs(part('exposure') - want.co)).toBeLessThan(1e-9);
      expect(Math.abs(part('victim-offender') - want.vo)).toBeLessThan(1e-9);
      expect(Math.abs(r.expected - (want.background + want.co + want.vo))).toBeLessThan(1e-9);
      vo += want.vo;
    }
    // The check has something to check: victim–offender parts for several people.
    expect(vo).toBeGreaterThan(0.1);
  });

  it("'all': the same first generation, and the knock-on within 0.1% of a fine integration", () => {
    const risks = model.risk(people, { from: FROM, horizonDays: H });
    const knock = plainKnockOn(sides);
    let total = 0;
    let want = 0;
    for (const r of risks) {
      const first = plainFirst(r.person_id, sides);
      const k = r.contributions.find((c) => c.kind === 'knock-on')?.value ?? 0;
      expect(Math.abs(r.expected - k - (first.background + first.co + first.vo))).toBeLessThan(
        1e-9,
      );
      // The library steps the knock-on at most min(3 days, 0.05/β) at a time (second order):
      // within 0.06% per person here; a tie missing or extra moves a person's by 10–300%.
      expect(Math.abs(k - knock.get(r.person_id)!)).toBeLessThan(1e-3 * knock.get(r.person_id)!);
      total += k;
      want += knock.get(r.person_id)!;
    }
    expect(want).toBeGreaterThan(0.01);
    expect(Math.abs(total - want)).toBeLessThan(3e-4 * want);
  });

  it('names the person on the other side of the tie and the incident', () => {
    const [o] = model.risk(['O'], { from: FROM, horizonDays: H, generations: 'first' });
    const parts = o.contributions.filter((c) => c.kind === 'victim-offender');
    // O harmed V (v1): V's events v1 (the harm itself) and s3 excite O.
    expect(parts.map((c) => [c.via, c.incidentId]).sort()).toEqual([
      ['V', 's3'],
      ['V', 'v1'],
    ]);
    const [r] = model.risk(['R'], { from: FROM, horizonDays: H, generations: 'first' });
    // R co-offended with O (c2, after v1): with 'sides' V's later event (s3) reaches R, not v1.
    expect(
      r.contributions.filter((c) => c.kind === 'victim-offender').map((c) => c.incidentId),
    ).toEqual(sides ? ['s3'] : []);
  });

  it('intensity: one part per victim–offender parent, summing to λ', () => {
    const t = toDay('2020-06-10');
    const dec = model.intensityDecomposed('O', t);
    let want = P.mu;
    for (const e of events) {
      if (!(e.day < t)) continue;
      if (coTied(e.person, 'O', e.day)) want += P.alpha * density(t - e.day);
      if (voTied(e.person, 'O', e.day, sides)) want += P.alphaVictimOffender * density(t - e.day);
    }
    expect(Math.abs(dec.total - want)).toBeLessThan(1e-12);
    expect(model.intensity('O', t)).toBe(dec.total);
    expect(
      dec.contributions
        .filter((c) => c.kind === 'victim-offender')
        .map((c) => c.via)
        .sort(),
    ).toEqual(['V', 'V']);
  });
});
