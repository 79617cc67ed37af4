// The fit command's refusals name the flags a command-line user types, not the library's options.
import { describe, expect, it } from 'vitest';
import { cli, syntheticCsv, tempDir } from './helpers.js';

describe('fit: advice in flags', () => {
  it('no events of the chosen severity: the advice says --as-of and --min-severity, and that the start has no flag', async () => {
    const args = syntheticCsv(tempDir(), { people: 300, seed: 3 });
    const r = await cli(['fit', ...args, '--as-of', '2019-01-10', '--min-severity', '4']);
    expect(r.code).toBe(1);
    // Before: '…; widen the window (since, outcomeSince, asOf, retentionYears) or lower
    // minSeverity', options the fit command has no flags for.
    expect(r.stderr).toBe(
      "error: fit refused: no events (incidents of severity ≥ 4 with a person in the chosen roles) from 2018-01-01 to 2019-01-10; widen the window (a later --as-of; its start, the library's since, outcomeSince or retentionYears, has no flag: set it with fitNetworkHawkes) or lower --min-severity\n",
    );
  });
});
