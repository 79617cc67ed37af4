import { describe, expect, it } from 'vitest';
import { inferenceContext, runReplicates } from '../../../src/contagion/hawkes/inference.js';
import type { Incident } from '../../../src/core/types.js';
import { synthCity } from '../../../src/synth/index.js';

describe("hawkesInference's simulated replicates follow the fit's event rule", () => {
  const { data } = synthCity({ people: 3000, seed: 3 });
  const q = { seed: 1 };

  it.each([
    ['a firearm-only outcomeFilter', { outcomeFilter: (i: Incident) => i.weapon === 'firearm' }],
    ['minSeverity 4', { minSeverity: 4 }],
    ["roles ['offender']", { roles: ['offender'] as ('victim' | 'offender')[] }],
  ])(
    '%s: each bootstrap refit has about the fit’s events, not the entry events alone',
    (_, fit) => {
      // Before: the simulated events (severity 3, a victim, no weapon) failed the rule, so with the
      // firearm filter each refit had 9 events against the fit's 188, shares 0, and the share's
      // interval read [0.369, 0.737].
      // The replicates themselves (runReplicates): hawkesInference runs none for a fit that
      // identifies no kernel, as the minSeverity 4 and offender fits of this city are not.
      const ctx = inferenceContext(data, fit, q.seed, false);
      const events = ctx.model.diagnostics.events;
      const boot = runReplicates(ctx, [
        ['bootstrap', 0],
        ['bootstrap', 1],
      ]);
      expect(boot).toHaveLength(2);
      for (const r of boot) {
        expect(r.error).toBe('');
        expect(r.events).toBeGreaterThan(0.6 * events);
        expect(r.events).toBeLessThan(1.6 * events);
      }
    },
  );
});
