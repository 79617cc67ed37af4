import { describe, expect, it } from 'vitest';
import { fitNetworkHawkes } from '../../src/contagion/index.js';
import { indexDataset } from '../../src/core/dataset-index.js';
import { InputError } from '../../src/core/errors.js';
import { dayToIso, toDay } from '../../src/core/time.js';
import { pseudonymiseDataset } from '../../src/ingest/pseudonymise.js';
import { planOutreach } from '../../src/outreach/plan-outreach.js';
import { listMetadata } from '../../src/outreach/purpose.js';
import { rankForOutreach } from '../../src/outreach/rank-for-outreach.js';
import { traceContacts } from '../../src/outreach/trace-contacts.js';
import { synthCity } from '../../src/synth/city.js';

const unseen = (w: readonly string[] | undefined) =>
  (w ?? []).filter((x) => x.startsWith("The model 'network-hawkes' was fitted on records up to"));

describe('a model fitted before records the list or trace can see', () => {
  const { data } = synthCity({ people: 800, seed: 4 });
  const fitDate = '2022-01-01';
  const asOf = '2023-01-01';
  const model = fitNetworkHawkes(data, { asOf: fitDate });
  // What the model has not seen: incidents after its latest record and before the list's date.
  const index = indexDataset(data);
  const last = model.lastRecordDay;
  const between = data.incidents.filter((i) => toDay(i.date) > last && toDay(i.date) < toDay(asOf));
  const serious = between.filter((i) => (i.severity ?? 0) >= 3);

  it('is named in the warnings of the list, the plan and the trace, with what it has not seen', () => {
    expect(serious.length).toBeGreaterThan(3);
    const expected = `The model 'network-hawkes' was fitted on records up to ${dayToIso(last)}: ${between.length} incidents dated after that and before ${asOf} (${serious.length} of severity 3 or more) are in the records but not in its scores, so harm since the fit is missing from them. Refit the model as of ${asOf}, or add the new records with updateNetworkHawkes.`;
    // Before: a list made a year after the fit, on records holding that year's shootings, carried
    // no warning at all: its scores and reasons ignored every one of them.
    expect(
      unseen(listMetadata(rankForOutreach(data, { asOf, model, limit: 10 }))?.warnings),
    ).toEqual([expected]);
    expect(unseen(planOutreach(data, { asOf, model, capacity: 5 }).warnings)).toEqual([expected]);
    const shooting = serious[serious.length - 1];
    const w = unseen(listMetadata(traceContacts(data, shooting.incident_id, { model }))?.warnings);
    expect(w).toHaveLength(1);
    expect(w[0]).toContain(`before ${dayToIso(Math.floor(toDay(shooting.date)))} (`);
  });

  it('names the people the model does not know (first recorded after the extract it was fitted on)', () => {
    // Last year's extract (the records before the fit date) fitted; this year's extract adds
    // two people first recorded since, in two incidents together.
    const early = {
      ...data,
      incidents: data.incidents.filter((i) => toDay(i.date) < toDay(fitDate)),
      involvements: data.involvements.filter((v) =>
        data.incidents.some(
          (i) => i.incident_id === v.incident_id && toDay(i.date) < toDay(fitDate),
        ),
      ),
    };
    const old = fitNetworkHawkes(early, { asOf: fitDate });
    const now = {
      ...data,
      incidents: [
        ...data.incidents,
        {
          incident_id: 'NEW-1',
          date: '2022-06-01',
          day: toDay('2022-06-01'),
          offence: 'theft',
          severity: 0 as const,
        },
        {
          incident_id: 'NEW-2',
          date: '2022-07-01',
          day: toDay('2022-07-01'),
          offence: 'theft',
          severity: 0 as const,
        },
      ],
      involvements: [
        ...data.involvements,
        ...['NEW-1', 'NEW-2'].flatMap((incident_id) =>
          ['N-1', 'N-2'].map((person_id) => ({
            incident_id,
            person_id,
            role: 'offender' as const,
          })),
        ),
      ],
    };
    const list = rankForOutreach(now, { asOf, model: old, limit: 10 });
    const pop = Number(/out of (\d+) people/.exec(listMetadata(list)?.summary ?? '')?.[1]);
    // Before: they were counted among "too little evidence or no score", unsaid.
    expect(listMetadata(list)?.warnings).toContain(
      `2 of the ${pop} people here are unknown to the model (recorded since its fit?): no score, so not listed.`,
    );
    expect(planOutreach(now, { asOf, model: old, capacity: 5 }).warnings).toContain(
      `2 of the ${pop} people here are unknown to the model (recorded since its fit?): no score, so not planned for.`,
    );
    // And the year of records it has not seen.
    expect(unseen(listMetadata(list)?.warnings)).toHaveLength(1);
  });

  it('refuses a model fitted on the same records under other ids (pseudonymised differently)', () => {
    const keyed = fitNetworkHawkes(
      pseudonymiseDataset(data, 'a-key-of-at-least-128-bits-0123456789'),
      {
        asOf,
      },
    );
    // Before: an empty list, "Nobody is listed: none of the 797 people … has a score above 0".
    expect(() => rankForOutreach(data, { asOf, model: keyed })).toThrow(InputError);
    expect(() => rankForOutreach(data, { asOf, model: keyed })).toThrow(
      /^rankForOutreach: the model 'network-hawkes' knows none of the \d+ people here \(its: 'P-[0-9a-f]{12}', …; here: 'P-000001', …\): fitted on other records, or other pseudonyms\?$/,
    );
    // Before: an empty plan, "Only 0 people could be chosen for a capacity of 5".
    expect(() => planOutreach(data, { asOf, model: keyed, capacity: 5 })).toThrow(
      /^planOutreach: the model knows none of the \d+ people here/,
    );
  });

  it("is not warned for a trace at a time of day by a model fitted as of that date (the CLI's trace)", () => {
    const shooting = serious[serious.length - 1];
    const d = shooting.date.slice(0, 10);
    const timed = {
      ...data,
      incidents: [
        ...data.incidents.map((i) =>
          i === shooting ? { ...i, date: `${d}T22:00`, day: toDay(`${d}T22:00`) } : i,
        ),
        {
          incident_id: 'EARLY',
          date: `${d}T09:00`,
          day: toDay(`${d}T09:00`),
          offence: 'theft',
          severity: 0 as const,
        },
      ],
      involvements: [
        ...data.involvements,
        { incident_id: 'EARLY', person_id: 'P-000001', role: 'offender' as const },
      ],
    };
    const atDate = fitNetworkHawkes(timed, { asOf: d });
    // Before: "5 incidents dated after that and before <d> … Refit the model as of <d>", which is
    // what had been done: that day's earlier records cannot be in a model fitted as of a date.
    expect(
      unseen(listMetadata(traceContacts(timed, shooting.incident_id, { model: atDate }))?.warnings),
    ).toEqual([]);
  });

  it('is not warned for a model fitted as of the list', () => {
    const fresh = fitNetworkHawkes(data, { asOf });
    expect(
      unseen(listMetadata(rankForOutreach(data, { asOf, model: fresh, limit: 10 }))?.warnings),
    ).toEqual([]);
    expect(unseen(planOutreach(data, { asOf, model: fresh, capacity: 5 }).warnings)).toEqual([]);
    const all = [
      ...(listMetadata(rankForOutreach(data, { asOf, model: fresh, limit: 10 }))?.warnings ?? []),
      ...planOutreach(data, { asOf, model: fresh, capacity: 5 }).warnings,
    ];
    expect(all.filter((w) => w.includes('unknown to the model'))).toEqual([]);
    expect(index.day.length).toBe(data.incidents.length);
  });

  it('planOutreach warns, as rankForOutreach does, when the latest record is long before asOf', () => {
    const lastDay = Math.floor(index.day[index.day.length - 1]);
    const late = dayToIso(lastDay + 120);
    const fresh = fitNetworkHawkes(data, { asOf: late });
    const stale = `The latest record is dated ${dayToIso(lastDay)}, 120 days before the as-of date ${late}: anything since then is missing from these records, so this list cannot reflect it. Check that the extract is current.`;
    expect(listMetadata(rankForOutreach(data, { asOf: late, model: fresh }))?.warnings).toContain(
      stale,
    );
    // Before: the plan said nothing of it.
    expect(planOutreach(data, { asOf: late, model: fresh, capacity: 5 }).warnings).toContain(stale);
  });
});
