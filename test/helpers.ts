import { fitNetworkHawkes } from '../src/contagion/hawkes/fit.js';
import type { NetworkHawkesModel } from '../src/contagion/hawkes/model.js';
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
 * A network Hawkes model at fixed parameters, as the synthetic generator's plain process (no
 * record covariates, no trend, no frailty, everyone at risk over the window, no homicide exit):
 * the "truth" that evaluations score against, and a fit that differs from another only in its
 * records.
 */
export function modelAtParameters(
  data: Dataset,
  asOf: string,
  start: { mu: number; alpha: number; beta: number },
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
  });
}
