import { describe, expect, it } from 'vitest';
import {
  fitNetworkHawkes,
  simulateNetworkHawkes,
  withSimulatedOutcomes,
} from '../../../src/contagion/hawkes/index.js';
import { OptionError } from '../../../src/core/errors.js';
import { toDay } from '../../../src/core/time.js';
import { misspecifiedWorld, synthCity } from '../../../src/synth/index.js';
import { generateNetworkHawkesCity } from './generate.js';

const { data } = generateNetworkHawkesCity({
  people: 1500,
  years: 4,
  seed: 5,
  mu: 2e-4,
  alpha: 0.12,
  beta: 1 / 40,
});
const model = fitNetworkHawkes(data);
const from = toDay(model.diagnostics.asOf);

/** The people with the highest current risk: a plausible outreach list. */
const reached = model
  .risk(undefined, { from, horizonDays: 90 })
  .sort((a, b) => b.expected - a.expected)
  .slice(0, 150)
  .map((r) => r.person_id);

describe('simulateNetworkHawkes', () => {
  it('is reproducible for a seed', () => {
    const a = simulateNetworkHawkes(model, { days: 180, seed: 3, runs: 20 });
    const b = simulateNetworkHawkes(model, { days: 180, seed: 3, runs: 20 });
    expect(a.runs.objects()).toEqual(b.runs.objects());
  });

  it('runSeeds: each run is exactly the one-run simulation with its seed, whatever runs beside it', () => {
    const o = { days: 180, keepEvents: true } as const;
    const together = simulateNetworkHawkes(model, { ...o, runSeeds: [11, -7, 4242] });
    expect(together.simulated).toHaveLength(3);
    [11, -7, 4242].forEach((seed, r) => {
      const alone = simulateNetworkHawkes(model, { ...o, runs: 1, seed });
      expect(together.simulated![r]).toEqual(alone.simulated![0]);
    });
    // Distinct seeds give distinct runs (the check above would pass on a constant stream).
    expect(together.simulated![0]).not.toEqual(together.simulated![1]);
    expect(() => simulateNetworkHawkes(model, { runSeeds: [] })).toThrow(/runSeeds/);
    expect(() => simulateNetworkHawkes(model, { runSeeds: [1.5] })).toThrow(/runSeeds/);
  });

  it('refuses an intervention naming people the model does not know, or misspelt (it averted 0, unsaid)', () => {
    const o = { days: 180, seed: 3, runs: 5 } as const;
    // Ids in another form than the records' (here raw names): every one was ignored, and the
    // result read "averted 0" as if reaching them changed nothing.
    expect(() =>
      simulateNetworkHawkes(model, {
        ...o,
        intervention: { people: [...reached.slice(0, 5), 'nobody'], factor: 0, on: 'received' },
      }),
    ).toThrow(/names 1 of 6 people the model does not know \(nobody\)/);
    // A single id as text was read letter by letter.
    expect(() =>
      simulateNetworkHawkes(model, {
        ...o,
        intervention: { people: reached[0] as never, factor: 0, on: 'received' },
      }),
    ).toThrow(/option 'intervention\.people' must be an array/);
    expect(() =>
      simulateNetworkHawkes(model, {
        ...o,
        intervention: { people: reached, factor: 0, on: 'received', onn: 'x' } as never,
      }),
    ).toThrow(/unknown option 'intervention\.onn'\. Did you mean 'intervention\.on'\?/);
    // Out of range or misspelt values, and missing ones, are named by their path too.
    expect(() =>
      simulateNetworkHawkes(model, {
        ...o,
        intervention: { people: reached, factor: 2, on: 'received' },
      }),
    ).toThrow(
      "simulateNetworkHawkes: option 'intervention.factor' must be a number ≥ 0 and ≤ 1, got 2.",
    );
    expect(() =>
      simulateNetworkHawkes(model, {
        ...o,
        intervention: { people: reached, factor: 0, on: 'recieved' as never },
      }),
    ).toThrow(/option 'intervention\.on' must be one of .*\(did you mean 'received'\?\)/);
    expect(() =>
      simulateNetworkHawkes(model, {
        ...o,
        intervention: { people: reached, on: 'received' } as never,
      }),
    ).toThrow(/option 'intervention\.factor' is missing/);
    // Known ids still avert.
    const ok = simulateNetworkHawkes(model, {
      ...o,
      intervention: { people: reached, factor: 0, on: 'received' },
    });
    expect(ok.averted.mean).toBeGreaterThan(0);
  });

  it('withSimulatedOutcomes refuses a period outside the model or events not of its people in it', () => {
    const d = model.diagnostics;
    const period = { from: toDay(d.since), days: d.days };
    const sim = simulateNetworkHawkes(model, { ...period, runs: 1, seed: 2, keepEvents: true });
    const events = sim.simulated![0];
    expect(withSimulatedOutcomes(model, events, period).incidents.length).toBeGreaterThan(0);
    // Another model's period (three years earlier): its events were added outside the records.
    expect(() =>
      withSimulatedOutcomes(model, events, { from: period.from - 1096, days: period.days }),
    ).toThrow(/the period \([0-9-]+, [0-9.]+ days\) is not inside the model's outcome window/);
    // A misspelt field: a victim with no id was added.
    expect(() =>
      withSimulatedOutcomes(
        model,
        [{ ...events[0], person_id: undefined, person: 'x' } as never],
        period,
      ),
    ).toThrow(/event 1 .* is not a simulated event of this model's people in the period/);
  });

  it('uses common random numbers: an intervention never adds events in any run', () => {
    const sim = simulateNetworkHawkes(model, {
      days: 365,
      seed: 9,
      runs: 60,
      intervention: { people: reached, factor: 0.5, on: 'both' },
    });
    for (const r of sim.runs.objects() as {
      events: number;
      events_with_intervention: number;
      averted: number;
    }[]) {
      expect(r.averted).toBe(r.events - r.events_with_intervention);
      expect(r.averted).toBeGreaterThanOrEqual(0);
    }
    expect(sim.averted.mean).toBeGreaterThan(0);
    expect(sim.averted.lo).toBeLessThanOrEqual(sim.averted.mean);
    expect(sim.averted.hi).toBeGreaterThanOrEqual(sim.averted.mean);
    console.log(
      `simulateNetworkHawkes: 150 highest-risk people, excitation halved (both ways), 365 days: ${sim.events.mean.toFixed(1)} events without, ${sim.eventsWithIntervention.mean.toFixed(1)} with; averted ${sim.averted.mean.toFixed(2)} [90% ${sim.averted.lo.toFixed(1)}, ${sim.averted.hi.toFixed(1)}]`,
    );
  });

  it('averts nothing with factor 1, and the same number with the same seed whatever the intervention', () => {
    const none = simulateNetworkHawkes(model, { days: 200, seed: 4, runs: 30 });
    const one = simulateNetworkHawkes(model, {
      days: 200,
      seed: 4,
      runs: 30,
      intervention: { people: reached, factor: 1, on: 'received' },
    });
    expect(one.averted.mean).toBe(0);
    expect(one.runs.array('events')).toEqual(none.runs.array('events'));
  });

  it('leaves only background events when all excitation is removed', () => {
    const sim = simulateNetworkHawkes(model, {
      days: 365,
      seed: 2,
      runs: 30,
      intervention: { people: model.state.data.index.personIds, factor: 0, on: 'passed' },
    });
    for (const r of sim.runs.objects() as {
      events: number;
      events_with_intervention: number;
      triggered: number;
    }[])
      expect(r.events_with_intervention).toBe(r.events - r.triggered);
    expect(sim.eventsWithIntervention.mean).toBeLessThan(sim.events.mean);
  });

  it('matches the model: background-only runs average the background part of risk, and all generations match risk', () => {
    const days = 365;
    const sim = simulateNetworkHawkes(model, {
      days,
      seed: 1,
      runs: 200,
      intervention: { people: model.state.data.index.personIds, factor: 0, on: 'passed' },
      entrants: false, // people not yet recorded are outside risk()
    });
    // The background now differs by person (as-of record covariates) and by year (trend; the last
    // year's rate holds past the window): risk's background parts hold the same expectation
    // (the simulation also moves a person's covariates with their simulated events, a small effect).
    const risks = model.risk(undefined, { from, horizonDays: days });
    const bg = risks.reduce(
      (s, r) =>
        s + r.contributions.filter((c) => c.kind === 'background').reduce((a, c) => a + c.value, 0),
      0,
    );
    const se = Math.sqrt(bg / 200);
    expect(Math.abs(sim.eventsWithIntervention.mean - bg)).toBeLessThan(4 * se + 0.02 * bg);
    // Without the intervention: every generation, which risk() now counts (knock-on included).
    const all = risks.reduce((s, r) => s + r.expected, 0);
    const runs = sim.runs.array('events') as number[];
    const sd = Math.sqrt(
      runs.reduce((s, x) => s + (x - sim.events.mean) ** 2, 0) / (runs.length - 1),
    );
    expect(Math.abs(sim.events.mean - all)).toBeLessThan(4 * (sd / Math.sqrt(200)) + 0.03 * all);
  });

  it('runs a model without contagion at the background rate', () => {
    const flat = fitNetworkHawkes(data, {
      start: { alpha: 0, mu: 2e-4, beta: 0.025 },
      maxIterations: 0,
      recordCovariates: false,
      trend: false,
      entry: 'window',
    });
    const sim = simulateNetworkHawkes(flat, { days: 365, seed: 5, runs: 100 });
    const bg = 2e-4 * flat.diagnostics.people * 365;
    expect(Math.abs(sim.events.mean - bg)).toBeLessThan(4 * Math.sqrt(bg / 100));
    expect(sim.averted.mean).toBe(0);
  });

  it('rejects a factor outside [0, 1]', () => {
    expect(() =>
      simulateNetworkHawkes(model, {
        runs: 1,
        intervention: { people: [], factor: 2, on: 'both' },
      }),
    ).toThrow(OptionError);
  });

  it('forecasts the next year of a synthetic city from a fit on the years before it', () => {
    // Held-out check: fit as of 2022-01-01, simulate 2022, count the city's true 2022 events.
    // The simulation knows only ties formed before the cut, so it may run a little low; people
    // first recorded in 2022 by being harmed come in at the rate of such entries in 2021.
    const lines: string[] = [];
    for (const seed of [1, 2, 3]) {
      const city = synthCity({
        people: 8000,
        years: 6,
        seed,
        contagion: { mu: 1.5e-4, alpha: 0.05, beta: 1 / 30 },
      });
      const cut = '2022-01-01';
      const fitted = fitNetworkHawkes(city.data, { asOf: cut });
      const sim = simulateNetworkHawkes(fitted, { from: cut, days: 365, runs: 100, seed: 1 });
      const a = toDay(cut);
      const observed = city.truth.events.filter((e) => e.day >= a && e.day < a + 365).length;
      const runs = sim.runs.array('events') as number[];
      const sd = Math.sqrt(
        runs.reduce((s, x) => s + (x - sim.events.mean) ** 2, 0) / (runs.length - 1),
      );
      lines.push(
        `seed ${seed}: simulated ${sim.events.mean.toFixed(0)} [90% ${sim.events.lo.toFixed(0)}–${sim.events.hi.toFixed(0)}], observed ${observed}`,
      );
      expect(Math.abs(observed - sim.events.mean)).toBeLessThan(4 * sd);
    }
    console.log(
      `simulateNetworkHawkes, 2022 forecast from a fit as of 2022-01-01:\n${lines.join('\n')}`,
    );
  });
});

describe('simulating from a fit in full, for a parametric bootstrap', () => {
  it('gives data on which a refit finds the fitted model again (record covariates, trend, at-risk)', () => {
    const { data: world } = synthCity(
      misspecifiedWorld('heterogeneous', { seed: 1, people: 4000 }),
    );
    const fitted = fitNetworkHawkes(world);
    const d = fitted.diagnostics;
    const lines: string[] = [];
    for (const seed of [1, 2]) {
      const sim = simulateNetworkHawkes(fitted, {
        from: toDay(d.since),
        days: d.days,
        runs: 1,
        seed,
        keepEvents: true,
      });
      const events = sim.simulated![0];
      // The simulated window holds about as many events as the fit models.
      expect(Math.abs(events.length - (d.events - d.entryEvents))).toBeLessThan(
        4 * Math.sqrt(d.events) + 0.05 * d.events,
      );
      const refit = fitNetworkHawkes(withSimulatedOutcomes(fitted, events, sim), { asOf: d.asOf });
      lines.push(
        `seed ${seed}: ${events.length} events; share ${refit.contagionShare.toFixed(3)} (fit ${fitted.contagionShare.toFixed(3)}), α ${refit.parameters.alpha.toFixed(4)} (${fitted.parameters.alpha.toFixed(4)}), 1/β ${(1 / refit.parameters.beta).toFixed(1)} (${(1 / fitted.parameters.beta).toFixed(1)}), γ prior_incidents ${refit.parameters.covariates.prior_incidents.toFixed(2)} (${fitted.parameters.covariates.prior_incidents.toFixed(2)})`,
      );
      expect(Math.abs(refit.contagionShare - fitted.contagionShare)).toBeLessThan(0.05);
      expect(Math.abs(refit.parameters.alpha / fitted.parameters.alpha - 1)).toBeLessThan(0.3);
      expect(
        Math.abs(
          refit.parameters.covariates.prior_incidents -
            fitted.parameters.covariates.prior_incidents,
        ),
      ).toBeLessThan(4 * fitted.standardErrors.covariates.prior_incidents!);
    }
    console.log(`refits on data simulated from a fit:\n${lines.join('\n')}`);
  });
});

describe('simulating a near-explosive or explosive model', () => {
  // Before: the result had no warnings, so an explosive model's runaway counts (synthCity's
  // 3,000 people, seed 2, α 0.1 fitted as of 2024: branching ratio 1.17, 1,443.4 events in a
  // simulated year against 393 recorded in 2023) read as a forecast.
  const perAlpha = model.branchingRatio / model.parameters.alpha;
  const at = (ratio: number) =>
    fitNetworkHawkes(data, {
      start: { mu: model.parameters.mu, alpha: ratio / perAlpha, beta: model.parameters.beta },
      maxIterations: 0,
      refine: false,
      standardErrors: false,
      kernel: 'exponential',
    });
  const branching = (m: ReturnType<typeof at>) =>
    m.warnings.find((w) => w.startsWith('The branching ratio'));

  it('says nothing below a branching ratio of 0.9', () => {
    expect(model.branchingRatio).toBeLessThan(0.9);
    expect(simulateNetworkHawkes(model, { days: 60, runs: 3 }).warnings).toEqual([]);
  });

  it("gives the fit's near-explosive warning from 0.9, and runs", () => {
    const m = at(0.95);
    expect(m.branchingRatio).toBeCloseTo(0.95, 10);
    const sim = simulateNetworkHawkes(m, { days: 30, runs: 3 });
    expect(sim.warnings).toHaveLength(1);
    expect(sim.warnings[0].startsWith(branching(m)!)).toBe(true);
    expect(sim.warnings[0]).toMatch(
      /^The branching ratio is 0\.95: .* near explosive and forecasts are fragile\. The simulated events \(mean \d+\.\d over 30 days\) move much/,
    );
    expect(sim.events.mean).toBeGreaterThan(0);
  });

  it("gives the fit's explosive warning from 1: the counts are the model's runaway, not a forecast", () => {
    const m = at(1.2);
    const sim = simulateNetworkHawkes(m, { days: 30, runs: 3 });
    expect(sim.warnings).toHaveLength(1);
    expect(sim.warnings[0].startsWith(branching(m)!)).toBe(true);
    expect(sim.warnings[0]).toContain('The branching ratio is 1.20');
    expect(sim.warnings[0]).toContain('the process is explosive');
    expect(sim.warnings[0]).toContain(
      `(mean ${sim.events.mean.toFixed(1)} over 30 days) grow with every generation and with the period simulated: they are the model's runaway, not a forecast.`,
    );
  });
});
