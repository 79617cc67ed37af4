import { tableFromArrays } from '@uwdata/flechette';
import { describe, expect, it } from 'vitest';
import {
  indexBefore,
  indexDataset,
  isExactIndex,
  registerIncidentLayout,
} from '../../src/core/dataset-index.js';
import {
  countsFromIndex,
  countsFromRecords,
  profileBefore,
  profileData,
  recordsBefore,
} from '../../src/core/profile.js';
import { toDay } from '../../src/core/time.js';
import { ingest } from '../../src/ingest/index.js';
import { synthCity } from '../../src/synth/index.js';

const NOW = '2030-01-01';

function ingestCity(seed: number, options: Parameters<typeof ingest>[1] = {}) {
  const city = synthCity({ people: 600, years: 3, seed, feud: {} });
  const raw = {
    incidents: city.data.incidents.map(({ day: _day, ...rest }) => rest),
    // Some rows rejected on the way: a duplicate (same person twice in an incident, one as
    // victim: both rows go under the default conflictingRoles), an unknown incident, an empty id.
    involvements: [
      ...city.data.involvements,
      { ...city.data.involvements[3], role: 'victim' as const },
      { ...city.data.involvements[0], role: 'victim' as const },
      { incident_id: 'nope', person_id: 'X1', role: 'offender' as const },
      { incident_id: city.data.incidents[5].incident_id, person_id: '', role: 'victim' as const },
    ],
    // A person with no record at all, and the city's people.
    people: [...city.data.people, { person_id: 'ZZ-no-record', group: 'G9' }],
  };
  return ingest(raw, { now: NOW, ...options });
}

describe('exact dataset index', () => {
  it('ingest’s output indexes as exact (ids unique, every involvement pointing at an incident)', () => {
    const { data, rejected } = ingestCity(11);
    expect(rejected.length).toBeGreaterThanOrEqual(4);
    expect(isExactIndex(indexDataset(data))).toBe(true);
  });

  it('a dataset with a dangling involvement or a repeated incident id is not exact', () => {
    const { data } = ingestCity(13);
    const gone = data.involvements[0].incident_id;
    const fewer = data.incidents.filter((x) => x.incident_id !== gone);
    expect(isExactIndex(indexDataset({ ...data, incidents: fewer }))).toBe(false);
    expect(
      isExactIndex(indexDataset({ ...data, incidents: [...data.incidents, data.incidents[0]] })),
    ).toBe(false);
  });
});

