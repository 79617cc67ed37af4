import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, tempDir } from './helpers.js';

describe('demo takes only cities it can run through the whole pipeline', () => {
  it('--people under 200 is a usage error naming the bound (the feuds need 10 pairs of groups)', async () => {
    const r = await cli(['demo', '--out', tempDir(), '--people', '100', '-q']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      "option '--people <n>' argument '100' is invalid. must be at least 200.",
    );
  });

  it('--years over 8 is a usage error naming the bound (the synthetic contagion runs away)', async () => {
    const r = await cli(['demo', '--out', tempDir(), '--years', '12', '--people', '200', '-q']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("option '--years <n>' argument '12' is invalid. must be at most 8.");
  });

  it("a city with too few serious events is refused in the demo's own terms", async () => {
    const r = await cli([
      'demo',
      '--out',
      tempDir(),
      '--people',
      '200',
      '--years',
      '2',
      '--seed',
      '8',
      '-q',
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^error: demo: the synthetic city of 200 people over 2 years \(seed 8\) cannot go through the whole pipeline \(.*only one event.*\); run it with more --people or --years, or another --seed\.\n$/,
    );
  });

  it('--years under 2 is a usage error naming the bound (the backtest needs records before its first cut)', async () => {
    // Before: --years 1 was within the help's bounds (1 to 8) and refused on every seed and size
    // tried (200, 2,000 and 20,000 people; seeds 1-3): the backtest's first cut fell 6 days after
    // the first record.
    const r = await cli(['demo', '--out', tempDir(), '--people', '200', '--years', '1', '-q']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("option '--years <n>' argument '1' is invalid. must be at least 2.");
  });

  it('a fit that identifies no kernel prints no share or delay as if it did', async () => {
    // Before: 'mean delay in days, fitted (true),0 (125)' beside a share of 0.0%, from a fit with
    // α = 0 and identified: false (200 people over 2 years, seed 1).
    const out = tempDir();
    const r = await cli([
      'demo',
      '--out',
      out,
      '--people',
      '200',
      '--years',
      '2',
      '--seed',
      '1',
      '-q',
    ]);
    expect(r.code).toBe(0);
    const summary = readFileSync(join(out, 'summary.csv'), 'utf8');
    expect(summary).toContain('"mean delay, fitted (true)","n/a, not identified (125 days)"');
    expect(summary).toContain('share attributed to contagion (true),"0.0%, not identified (0.0%)"');
  });
});
