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

  it('a city of one year is said in the singular', async () => {
    // Before: 'the synthetic city of 200 people over 1 years (seed 1)'.
    const r = await cli(['demo', '--out', tempDir(), '--people', '200', '--years', '1', '-q']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^error: demo: the synthetic city of 200 people over 1 year \(seed 7\) /,
    );
  });
});
