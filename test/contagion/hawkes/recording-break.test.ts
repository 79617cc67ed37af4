import { describe, expect, it } from 'vitest';
import { departureCity } from '../../../bench/worlds-departures-harness.js';
import { fitNetworkHawkes } from '../../../src/contagion/index.js';
import { profileData } from '../../../src/core/profile.js';
import { makeDataset } from '../../helpers.js';

// A new crime-recording standard: from 1 April of the fourth year every kind of incident is
// recorded 1.5–2 times as fully as before (bench/worlds-departures-harness.ts, 'break'). The
// people, ties and harm missing before it hide contagion, which the fit reads as background:
// on 20 seeds the share was about 10 points low (bench/results/worlds-departures-2026-12-04.md),
// with no warning until the data profile learnt to see the step.

describe('a recording-practice break in the middle of the window', () => {
  it('the profile finds the step in every kind of record, and nothing in the same city without it', () => {
    const broken = departureCity('break', { seed: 1, contagion: true });
    const p = profileData(broken.data);
    expect(broken.note).toBe('×1.77 from 2021-04-01');
    expect(p.recordingStep?.from).toBe('2021-04-01');
    expect(p.recordingStep?.ratio).toBeGreaterThan(1.6);
    expect(p.recordingStep?.ratio).toBeLessThan(1.95);
    const plain = departureCity('control', { seed: 1, contagion: true });
    expect(profileData(plain.data).recordingStep).toBeNull();

    // The other way: records missing after a date (an extract that lost them) is a fall.
    const cut = plain.data.incidents.filter((i, k) => i.date < '2021-04-01' || k % 2 === 0);
    const ids = new Set(cut.map((i) => i.incident_id));
    const fell = profileData({
      ...plain.data,
      incidents: cut,
      involvements: plain.data.involvements.filter((v) => ids.has(v.incident_id)),
    });
    expect(fell.recordingStep?.from).toBe('2021-04-01');
    expect(fell.recordingStep?.ratio).toBeLessThan(0.6);
    expect(fell.warnings.some((w) => w.includes('only 0.5 times as often'))).toBe(true);
  });

  it('the fit reads the share about 10 points low and now says why', () => {
    const broken = departureCity('break', { seed: 1, contagion: true });
    const m = fitNetworkHawkes(broken.data);
    console.log(
      `break seed 1: true share ${(100 * broken.trueShare).toFixed(1)}%, fitted ${(100 * m.contagionShare).toFixed(1)}%`,
    );
    // True 27.4%: the share is a lower bound, more than 5 points low.
    expect(broken.trueShare - m.contagionShare).toBeGreaterThan(0.05);
    const w = m.warnings.find((x) => x.includes('recorded 1.8 times as often'));
    expect(w).toContain('from 2021-04-01');
    expect(w).toContain('lower bound');

    const plain = departureCity('control', { seed: 1, contagion: true });
    const m0 = fitNetworkHawkes(plain.data);
    expect(Math.abs(m0.contagionShare - plain.trueShare)).toBeLessThan(0.05);
    expect(m0.warnings.some((x) => x.includes('times as often'))).toBe(false);
  });

  it('records growing steadily (40% a year, no step) are not called a step', () => {
    // It read "Incidents of every severity were recorded 1.4 times as often in the 12 months from
    // <a month> as in the 12 before …: a change in recording practice …" for records that grew
    // evenly (a records system rolled out district by district): there is no date to check.
    const specs: Parameters<typeof makeDataset>[0] = [];
    const start = Date.UTC(2018, 0, 1);
    for (let m = 0; m < 72; m++) {
      const n = Math.round(60 * 1.45 ** (m / 12));
      for (let j = 0; j < n; j++) {
        const date = new Date(start + (m * 30.44 + (j * 30) / n) * 86400000)
          .toISOString()
          .slice(0, 10);
        specs.push([`I${m}-${j}`, date, j % 4, [`P${(m * 7 + j) % 900}`], []]);
      }
    }
    const grown = profileData(makeDataset(specs));
    expect(grown.recordingStep).toBeNull();
    expect(grown.warnings.some((w) => w.includes('times as often'))).toBe(false);
    // The same records with a step of 1.6 from month 36 on are one.
    const stepped = specs.filter((x) => {
      const m = Number(String(x[0]).slice(1).split('-')[0]);
      const j = Number(String(x[0]).split('-')[1]);
      return m >= 36 || j % 8 < 5;
    });
    const p = profileData(makeDataset(stepped));
    expect(p.recordingStep?.from).toBe('2021-01-01');
  });
});
