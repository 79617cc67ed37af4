import { describe, expect, it } from 'vitest';
import {
  fitNetworkHawkes,
  networkHawkesLogLikelihood,
} from '../../../src/contagion/hawkes/index.js';
import { synthCity } from '../../../src/synth/index.js';

/**
 * Parameter recovery on synthetic cities whose serious violence is drawn from the network Hawkes
 * process with known μ₀, α, β (`synthCity`'s `contagion` option): the ground truth is the city's.
 */
const TRUTH = { mu: 1.5e-4, alpha: 0.05, beta: 1 / 30 };
const SEEDS = [1, 2, 3];

interface Row {
  seed: number;
  events: number;
  modelled: number;
  trueShare: number;
  share: number;
  alpha: number;
  alphaSe: number;
  beta: number;
  betaSe: number;
  mu: number;
  parentAccuracy: number;
  oracleAccuracy: number;
  logLik: number;
  logLikTruth: number;
}

function parentAccuracy(
  events: { array(name: string): ArrayLike<unknown> },
  truth: { incident_id: string; parent: { incident_id: string } | null }[],
): number {
  const ids = events.array('incident_id') as string[];
  const parents = events.array('parent_incident') as (string | null)[];
  const pTriggered = events.array('p_triggered') as number[];
  const parentOf = new Map<string, string | null>();
  // The most likely origin: the top candidate parent when it beats the background.
  const prob = events.array('parent_prob') as (number | null)[];
  ids.forEach((id, i) => {
    parentOf.set(id, prob[i] !== null && prob[i]! > 1 - pTriggered[i] ? parents[i] : null);
  });
  let hit = 0;
  let total = 0;
  for (const e of truth) {
    if (!e.parent) continue;
    total++;
    if (parentOf.get(e.incident_id) === e.parent.incident_id) hit++;
  }
  return hit / total;
}

const rows: Row[] = SEEDS.map((seed) => {
  const { data, truth } = synthCity({ people: 8000, years: 6, seed, contagion: TRUTH });
  const model = fitNetworkHawkes(data);
  const oracle = fitNetworkHawkes(data, { start: TRUTH, maxIterations: 0, standardErrors: false });
  return {
    seed,
    events: truth.events.length,
    modelled: model.diagnostics.events,
    trueShare: truth.triggeredShare,
    share: model.contagionShare,
    alpha: model.parameters.alpha,
    alphaSe: model.standardErrors.alpha ?? Number.NaN, // null would fail the > 0 checks below too
    beta: model.parameters.beta,
    betaSe: model.standardErrors.beta ?? Number.NaN,
    mu: model.parameters.mu,
    parentAccuracy: parentAccuracy(model.events, truth.events),
    oracleAccuracy: parentAccuracy(oracle.events, truth.events),
    logLik: model.logLikelihood,
    logLikTruth: networkHawkesLogLikelihood(data, TRUTH),
  };
});

