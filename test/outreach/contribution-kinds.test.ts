import { describe, expect, expectTypeOf, it } from 'vitest';
import { fitNetworkHawkes } from '../../src/contagion/hawkes/fit.js';
import { updateNetworkHawkes } from '../../src/contagion/hawkes/live.js';
import type { ContributionKind } from '../../src/core/risk.js';
import { toDay } from '../../src/core/time.js';
import { type ListedContribution, rankForOutreach } from '../../src/outreach/rank-for-outreach.js';
import { makeDataset } from '../helpers.js';

/**
 * `ListedContribution.kind` (and `RiskContribution.kind`) offers the library's kinds by type
 * (`ContributionKind`); it was a plain `string`. Here every kind the library's models write into
 * a list is one of them, and every one of them is written by some model: the union is neither
 * short of nor wider than what the models give.
 */
const KINDS = [
  'background',
  'exposure',
  'exposure-indirect',
  'own-victimisation',
  'victim-offender',
  'knock-on',
] as const satisfies readonly ContributionKind[];

// Co-offending, a victim–offender tie, a victim harmed twice and a chain A–B–C for the indirect
// exposure: each kind has something to come from.
const data = makeDataset([
  ['c1', '2020-01-05', 0, ['A', 'B'], []],
  ['c0', '2020-01-06', 0, ['B', 'C'], []],
  ['v1', '2020-02-01', 3, ['O'], ['V']],
  ['c2', '2020-02-10', 0, ['O', 'R'], []],
  ['s2', '2020-03-01', 3, ['X'], ['B']],
  ['s3', '2020-04-01', 3, ['Q'], ['V']],
  ['s4', '2020-05-01', 3, ['Y'], ['O']],
  ['s5', '2020-05-20', 3, ['B'], ['A']],
]);
const AS_OF = '2020-06-01';
const fitted = fitNetworkHawkes(data, {
  asOf: AS_OF,
  victimOffenderTies: 'direct',
  selfExcitation: true,
  start: { mu: 1e-3, alpha: 0.2, alphaSelf: 0.1, alphaVictimOffender: 0.3, beta: 1 / 30 },
  maxIterations: 0,
  refine: false,
  standardErrors: false,
  recordCovariates: false,
  trend: false,
  seasonal: false,
  frailty: false,
  entry: 'window',
  kernel: 'exponential',
});
const kindsOf = (list: ReturnType<typeof rankForOutreach>) =>
  new Set(
    (list.array('contributions') as ListedContribution[][]).flatMap((cs) => cs.map((c) => c.kind)),
  );
const listOf = (model?: Parameters<typeof rankForOutreach>[1]['model']) =>
  rankForOutreach(data, { asOf: AS_OF, model, minEvidence: 1 });

describe("the kinds of a list's contributions", () => {
  it('the type names the kinds: a misspelt kind is a type error', () => {
    expectTypeOf<(typeof KINDS)[number]>().toEqualTypeOf<ContributionKind>();
    expectTypeOf<ListedContribution['kind']>().toEqualTypeOf<ContributionKind | (string & {})>();
    // @ts-expect-error 'exposures' is no kind of the library's
    const wrong: ContributionKind = 'exposures';
    expect(wrong).toBe('exposures');
  });

  it("every kind the library's models write is in ContributionKind, and each is written", () => {
    const update = updateNetworkHawkes(fitted, {
      incidents: [
        {
          incident_id: 'n1',
          date: '2020-05-25',
          day: toDay('2020-05-25'),
          offence: '',
          severity: 3,
        },
      ],
      involvements: [
        { incident_id: 'n1', person_id: 'Z', role: 'offender' },
        { incident_id: 'n1', person_id: 'R', role: 'victim' },
      ],
    });
    const byModel = {
      exposure: kindsOf(listOf()),
      fitted: kindsOf(listOf(fitted)),
      update: kindsOf(listOf(update)),
    };
    const seen = new Set<string>();
    for (const [model, kinds] of Object.entries(byModel)) {
      for (const k of kinds) {
        expect(KINDS as readonly string[], `${model} wrote '${k}'`).toContain(k);
        seen.add(k);
      }
    }
    expect([...seen].sort()).toEqual([...KINDS].sort());
    expect([...byModel.exposure].sort()).toEqual([
      'background',
      'exposure',
      'exposure-indirect',
      'own-victimisation',
    ]);
  });
});
