import { describe, expect, it } from 'vitest';
import { fitNetworkHawkes } from '../../../src/contagion/hawkes/index.js';
import { InputError, OptionError } from '../../../src/core/errors.js';
import { toDay } from '../../../src/core/time.js';
import { makeDataset } from '../../helpers.js';
import { generateNetworkHawkesCity } from './generate.js';

const P = { mu: 1e-3, alpha: 0.2, beta: 1 / 30 };
const toy = makeDataset([
  ['o1', '2020-01-10', 0, ['A', 'B'], []],
  ['o2', '2020-01-12', 0, ['A', 'C'], []],
  ['s1', '2020-02-01', 3, [], ['B']],
  ['s2', '2020-02-20', 3, [], ['C']],
  ['s3', '2020-03-01', 3, [], ['D']],
]);

describe('model.intensity', () => {
  // Plain background (one rate, everyone with a record at risk) so the hand formula is short.
  const model = fitNetworkHawkes(toy, {
    start: P,
    maxIterations: 0,
    recordCovariates: false,
    trend: false,
    entry: 'window',
  });

  it('is μ₀ plus α·β·e^(−βΔ)/Z for each earlier event of an associate', () => {
    const t = toDay('2020-03-10');
    const Z = 1 - Math.exp(-730 * P.beta); // the kernel is renormalised over (0, 730]
    const k = (d: number) => (P.alpha * P.beta * Math.exp(-P.beta * d)) / Z;
    expect(model.intensity('A', '2020-03-10')).toBeCloseTo(
      P.mu + k(t - toDay('2020-02-01')) + k(t - toDay('2020-02-20')),
      15,
    );
    expect(model.intensity('D', '2020-03-10')).toBe(P.mu);
    // Events on the day itself do not count yet.
    expect(model.intensity('A', '2020-02-01')).toBe(P.mu);
  });

  it('decomposes into background and one part per exciting event that sum exactly to the total', () => {
    const dec = model.intensityDecomposed('A', '2020-03-10');
    expect(dec.contributions.map((c) => [c.via, c.incidentId])).toEqual([
      ['C', 's2'],
      ['B', 's1'],
    ]);
    let sum = dec.background;
    for (const c of dec.contributions) sum += c.value;
    expect(Math.abs(sum - dec.total)).toBeLessThanOrEqual(1e-12 * dec.total);
    expect(dec.total).toBe(model.intensity('A', '2020-03-10'));
  });
});

