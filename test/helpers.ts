import { tableFromArrays } from '@uwdata/flechette';
import { fitNetworkHawkes } from '../src/contagion/hawkes/fit.js';
import type { NetworkHawkesModel } from '../src/contagion/hawkes/model.js';
import { DataRefusedError } from '../src/core/errors.js';
import { toDay } from '../src/core/time.js';
import type { Dataset, Incident, Role, Severity } from '../src/core/types.js';

/** Compact incident: [id, date, severity, offenders, victims, others?]. */
export type IncidentSpec = [string, string, number, string[], string[], string[]?];

/**
 * Builds a canonical Dataset straight from compact specs (bypassing ingest), for unit tests
 * of later stages. Groups: `{ personId: groupName }`.
 */
export function makeDataset(specs: IncidentSpec[], groups: Record<string, string> = {}): Dataset {
  const incidents: Incident[] = [];
  const involvements: Dataset['involvements'] = [];
  for (const [id, date, severity, offenders, victims, others = []] of specs) {
    incidents.push({
      incident_id: id,
      date,
      day: toDay(date),
      offence: '',
      severity: severity as Severity,
    });
    const add = (people: string[], role: Role) => {
      for (const p of people) involvements.push({ incident_id: id, person_id: p, role });
    };
    add(offenders, 'offender');
    add(victims, 'victim');
    add(others, 'other');
  }
  const people = Object.entries(groups).map(([person_id, group]) => ({ person_id, group }));
  return { incidents, involvements, people, auditColumns: [] };
}

/**
 * Five incidents among five people in three groups, dated 2023-01-10 to 2023-05-10: two
 * serious (severity 3), ties, a victim who offends later. Small enough for every public function
 * to run on (as of {@link FIVE_INCIDENTS_AS_OF}); a fresh copy per call.
 */
export function fiveIncidents(): Dataset {
  return makeDataset(
    [
      ['I1', '2023-01-10', 1, ['A', 'B'], ['C']],
      ['I2', '2023-02-10', 3, ['C'], ['A']],
      ['I3', '2023-03-10', 2, ['B', 'D'], []],
      ['I4', '2023-04-10', 3, ['E'], ['B']],
      ['I5', '2023-05-10', 1, ['A', 'D'], ['E']],
    ],
    { A: 'g1', B: 'g1', C: 'g2', D: 'g2', E: 'g3' },
  );
}
export const FIVE_INCIDENTS_AS_OF = '2023-06-01';

/**
 * A network Hawkes model at fixed parameters, as the synthetic generator's plain process (no
 * record covariates, no trend, no frailty, everyone at risk over the window, no homicide exit):
 * the "truth" that evaluations score against, and a fit that differs from another only in its
 * records.
 */
export function modelAtParameters(
  data: Dataset,
  asOf: string,
  start: { mu: number; alpha: number; beta: number },
  /** Options over these (e.g. `{ homicideExit: true, exits }` for a risk set with exits). */
  more: Partial<Parameters<typeof fitNetworkHawkes>[1]> = {},
): NetworkHawkesModel {
  return fitNetworkHawkes(data, {
    asOf,
    start,
    maxIterations: 0,
    refine: false,
    standardErrors: false,
    recordCovariates: false,
    trend: false,
    entry: 'window',
    homicideExit: false,
    frailty: false,
    ...more,
  });
}

/** A distinctive raw id ('RAWID-007'), for tests that no output names anyone by it. */
export const rawId = (n: number): string => `RAWID-${String(n).padStart(3, '0')}`;

/**
 * Distinctive raw ids in records that make the outreach outputs name people: a chain of
 * co-offending with shootings, the only victim of a homicide (HK), a homicide with three victims
 * (HS), and the only victim of a homicide (HL) with a record after it (LT).
 */
export function rawCity(): Dataset {
  const specs: IncidentSpec[] = [];
  for (let i = 0; i < 30; i++)
    specs.push([
      `C${i}`,
      `2023-0${1 + (i % 8)}-1${i % 9}`,
      i % 3 === 0 ? 3 : 1,
      [rawId(i), rawId(i + 1)],
      i % 3 === 0 ? [rawId(i + 2)] : [],
    ]);
  specs.push(['K0', '2023-05-01', 1, [rawId(50), rawId(1)], []]);
  specs.push(['HK', '2023-06-01', 4, [rawId(2)], [rawId(50)]]);
  specs.push(['HS', '2023-07-01', 4, [rawId(3)], [rawId(51), rawId(52), rawId(4)]]);
  specs.push(['KL', '2023-05-05', 1, [rawId(53), rawId(5)], []]);
  specs.push(['HL', '2023-06-05', 4, [rawId(6)], [rawId(53)]]);
  specs.push(['LT', '2023-08-01', 1, [rawId(53), rawId(7)], []]);
  return makeDataset(specs);
}

/**
 * A columnar (Arrow) table from `;`-separated CSV text, every cell kept as its text: the
 * columnar path of ingest on the same cells as the row path.
 */
export function columnarFromCsv(csv: string) {
  const [h, ...rs] = csv
    .trim()
    .split('\n')
    .map((l) => l.split(';'));
  return tableFromArrays(Object.fromEntries(h.map((c, j) => [c, rs.map((r) => r[j])])));
}

/**
 * The DataRefusedError `f` throws (any other error is rethrown; an answer fails the test), for
 * tests that read the refusal's code and message.
 */
export function refusal(f: () => unknown): DataRefusedError {
  try {
    f();
  } catch (e) {
    if (e instanceof DataRefusedError) return e;
    throw e;
  }
  throw new Error('expected a DataRefusedError, got an answer');
}
