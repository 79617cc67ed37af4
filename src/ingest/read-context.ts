/** What every ingest reader shares: the resolved options, how ids are shown, how dates are read. */
import type { ParsedDate } from './dates.js';
import { dateReader } from './dates.js';
import type { ResolvedIngestOptions } from './options.js';
import { pseudonymiser } from './pseudonymise.js';

export interface ReadContext {
  readonly o: ResolvedIngestOptions;
  /** A person id as problem reports show it: the keyed pseudonym when pseudonymising. */
  readonly display: (id: string) => string;
  /** The date reader of the run's `dateFormat` and `timeZone`. */
  readonly readDate: (value: unknown) => ParsedDate | undefined;
}

export function readContext(o: ResolvedIngestOptions): ReadContext {
  return {
    o,
    display: o.pseudonymKey === undefined ? (id) => id : pseudonymiser(o.pseudonymKey),
    readDate: dateReader(o.dateFormat, o.timeZone),
  };
}
