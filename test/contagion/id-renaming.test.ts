import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cascades } from '../../src/contagion/cascades.js';
import { exposure } from '../../src/contagion/exposure.js';
import { groupReciprocity } from '../../src/contagion/group-reciprocity.js';
import { retaliations } from '../../src/contagion/retaliations.js';
import { toDay } from '../../src/core/time.js';
import type { Dataset } from '../../src/core/types.js';
import { exposureRiskModel } from '../../src/outreach/exposure-risk-model.js';

// Ids are names, not times: renaming incidents and people by any bijection must change no link,
// cascade, reciprocity figure, exposure or risk ranking. Before issue 11, two incidents of one
// day were ordered by their id strings, so renaming 'I-2' to 'I-02' could reverse a link.
// Days are drawn from a short span so that many incidents share a day; some carry a time.

type Row = Record<string, unknown>;
const PEOPLE = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];

const incident = fc.record({
  day: fc.integer({ min: 0, max: 40 }),
  hour: fc.option(fc.integer({ min: 0, max: 23 }), { nil: undefined }),
  severity: fc.integer({ min: 0, max: 4 }),
  offenders: fc.subarray(PEOPLE, { maxLength: 3 }),
  victims: fc.subarray(PEOPLE, { maxLength: 2 }),
});
const names = (n: number) =>
  fc.uniqueArray(fc.string({ minLength: 1, maxLength: 3 }), { minLength: n, maxLength: n });

function build(
  incs: { day: number; hour?: number; severity: number; offenders: string[]; victims: string[] }[],
  groups: (string | undefined)[],
  incName: (i: number) => string,
  person: (p: string) => string,
): Dataset {
  const data: Dataset = { incidents: [], involvements: [], people: [], auditColumns: [] };
  incs.forEach((x, i) => {
    const ymd = new Date(Date.UTC(2021, 0, 1 + x.day)).toISOString().slice(0, 10);
    const date =
      x.hour === undefined ? ymd : `${ymd}T${String(x.hour).padStart(2, '0')}:00:00.000Z`;
    const id = incName(i);
    data.incidents.push({
      incident_id: id,
      date,
      day: toDay(date),
      offence: '',
      severity: x.severity as 0,
    });
    for (const p of x.offenders)
      data.involvements.push({ incident_id: id, person_id: person(p), role: 'offender' });
    for (const p of x.victims)
      if (!x.offenders.includes(p))
        data.involvements.push({ incident_id: id, person_id: person(p), role: 'victim' });
  });
  PEOPLE.forEach((p, k) => {
    if (groups[k] !== undefined) data.people.push({ person_id: person(p), group: groups[k] });
  });
  return data;
}

/** Everything the analyses say, with ids mapped back through `back` (a renaming's inverse). */
function summary(data: Dataset, back: (id: string) => string) {
  const asOf = '2021-02-05';
  const links = retaliations(data, { asOf, windowDays: 20 });
  const linkSet = (links.objects() as Row[])
    .map(
      (r) =>
        `${back(r.from_incident as string)}>${back(r.to_incident as string)} ${r.offender_route}/${r.victim_route} ${r.lag_days}`,
    )
    .sort();
  const all = (retaliations(data, { asOf, windowDays: 20, antecedents: 'all' }).objects() as Row[])
    .map((r) => `${back(r.from_incident as string)}>${back(r.to_incident as string)}`)
    .sort();
  const casc = (cascades(links).table.objects() as Row[])
    .map(
      (r) =>
        `${(r.events as string[]).map(back).sort().join(',')} ${r.links} ${r.depth} ${r.max_escalation} ${r.span_days}`,
    )
    .sort();
  const rec = groupReciprocity(data, { asOf, windowDays: 20, groups: 'people' });
  const exp = (exposure(data, { asOf, windowDays: 30, minSeverity: 2 }).objects() as Row[])
    .map(
      (r) =>
        `${back(r.person_id as string)} ${r.exposed_1} ${r.exposed_2} ${(r.weighted as number).toFixed(9)} ${r.last_exposure}`,
    )
    .sort();
  const risk = exposureRiskModel(data, { asOf, windowDays: 30, minSeverity: 2 })
    .risk(undefined, { from: asOf, horizonDays: 30 })
    .map((r) => `${back(r.person_id)} ${r.expected.toFixed(12)}`)
    .sort();
  return {
    linkSet,
    all,
    casc,
    reciprocity: [rec.attacks, rec.answered, rec.open, rec.reciprocity],
    pairs: rec.pairs.objects(),
    exp,
    risk,
  };
}

describe('renaming ids changes nothing (fast-check)', () => {
  it('links, cascades, reciprocity, exposure and risk are the same under any renaming', () => {
    fc.assert(
      fc.property(
        fc.array(incident, { minLength: 2, maxLength: 40 }),
        fc.array(fc.constantFrom('G', 'H', 'K', undefined), { minLength: 7, maxLength: 7 }),
        names(40),
        names(PEOPLE.length),
        (incs, groups, incNames, personNames) => {
          const plain = build(
            incs,
            groups,
            (i) => `I${i}`,
            (p) => p,
          );
          const toPlain = new Map<string, string>();
          incNames.forEach((n, i) => {
            toPlain.set(`#${n}`, `I${i}`);
          });
          personNames.forEach((n, k) => {
            toPlain.set(`@${n}`, PEOPLE[k]);
          });
          const renamed = build(
            incs,
            groups,
            (i) => `#${incNames[i]}`,
            (p) => `@${personNames[PEOPLE.indexOf(p)]}`,
          );
          // Every incident on or after asOf (2021-02-05, day 35): refused under any names.
          if (incs.every((x) => x.day >= 35)) {
            expect(() => summary(plain, (id) => id)).toThrow('refused: no records before');
            expect(() => summary(renamed, (id) => toPlain.get(id)!)).toThrow(
              'refused: no records before',
            );
            return;
          }
          expect(summary(renamed, (id) => toPlain.get(id)!)).toEqual(summary(plain, (id) => id));
        },
      ),
      { numRuns: 150, seed: 11 },
    );
  });

  it('a same-day pair is no link whatever the ids (the case of the issue: I-2 renamed I-02)', () => {
    const make = (second: string) =>
      build(
        [
          { day: 3, severity: 2, offenders: ['a'], victims: ['b'] },
          { day: 3, severity: 2, offenders: ['b'], victims: ['a'] },
          // Another date, so the data are not all on one date (which is refused, single-date).
          { day: 1, severity: 0, offenders: ['z'], victims: [] },
        ],
        [],
        (i) => (i === 0 ? 'I-10' : i === 1 ? second : 'Z-1'),
        (p) => p,
      );
    expect(retaliations(make('I-2')).numRows()).toBe(0);
    expect(retaliations(make('I-02')).numRows()).toBe(0);
  });
});
