import { describe, expect, it } from 'vitest';
import {
  type HawkesReplicate,
  hawkesInference,
  inferenceContext,
  summariseInference,
} from '../../../src/contagion/hawkes/inference.js';
import { contagionChart } from '../../../src/report/charts.js';
import { synthCity } from '../../../src/synth/index.js';
import { makeDataset } from '../../helpers.js';

/**
 * How the summary reports replicate refits that failed: it must say how many and why, and it must
 * not report a test, an interval or a placebo built on nothing. The rows are made by hand (a failed
 * refit is rare on real worlds), the context is a real fit.
 */
describe('summariseInference with failed replicates', () => {
  const city = synthCity({ seed: 3, people: 800 });
  const ctx = inferenceContext(city.data, {}, 11, true);
  const row = (kind: HawkesReplicate['kind'], i: number, error = ''): HawkesReplicate => ({
    kind,
    replicate: i,
    seed: 100 + i,
    events: error ? 0 : 50 + i,
    alpha: error ? Number.NaN : 0.04 + 0.001 * i,
    mean_delay_days: error ? Number.NaN : 60 + i,
    share: error ? Number.NaN : 0.2 + 0.01 * i,
    identified: !error,
    log_lik: error ? Number.NaN : -500 - i,
    log_lik_null:
      kind === 'null' || kind === 'rewired' ? (error ? Number.NaN : -505 - i) : Number.NaN,
    // The records' statistic is ≥ 0; these replicate statistics are spread around it.
    lr: kind === 'null' || kind === 'rewired' ? (error ? Number.NaN : 2 * i) : Number.NaN,
    error,
  });
  const refused = 'no events in the outcome window (code no-events)';
  const opts = { level: 0.95, replicates: 3, nullReplicates: 4, placeboReplicates: 2 };

  it("with every parametric null refit failed, the 'larger' reference reports no test and says why", () => {
    const rows = [
      ...[0, 1, 2].map((i) => row('bootstrap', i)),
      ...[0, 1, 2, 3].map((i) => row('null', i, refused)),
      ...[0, 1, 2, 3].map((i) => row('rewired', i)),
      ...[0, 1].map((i) => row('placebo', i)),
    ];
    const s = summariseInference(ctx, rows, { ...opts, nullReference: 'larger' });
    expect(s.noContagionTest).toBeNull();
    expect(s.warnings).toContain(
      "The no-contagion test is not reported: no parametric (simulated α = 0) replicate refit succeeded, and the 'larger' reference needs both.",
    );
    expect(s.warnings).toContain(
      `4 of 13 replicate fits were refused or failed (first: ${refused}); the figures use the rest.`,
    );
    // The rest are still used: the intervals and the placebo come from the rows that succeeded.
    expect(s.intervals).not.toBeNull();
    expect(s.placebo?.shares).toEqual([row('placebo', 0).share, row('placebo', 1).share]);
    // The failed rows stay in the replicates table, with empty figures rather than NaN.
    const table = s.replicates.objects() as { kind: string; alpha: number | null; error: string }[];
    const failed = table.filter((r) => r.error !== '');
    expect(failed).toHaveLength(4);
    expect(failed.every((r) => r.kind === 'null' && r.alpha === null)).toBe(true);
  });

  it("the 'rewired-ties' reference still reports the test from the rewired refits alone", () => {
    const rows = [
      ...[0, 1, 2, 3].map((i) => row('null', i, refused)),
      ...[0, 1, 2, 3].map((i) => row('rewired', i)),
    ];
    const s = summariseInference(ctx, rows, {
      ...opts,
      replicates: 0,
      placeboReplicates: 0,
      nullReference: 'rewired-ties',
    });
    const t = s.noContagionTest!;
    expect(t.reference).toBe('rewired-ties');
    expect(t.pValueParametric).toBeNull();
    expect(t.replicates).toBe(4);
    // p = (1 + #{replicate LR ≥ statistic}) / (1 + 4), replicate LRs 0, 2, 4, 6.
    const above = [0, 2, 4, 6].filter(
      (lr) => lr >= t.statistic - 1e-9 * Math.max(1, t.statistic),
    ).length;
    expect(t.pValue).toBeCloseTo((1 + above) / 5, 12);
    expect(s.warnings.some((w) => w.startsWith('The no-contagion test is not reported'))).toBe(
      false,
    );
  });

  it('refits at α = 0: α starts at 0 (the log scale dropped them), the delay reads only refits with α > 0', () => {
    expect(ctx.model.parameters.alpha).toBeGreaterThan(0);
    // 3 of 10 refits found no contagion (their β, so their 'delay', is arbitrary: 700 days).
    const rows = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map((i) =>
      i < 3
        ? { ...row('bootstrap', i), alpha: 0, mean_delay_days: 700, share: 0 }
        : row('bootstrap', i),
    );
    const s = summariseInference(ctx, rows, {
      ...opts,
      replicates: 10,
      nullReplicates: 0,
      placeboReplicates: 0,
    });
    const i = s.intervals!;
    // Before: [0.0xx, …] on the 7 positive refits alone, excluding the 0 that 30% of refits reached.
    expect(i.alpha.lo).toBe(0);
    expect(i.alpha.method).toBe('percentile');
    expect(i.alpha.hi).toBeGreaterThanOrEqual(ctx.model.parameters.alpha);
    // The delay's interval from the refits 63–69 days, not pulled out by the 700s.
    const est = ctx.model.kernel.meanDays;
    expect(i.meanDelayDays!.hi).toBeLessThan(Math.max(est, 69) * 2);
  });

  it("the delay's interval stays under maxLagDays (a kernel on (0, 730] cannot have a longer mean)", () => {
    const rows = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map((i) => ({
      ...row('bootstrap', i),
      // Spread widely on the log scale: the normal interval's upper end runs far past 730 days.
      mean_delay_days: ctx.model.kernel.meanDays * Math.exp(-3 + 0.6 * i),
    }));
    const s = summariseInference(ctx, rows, {
      ...opts,
      replicates: 10,
      nullReplicates: 0,
      placeboReplicates: 0,
    });
    const d = s.intervals!.meanDelayDays!;
    expect(ctx.model.kernel.meanDays).toBeGreaterThan(20);
    expect(d.hi).toBe(730);
    expect(d.lo).toBeLessThanOrEqual(d.estimate);
  });

  it('one bootstrap refit gives no interval (it was the estimate alone), and says so', () => {
    const s = summariseInference(ctx, [row('bootstrap', 0)], {
      ...opts,
      replicates: 1,
      nullReplicates: 0,
      placeboReplicates: 0,
    });
    expect(s.intervals).toBeNull();
    // Before: '1 bootstrap refit(s) succeeded'.
    expect(s.warnings).toContain(
      '1 bootstrap refit succeeded: at least 2 are needed for an interval, so none is given.',
    );
  });

  it('one failed refit of three: 1 of 3 replicate fits was refused', () => {
    const s = summariseInference(
      ctx,
      [0, 1, 2].map((i) => row('bootstrap', i, i === 2 ? refused : '')),
      {
        ...opts,
        nullReplicates: 0,
        placeboReplicates: 0,
      },
    );
    // Before: '1 of 3 replicate fits were refused or failed'.
    expect(s.warnings).toContain(
      `1 of 3 replicate fits was refused or failed (first: ${refused}); the figures use the rest.`,
    );
  });

  it('with every refit failed, nothing is reported and the warnings say so', () => {
    const rows = [
      ...[0, 1, 2].map((i) => row('bootstrap', i, refused)),
      ...[0, 1, 2, 3].map((i) => row('null', i, refused)),
      ...[0, 1, 2, 3].map((i) => row('rewired', i, refused)),
      ...[0, 1].map((i) => row('placebo', i, refused)),
    ];
    const s = summariseInference(ctx, rows, { ...opts, nullReference: 'larger' });
    expect(s.intervals).toBeNull();
    expect(s.noContagionTest).toBeNull();
    expect(s.placebo).toBeNull();
    expect(s.warnings).toContain(
      "The no-contagion test is not reported: no parametric (simulated α = 0) or rewired-ties replicate refit succeeded, and the 'larger' reference needs both.",
    );
    // Before: '13 of 13 replicate fits were refused or failed (…); the figures use the rest.'
    expect(s.warnings).toContain(
      `All 13 replicate fits were refused or failed (first: ${refused}), so no figure here rests on a refit: no interval, no-contagion test or placebo is given.`,
    );
  });
});

