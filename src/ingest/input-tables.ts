// The names of ingest's input tables, checked as option names are.
import { InputError } from '../core/errors.js';
import { closestName } from '../core/options.js';

const TABLES = ['incidents', 'involvements', 'people'] as const;

/**
 * Refuses a key of the input object that names no table (`incident`, `involvement`, `persons`):
 * that table would never be read, and the rest read as another form (`{ incident, involvements }`
 * as a flat table lacking a date column). An `InputError` naming the closest table. Only plain
 * objects are checked: anything else is refused by the caller as not a table set. @internal
 */
export function checkInputTables(fn: string, input: unknown): void {
  if (typeof input !== 'object' || input === null) return;
  const proto = Object.getPrototypeOf(input);
  if (proto !== Object.prototype && proto !== null) return;
  for (const key of Object.keys(input)) {
    if ((TABLES as readonly string[]).includes(key)) continue;
    const near = closestName(key, TABLES);
    throw new InputError(
      fn,
      `${fn}: unknown table '${key}' in the input.${near ? ` Did you mean '${near}'?` : ''} The tables are incidents, involvements and people.`,
    );
  }
}