describe('the incident layout ingest hands the index', () => {
  /** The index's arrays, for comparison. */
  const arrays = (data: Parameters<typeof indexDataset>[0]) => {
    const x = indexDataset(data);
    return {
      personIds: x.personIds,
      incidents: x.incidents.map((i) => i.incident_id),
      invOffset: x.invOffset,
      invPerson: x.invPerson,
      invRole: x.invRole,
      personIncOffset: x.personIncOffset,
      personInc: x.personInc,
      personIncRole: x.personIncRole,
      group: x.group,
      exact: isExactIndex(x),
    };
  };

  it('gives the index found by incident and person id (rejected rows, retro-rejected roles, pseudonyms, nested and flat forms)', () => {
    const long = ingestCity(21).data;
    const rejectBoth = ingestCity(22, { conflictingRoles: 'reject' }).data;
    const pseudo = ingestCity(23, { pseudonymise: { key: 'k'.repeat(32) } }).data;
    const city = synthCity({ people: 300, years: 2, seed: 24 });
    const byIncident = new Map<string, (typeof city.data.involvements)[number][]>();
    for (const v of city.data.involvements) {
      const list = byIncident.get(v.incident_id);
      if (list) list.push(v);
      else byIncident.set(v.incident_id, [v]);
    }
    const nested = ingest(
      {
        incidents: city.data.incidents.map(({ day: _d, ...x }) => ({
          ...x,
          people: (byIncident.get(x.incident_id) ?? []).map(({ person_id, role }) => ({
            person_id,
            role,
          })),
        })),
      },
      { now: NOW },
    ).data;
    const incidentOf = new Map(city.data.incidents.map((x) => [x.incident_id, x]));
    const flat = ingest(
      {
        involvements: city.data.involvements.map((v) => {
          const { day: _d, ...x } = incidentOf.get(v.incident_id)!;
          return { ...x, ...v };
        }),
      },
      { now: NOW },
    ).data;
    // Arrow tables take the columnar path, which hands the index the same layout.
    const cols = (rows: readonly object[]) => {
      const names = [...new Set(rows.flatMap((r) => Object.keys(r)))];
      return Object.fromEntries(
        names.map((n) => [n, rows.map((r) => (r as Record<string, unknown>)[n] ?? null)]),
      );
    };
    const raw = synthCity({ people: 300, years: 2, seed: 26 }).data;
    const arrowIncidents = raw.incidents.map(({ day: _d, ...x }) => x);
    const arrowInvolvements = [
      ...raw.involvements,
      { ...raw.involvements[2], role: 'victim' as const },
      { incident_id: 'nope', person_id: 'X1', role: 'offender' as const },
    ];
    const columnar = ingest(
      {
        incidents: tableFromArrays(cols(arrowIncidents)),
        involvements: tableFromArrays(cols(arrowInvolvements)),
      },
      { now: NOW },
    );
    expect(columnar.rejected.length).toBeGreaterThanOrEqual(2);
    for (const data of [long, rejectBoth, pseudo, nested, flat, columnar.data]) {
      expect(data.involvements.length).toBeGreaterThan(100);
      // A copy of the involvements array carries no layout: the index looks ids up.
      const lookedUp = { ...data, involvements: [...data.involvements] };
      expect(arrays(data)).toEqual(arrays(lookedUp));
      // A copy of the people array keeps the incident positions but not the person numbers.
      const peopleLookedUp = { ...data, people: [...data.people] };
      expect(arrays(data)).toEqual(arrays(peopleLookedUp));
    }
  });

  it('is used only while the records agree with it: a layout the records contradict is not trusted', () => {
    const { data } = ingestCity(25);
    const plain = indexDataset({ ...data, incidents: [...data.incidents] });
    const wrong = new Int32Array(data.involvements.length); // every involvement at incident 0
    registerIncidentLayout(data.incidents, data.involvements, wrong);
    const checked = indexDataset({ ...data });
    expect(Array.from(checked.invOffset)).toEqual(Array.from(plain.invOffset));
    expect(Array.from(checked.invPerson)).toEqual(Array.from(plain.invPerson));
  });

  it('person numbers are used only while the people and involvement records agree with them', () => {
    const { data } = ingestCity(27);
    const n = data.involvements.length;
    const pos = new Map(data.incidents.map((x, k) => [x.incident_id, k]));
    const incidentOf = Int32Array.from(data.involvements, (v) => pos.get(v.incident_id)!);
    const ids = [...new Set([...data.people, ...data.involvements].map((r) => r.person_id))];
    const plain = indexDataset({ ...data, people: [...data.people] });
    const same = (x: ReturnType<typeof indexDataset>) => {
      expect(x.personIds).toEqual(plain.personIds);
      expect(Array.from(x.invPerson)).toEqual(Array.from(plain.invPerson));
      expect(Array.from(x.invRole)).toEqual(Array.from(plain.invRole));
      expect(Array.from(x.personIncOffset)).toEqual(Array.from(plain.personIncOffset));
    };
    // Every involvement said to be the first person's, as a victim: contradicted by the records.
    registerIncidentLayout(data.incidents, data.involvements, incidentOf, {
      ids,
      ofInvolvement: new Int32Array(n),
      role: new Uint8Array(n).fill(1),
      people: data.people,
      ofPerson: () => Int32Array.from(data.people, (p) => ids.indexOf(p.person_id)),
    });
    same(indexDataset({ ...data }));
    // The true numbers, with the first people row's number wrong: contradicted by that row.
    const roleCode = { offender: 0, victim: 1, other: 2 } as const;
    registerIncidentLayout(data.incidents, data.involvements, incidentOf, {
      ids,
      ofInvolvement: Int32Array.from(data.involvements, (v) => ids.indexOf(v.person_id)),
      role: Uint8Array.from(data.involvements, (v) => roleCode[v.role]),
      people: data.people,
      ofPerson: () =>
        Int32Array.from(data.people, (p, r) =>
          r === 0 ? ids.length - 1 : ids.indexOf(p.person_id),
        ),
    });
    same(indexDataset({ ...data }));
  });
});

