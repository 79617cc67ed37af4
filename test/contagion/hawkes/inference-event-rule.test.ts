import { describe, expect, it } from 'vitest';
import { hawkesInference } from '../../../src/contagion/hawkes/inference.js';
import type { Incident } from '../../../src/core/types.js';
import { synthCity } from '../../../src/synth/index.js';

describe("hawkesInference's simulated replicates follow the fit's event rule", () => {
  const { data } = synthCity({ people: 3000, seed: 3 });
  const q = { replicates: 2, nullReplicates: 0, placeboReplicates: 0, kernelCheck: false, seed: 1 };

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
      const inf = hawkesInference(data, { ...q, fit });
      const events = inf.model.diagnostics.events;
      const boot = inf.replicates.objects() as { kind: string; events: number; error: string }[];
      expect(boot).toHaveLength(2);
      for (const r of boot) {
        expect(r.error).toBe('');
        expect(r.events).toBeGreaterThan(0.6 * events);
        expect(r.events).toBeLessThan(1.6 * events);
      }
    },
  );
});