describe('fitNetworkHawkes recovers the parameters of synthetic cities', () => {
  it('models every serious-violence event the generator drew (and prints the recovery table)', () => {
    const pct = (x: number, t: number) => `${(((x - t) / t) * 100).toFixed(1)}%`;
    console.log(
      `network Hawkes recovery: synthCity({ people: 8000, years: 6, contagion: { mu: 1.5e-4, alpha: 0.05, beta: 1/30 } })\n${[
        '| seed | events | true share | fitted share | α (err) ± SE | β (err) ± SE | μ₀ | most-likely-parent accuracy (fit / oracle) | ℓ fit − ℓ truth |',
        '|---|---|---|---|---|---|---|---|---|',
        ...rows.map(
          (r) =>
            `| ${r.seed} | ${r.events} | ${r.trueShare.toFixed(3)} | ${r.share.toFixed(3)} | ${r.alpha.toFixed(4)} (${pct(r.alpha, TRUTH.alpha)}) ± ${r.alphaSe.toFixed(4)} | ${r.beta.toFixed(5)} (${pct(r.beta, TRUTH.beta)}) ± ${r.betaSe.toFixed(5)} | ${r.mu.toExponential(3)} | ${r.parentAccuracy.toFixed(3)} / ${r.oracleAccuracy.toFixed(3)} | ${(r.logLik - r.logLikTruth).toFixed(3)} |`,
        ),
      ].join('\n')}`,
    );
    expect(rows.map((r) => r.seed)).toEqual(SEEDS);
    for (const r of rows) {
      expect(r.events).toBeGreaterThan(100);
      expect(r.modelled).toBe(r.events);
    }
  });

  it('fits α and β within 15% of the truth on every seed', () => {
    for (const r of rows) {
      expect(Math.abs(r.alpha / TRUTH.alpha - 1)).toBeLessThan(0.15);
      expect(Math.abs(r.beta / TRUTH.beta - 1)).toBeLessThan(0.15);
      expect(Math.abs(r.mu / TRUTH.mu - 1)).toBeLessThan(0.15);
    }
  });

  it('attributes a contagion share within 5 points of the true triggered share', () => {
    for (const r of rows) expect(Math.abs(r.share - r.trueShare)).toBeLessThan(0.05);
  });

  it('finds the true parent of most triggered events, about as often as an oracle with the true parameters', () => {
    for (const r of rows) {
      expect(r.parentAccuracy).toBeGreaterThan(0.5);
      expect(Math.abs(r.parentAccuracy - r.oracleAccuracy)).toBeLessThan(0.05);
    }
  });

  it('never ends below the log-likelihood of the true parameters', () => {
    for (const r of rows) expect(r.logLik).toBeGreaterThanOrEqual(r.logLikTruth - 1e-6);
  });

  it('reports standard errors of the size the recovery errors suggest', () => {
    for (const r of rows) {
      expect(r.alphaSe).toBeGreaterThan(0);
      expect(r.betaSe).toBeGreaterThan(0);
      // Errors within 4 standard errors (a loose z-test; the truth is known).
      expect(Math.abs(r.alpha - TRUTH.alpha)).toBeLessThan(4 * r.alphaSe);
      expect(Math.abs(r.beta - TRUTH.beta)).toBeLessThan(4 * r.betaSe);
    }
  });
});

describe('fitNetworkHawkes without contagion in the generator', () => {
  it('attributes less than 5% of events to contagion when α = 0', () => {
    const shares: number[] = [];
    for (const seed of SEEDS) {
      const { data } = synthCity({
        people: 8000,
        years: 6,
        seed,
        contagion: { ...TRUTH, alpha: 0 },
      });
      const model = fitNetworkHawkes(data);
      shares.push(model.contagionShare);
      expect(model.contagionShare).toBeLessThan(0.05);
      expect(Math.abs(model.parameters.mu / TRUTH.mu - 1)).toBeLessThan(0.15);
    }
    console.log(
      `network Hawkes, α = 0 in the generator: fitted contagion shares ${shares.map((s) => s.toFixed(4)).join(', ')}`,
    );
  });
});

describe('fitNetworkHawkes with a seasonal background', () => {
  it('recovers the seasonal amplitude and phase', () => {
    const season = { seasonalAmplitude: 0.5, seasonalPhase: 1 };
    const { data } = synthCity({
      people: 8000,
      years: 6,
      seed: 11,
      contagion: { ...TRUTH, ...season },
    });
    const model = fitNetworkHawkes(data, { seasonal: true });
    const p = model.parameters;
    expect(Math.abs(p.seasonalAmplitude - 0.5)).toBeLessThan(0.15);
    expect(Math.abs(p.seasonalPhase - 1)).toBeLessThan(0.3);
    expect(Math.abs(p.alpha / TRUTH.alpha - 1)).toBeLessThan(0.2);
    expect(model.standardErrors.seasonalAmplitude).toBeGreaterThan(0);
    // The season is worth its two parameters here: AIC prefers it.
    expect(model.aic).toBeLessThan(fitNetworkHawkes(data).aic);
  });
});