describe('profile counts from the index', () => {
  it('equal the counts read from the records (synthetic cities, several seeds)', () => {
    for (const seed of [1, 2, 3]) {
      const { data } = synthCity({ people: 500, years: 2, seed });
      const index = indexDataset(data);
      expect(isExactIndex(index)).toBe(true);
      expect(countsFromIndex(index)).toEqual(countsFromRecords(data));
    }
  });

  it('equal them with date-times, people without records and one incident of many people', () => {
    const { data } = ingest(
      {
        incidents:
          'incident_id,date,severity\nA,2021-03-01T10:00:00Z,3\nB,2021-03-01,1\nC,2021-03-02T23:30:00Z,0\nD,2021-04-01,4\n',
        involvements:
          'incident_id,person_id,role\nA,p1,offender\nA,p2,victim\nB,p3,victim\nC,p1,offender\nC,p4,offender\nC,p5,other\nD,p6,victim\n',
        people: 'person_id\np1\np9\n',
      },
      { now: NOW },
    );
    const c = countsFromIndex(indexDataset(data));
    expect(c).toEqual(countsFromRecords(data));
    expect(c).toMatchObject({ people: 7, involved: 6, largest: 4, withoutOffender: 2 });
    expect(profileData(data).firstOfMonthShare).toBe(0.75);
  });
});

describe('the profile of the records before a date, from the index prefix', () => {
  it('equals profileData of the records filtered by date (people table kept, later-only people too)', () => {
    const { data } = ingestCity(15);
    // The person whose first record comes last: with a people-table row they count before their first
    // record (the people table is kept whole, as in profileData(recordsBefore(…))); without one
    // they do not.
    const dayOf = new Map(data.incidents.map((x) => [x.incident_id, x.day]));
    const firstDay = new Map<string, number>();
    for (const v of data.involvements) {
      const d = dayOf.get(v.incident_id)!;
      if (!(firstDay.get(v.person_id)! <= d)) firstDay.set(v.person_id, d);
    }
    const [late, lateDay] = [...firstDay].reduce((a, b) => (b[1] > a[1] ? b : a));
    const inTable = data.people.some((r) => r.person_id === late);
    const withRow = inTable ? data : { ...data, people: [...data.people, { person_id: late }] };
    const withoutRow = { ...data, people: data.people.filter((r) => r.person_id !== late) };
    const days = data.incidents.map((x) => x.day).sort((a, b) => a - b);
    for (const set of [withRow, withoutRow]) {
      expect(isExactIndex(indexDataset(set))).toBe(true);
      for (const q of [0, 0.001, 0.3, 0.5, 0.97, 1]) {
        const day = q === 1 ? days.at(-1)! + 1 : days[Math.floor(q * (days.length - 1))];
        const fast = profileBefore(set, day);
        expect(fast).toEqual(profileData(recordsBefore(set, day)));
        expect(profileBefore(set, day)).toBe(fast); // cached
      }
    }
    const early = days[Math.floor(0.3 * days.length)];
    expect(lateDay).toBeGreaterThan(early);
    expect(profileBefore(withRow, early).people).toBe(profileBefore(withoutRow, early).people + 1);
  });

  it('falls back to the records when the index is not exact, with the same answer', () => {
    const { data } = ingestCity(16);
    const repeated = { ...data, incidents: [...data.incidents, data.incidents[2]] };
    expect(isExactIndex(indexDataset(repeated))).toBe(false);
    const day = toDay('2028-06-01');
    expect(profileBefore(repeated, day)).toEqual(profileData(recordsBefore(repeated, day)));
  });
});

describe('indexBefore makes its records only when asked', () => {
  it('the prefix’s dataset (found by position) equals the one found by incident id', () => {
    const { data } = ingestCity(14);
    const full = indexDataset(data);
    const hi = Math.floor(full.incidents.length * 0.6);
    const byPosition = indexBefore(full, hi);
    const copyIndex = indexDataset({ ...data, incidents: [...data.incidents, data.incidents[0]] });
    expect(isExactIndex(copyIndex)).toBe(false);
    const kept = new Set(full.incidents.slice(0, hi).map((x) => x.incident_id));
    expect(byPosition.data.involvements).toEqual(
      data.involvements.filter((v) => kept.has(v.incident_id)),
    );
    expect(byPosition.data.incidents).toEqual(full.incidents.slice(0, hi));
    // Its records index to itself, and a prefix of the prefix is found by position too.
    expect(indexDataset(byPosition.data)).toBe(byPosition);
    const inner = indexBefore(byPosition, Math.floor(hi / 2));
    const kept2 = new Set(full.incidents.slice(0, Math.floor(hi / 2)).map((x) => x.incident_id));
    expect(inner.data.involvements).toEqual(
      data.involvements.filter((v) => kept2.has(v.incident_id)),
    );
  });
});