describe('hawkesInference refuses fit options under which no refit estimates α', () => {
  const { data } = synthCity({ seed: 3, people: 300 });
  it('maxIterations 0 or start.alpha = 0 (zero-width intervals and a test with p = 1)', () => {
    // Before: fit { maxIterations: 0, start } gave α's 95% interval [0.1, 0.1] from 5 refits.
    const q = { replicates: 5, nullReplicates: 0, placeboReplicates: 0, kernelCheck: false };
    expect(() =>
      hawkesInference(data, {
        ...q,
        fit: { maxIterations: 0, start: { mu: 1e-4, alpha: 0.1, beta: 0.02 } },
      }),
    ).toThrow(/fit maxIterations: 0 evaluates the model at start, so no refit estimates α/);
    expect(() => hawkesInference(data, { ...q, fit: { start: { alpha: 0 } } })).toThrow(
      /fit start\.alpha = 0 holds α at 0/,
    );
  });
});

describe('hawkesInference: no delay interval for a delay at an end of delayRangeDays', () => {
  it('two events in a gang of six: the fit’s 1/β sits at 730 days, and so did every refit’s', () => {
    const gang = ['A', 'B', 'C', 'D', 'E', 'F'];
    const data = makeDataset([
      ['T', '2020-01-01', 0, gang, []],
      ['S1', '2020-03-01', 3, [], ['A']],
      ['S2', '2020-04-01', 3, [], ['B']],
    ]);
    const inf = hawkesInference(data, {
      replicates: 9,
      nullReplicates: 0,
      placeboReplicates: 0,
      kernelCheck: false,
      seed: 1,
    });
    expect(inf.model.diagnostics.betaAtBound).toBe(true);
    expect(inf.model.identified).toBe(false);
    // Before: { estimate: 305.157, lo: 305.157, hi: 305.157 }, a delay known to the day; then a
    // share of 26% with a 95% interval 0–86% (and α's), which reads as a finding.
    expect(inf.intervals).toBeNull();
    expect(inf.warnings).toContain(
      'No intervals are given: the fit does not identify the contagion kernel (see the warnings above), so its share, α and delay are not findings, and an interval around them would read as one.',
    );
    // No bootstrap refit is run for intervals that are not given.
    expect(inf.replicates.numRows()).toBe(0);
  });

  it('the report of such a fit flags the share and does not say the intervals were merely not computed', () => {
    const note =
      'The contagion model is not identified on these records (see the warnings): the shares attributed to contagion are not findings.';
    const html = contagionChart(
      [{ period: '2020-Q1', from: '2020-01-01', events: 2, share: 0.26 }],
      note,
    );
    expect(html).toContain(note);
    expect(html).not.toContain('Intervals were not computed');
  });
});
