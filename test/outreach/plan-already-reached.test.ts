import { describe, expect, it } from 'vitest';
import { fitNetworkHawkes } from '../../src/contagion/index.js';
import { planOutreach } from '../../src/outreach/plan-outreach.js';
import { exportList } from '../../src/outreach/purpose.js';
import { synthCity } from '../../src/synth/city.js';

describe('planOutreach alreadyReached', () => {
  const { data } = synthCity({ people: 800, seed: 4 });
  const asOf = '2023-01-01';
  const model = fitNetworkHawkes(data, { asOf });
  const key = 'a-key-of-at-least-128-bits-0123456789';

  it("takes back a keyed plan's own pseudonyms: last round's people are not planned again", () => {
    const first = planOutreach(data, { asOf, model, capacity: 5, pseudonymise: { key } });
    const ids = first.list.array('person_id') as string[];
    expect(ids).toHaveLength(5);
    const next = planOutreach(data, {
      asOf,
      model,
      capacity: 5,
      pseudonymise: { key },
      alreadyReached: ids,
    });
    // Before: the pseudonyms matched no raw id, were ignored, and the same five were planned again.
    const again = next.list.array('person_id') as string[];
    expect(again.filter((id) => ids.includes(id))).toEqual([]);
    expect(next.warnings.join(' ')).not.toMatch(/alreadyReached/);
    // The same as passing the raw ids.
    const raw = planOutreach(data, { asOf, model, capacity: 5 }).list.array(
      'person_id',
    ) as string[];
    const viaRaw = planOutreach(data, {
      asOf,
      model,
      capacity: 5,
      pseudonymise: { key },
      alreadyReached: raw,
    });
    expect(viaRaw.list.array('person_id')).toEqual(again);
    expect(viaRaw.expected).toEqual(next.expected);
  });

  it('names ids that match nobody instead of ignoring them', () => {
    const plan = planOutreach(data, {
      asOf,
      model,
      capacity: 5,
      alreadyReached: ['P-000001', 'P-000001 ', 'p-000002', 'nobody'],
    });
    expect(plan.warnings).toContain(
      "3 of the 4 alreadyReached ids match nobody in the records and were not counted: 'P-000001 ', 'p-000002', 'nobody'. Ids are matched exactly.",
    );
  });

  it('a keyed plan names no id that is not a pseudonym', () => {
    // A caseworker's file with a name (no records) and a misspelt record id: a keyed plan's
    // warnings, written at the head of its file, read "… not counted: 'Jane Doe', 'P-000001 '".
    const plan = planOutreach(data, {
      asOf,
      model,
      capacity: 5,
      pseudonymise: { key },
      alreadyReached: ['Jane Doe', 'P-000001 ', 'P-0123456789ab'],
    });
    const w = plan.warnings.find((x) => x.includes('alreadyReached'))!;
    expect(w).toBe(
      "3 of the 3 alreadyReached ids match nobody in the records and were not counted: 'P-0123456789ab'; and 2 ids not shown, as the plan's ids are pseudonyms and they are not. Ids are matched exactly.",
    );
    expect(exportList(plan.list)).not.toMatch(/Jane Doe|P-000001 /);
  });
});