describe('model.risk', () => {
  const { data } = generateNetworkHawkesCity({
    people: 800,
    years: 4,
    seed: 3,
    mu: 3e-4,
    alpha: 0.12,
    beta: 1 / 40,
  });
  // The fitted intensity: risk with the frailty posterior is not its integral (fit-network-hawkes tests it).
  const model = fitNetworkHawkes(data, { seasonal: true, frailty: false });
  const asOf = toDay(model.diagnostics.asOf);

  it('is the sum of its named contributions, exactly', () => {
    const risks = model.risk(undefined, { from: asOf, horizonDays: 90 });
    expect(risks).toHaveLength(model.state.data.nPeople);
    let exposed = 0;
    for (const r of risks) {
      let sum = 0;
      for (const c of r.contributions) sum += c.value;
      expect(Math.abs(sum - r.expected)).toBeLessThanOrEqual(1e-12 * Math.max(1, r.expected));
      for (let i = 1; i < r.contributions.length; i++)
        expect(r.contributions[i].value).toBeLessThanOrEqual(r.contributions[i - 1].value);
      expect(r.contributions.filter((c) => c.kind === 'background')).toHaveLength(1);
      if (r.contributions.length > 1) exposed++;
    }
    expect(exposed).toBeGreaterThan(10);
  });

  it('equals the integral of the intensity over the horizon (first generation)', () => {
    const risks = model.risk(undefined, { from: asOf, horizonDays: 90, generations: 'first' });
    const top = [...risks].sort((a, b) => b.expected - a.expected).slice(0, 5);
    for (const r of top) {
      // Composite Simpson's rule on 2000 panels.
      const n = 2000;
      const h = 90 / n;
      let s = model.intensity(r.person_id, asOf) + model.intensity(r.person_id, asOf + 90 - 1e-9);
      for (let i = 1; i < n; i++) s += (i % 2 ? 4 : 2) * model.intensity(r.person_id, asOf + i * h);
      // The background steps where years since first record tick over, which Simpson's rule
      // resolves only to about 1e-6.
      expect((s * h) / 3).toBeCloseTo(r.expected, 5);
    }
  });

  it('names the associate, incident and date behind each exposure', () => {
    const r = model
      .risk(undefined, { from: asOf, horizonDays: 90 })
      .find((x) => x.contributions.some((c) => c.kind === 'exposure'))!;
    const exposure = r.contributions.find((c) => c.kind === 'exposure')!;
    expect(typeof exposure.via).toBe('string');
    expect(typeof exposure.incidentId).toBe('string');
    expect(exposure.day).toBeLessThan(asOf);
    const incident = data.incidents.find((i) => i.incident_id === exposure.incidentId)!;
    expect(incident.day).toBe(exposure.day);
    expect(
      data.involvements.some(
        (v) => v.incident_id === exposure.incidentId && v.person_id === exposure.via,
      ),
    ).toBe(true);
  });

  it('uses only events dated before `from`', () => {
    const from = asOf - 365;
    const risks = model.risk(undefined, { from, horizonDays: 60 });
    for (const r of risks)
      for (const c of r.contributions) if (c.kind === 'exposure') expect(c.day!).toBeLessThan(from);
  });

  it('refuses an id in none of the records (it read as a background of 0: no risk)', () => {
    expect(() => model.risk(['nobody'], { from: asOf, horizonDays: 30 })).toThrow(InputError);
    expect(() => model.risk(['nobody'], { from: asOf, horizonDays: 30 })).toThrow(
      "model.risk: person 'nobody' is in none of the records the model was fitted on; give ids as in the records (an id the model does not know read as no risk).",
    );
  });

  it('refuses a knock-on that overflows (an explosive process) instead of dropping it', () => {
    // α = 2 on these ties: branching ratio 5.2. A 10-year risk read 2.03 (first generation only,
    // the NaN knock-on dropped) beside a 1-year risk of 2e113.
    const wild = fitNetworkHawkes(data, {
      start: { mu: 2e-4, alpha: 2, beta: 1 / 10 },
      maxIterations: 0,
      refine: false,
      standardErrors: false,
    });
    expect(wild.branchingRatio).toBeGreaterThan(1);
    expect(wild.warnings.join(' ')).toMatch(/the process is explosive \(each generation larger/);
    const id = wild.events.get('person_id', 0) as string;
    const from = wild.diagnostics.asOf;
    expect(() => wild.risk([id], { from, horizonDays: 3650 })).toThrow(
      /knock-on events over 3650 days overflow: the fitted process is explosive/,
    );
    // The first generation alone is finite.
    const [r] = wild.risk([id], { from, horizonDays: 3650, generations: 'first' });
    expect(Number.isFinite(r.expected)).toBe(true);
  });

  it('refuses one id given as text (it was read letter by letter: a row of 0 per letter)', () => {
    const id = model.events.get('person_id', 0) as string;
    expect(() => model.risk(id as never, { from: asOf, horizonDays: 30 })).toThrow(
      /people must be an array of person ids \(or undefined for everyone\), got string/,
    );
    expect(model.risk([id], { from: asOf, horizonDays: 30 })).toHaveLength(1);
  });

  it('refuses an id typed as a number (a CSV reader’s 101), which matched nobody and read 0', () => {
    // Ids '101'… as an export numbers its people; before, risk([101]) and intensity(101, t) gave 0.
    const people = Array.from({ length: 12 }, (_, i) => String(101 + i));
    const specs: [string, string, number, string[], string[]][] = [
      ['T1', '2020-01-01', 1, people.slice(0, 6), []],
      ['T2', '2020-01-02', 1, people.slice(6), []],
    ];
    for (let i = 0; i < 30; i++)
      specs.push([
        `S${i}`,
        new Date(Date.UTC(2020, 1, 1 + 23 * i)).toISOString().slice(0, 10),
        3,
        [people[(i * 5 + 1) % 12]],
        [people[(i * 7) % 12]],
      ]);
    const m = fitNetworkHawkes(makeDataset(specs));
    const o = { from: '2022-06-01', horizonDays: 90 };
    expect(m.risk(['101'], o)[0].expected).toBeGreaterThan(0.01);
    expect(() => m.risk(['102', 101 as never], o)).toThrow(InputError);
    expect(() => m.risk(['102', 101 as never], o)).toThrow(
      "model.risk: people[1] is 101 (number); person ids are text, as in the records: pass String(id) ('101')",
    );
    expect(m.intensity('101', '2022-06-01')).toBeGreaterThan(0);
    expect(() => m.intensity(101 as never, '2022-06-01')).toThrow(
      /model\.intensity: the person is 101 \(number\)/,
    );
    expect(() => m.intensityDecomposed(101 as never, '2022-06-01')).toThrow(InputError);
  });

  it('refuses missing or wrong options with an OptionError naming the option', () => {
    const call = (o: unknown) => () => model.risk(undefined, o as never);
    expect(call(undefined)).toThrow(OptionError);
    expect(call(undefined)).toThrow(/options \{ from, horizonDays \} are required/);
    expect(call({ from: asOf })).toThrow(expect.objectContaining({ option: 'horizonDays' }));
    expect(call({ from: asOf, horizonDays: 0 })).toThrow(
      /option 'horizonDays' must be a number > 0 and ≤ 3650, got 0/,
    );
    expect(call({ from: 'not a day', horizonDays: 30 })).toThrow(
      expect.objectContaining({ option: 'from' }),
    );
    expect(call({ from: asOf, horizonDays: 30, generation: 'all' })).toThrow(
      /unknown option 'generation'. Did you mean 'generations'\?/,
    );
    expect(call({ from: asOf, horizonDays: 30, generations: 'second' })).toThrow(
      /must be one of 'all', 'first'/,
    );
  });
});

describe('model.risk: one row per id asked for, in the order given', () => {
  // planRanker pairs risk()'s rows with its population by position: the order is the contract.
  const model = fitNetworkHawkes(toy, {
    start: P,
    maxIterations: 0,
    recordCovariates: false,
    trend: false,
    entry: 'window',
  });

  it('keeps the order and repeats a repeated id', () => {
    const asked = ['D', 'C', 'A', 'B', 'A'];
    const rows = model.risk(asked, { from: '2020-03-10', horizonDays: 90 });
    expect(rows.map((r) => r.person_id)).toEqual(asked);
    const alone = (id: string) =>
      model.risk([id], { from: '2020-03-10', horizonDays: 90 })[0].expected;
    expect(rows.map((r) => r.expected)).toEqual(asked.map(alone));
    // A, exposed through B and C, is above D, who has only the background.
    expect(rows[2].expected).toBeGreaterThan(rows[0].expected);
  });
});
