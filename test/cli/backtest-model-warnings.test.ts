import { describe, expect, it } from 'vitest';
import { cli, syntheticCsv, tempDir } from './helpers.js';

/**
 * The CLI's backtest printed the backtest's warnings, where the warnings of the model fitted at
 * each cut were not: they are now, each kind once with its cuts.
 */
describe('backtest prints the warnings of the models fitted at its cuts', () => {
  const dir = tempDir();
  const args = syntheticCsv(dir, { people: 800, seed: 3 });

  it('on stderr, once each, with the cuts', async () => {
    const r = await cli(['backtest', ...args, '--cuts', '3']);
    expect(r.stderr).not.toMatch(/^error/m);
    expect(r.code).toBe(0);
    const said = r.stderr
      .split('\n')
      .filter((line) => line.includes('the model fitted there warned'));
    expect(said).toEqual([
      expect.stringMatching(
        /^warning: 'network hawkes' at all 3 cuts \(2021-04-06, 2021-07-05, 2021-10-03\), the model fitted there warned: The kernel's mean delay ran to the longest the window allows \(1\/β: 730 days, /,
      ),
      expect.stringMatching(
        /^warning: 'network hawkes' at 1 of the 3 cuts \(2021-07-05\), the model fitted there warned: Only 4 serious-violence events fall in the last trend bin \(2021-01-01 to 2021-07-05\)/,
      ),
    ]);
    // Not in the summary printed on stdout.
    expect(r.stdout).not.toContain('the model fitted there warned');
  });
});
