import type { Dataset } from '../../src/core/types.js';
import type {
  AuditRow,
  BacktestRow,
  BacktestScoreRow,
  ContactRow,
  RankedListRow,
} from '../../src/outreach/index.js';
import { makeDataset } from '../helpers.js';

/**
 * A small network, counted by hand (asOf 2024-01-01):
 *   I1 2023-01-10  A, B co-offend              (tie A–B, 356 days before asOf)
 *   I2 2023-02-01  B, C co-offend              (tie B–C, 334 days)
 *   I3 2023-03-01  C, D co-offend              (tie C–D, 306 days)
 *   I4 2023-12-01  X shoots A (severity 3)     (31 days before asOf)
 *   I0 2016-06-01  E, A co-offend, E is shot   (older than the 6-year retention horizon)
 * So A was shot; B is a direct co-offender of A; C is at distance 2 (through B); D at distance 3.
 */
export function smallCity(): Dataset {
  const data = makeDataset([
    ['I0', '2016-06-01', 3, ['A'], ['E']],
    ['I1', '2023-01-10', 0, ['A', 'B'], []],
    ['I2', '2023-02-01', 0, ['B', 'C'], []],
    ['I3', '2023-03-01', 0, ['C', 'D'], []],
    ['I4', '2023-12-01', 3, ['X'], ['A']],
  ]);
  data.incidents.find((x) => x.incident_id === 'I4')!.weapon = 'firearm';
  return data;
}

/** Days from each incident to 2024-01-01. */
export const AGE = { I1: 356, I2: 334, I3: 306, I4: 31 } as const;

/** Typed rows of the tables under test. */
export function rows<T>(table: { objects(): object[] }): T[] {
  return table.objects() as T[];
}

// The rows of the tables under test: the library's own row types (they had private copies here,
// which had drifted: TraceRow's respond_by was a string, which is null once the window has passed).
export type ListRow = RankedListRow;
export type TraceRow = ContactRow;
export type { AuditRow };
export type TopKRow = BacktestRow;
export type ScoreRow = BacktestScoreRow;
