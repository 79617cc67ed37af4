/**
 * Row accounting, shared by every ingest reader (incidents, involvements, people; long, nested
 * and flat forms). A reader decides each row once: {@link RowLedger.accept},
 * {@link RowLedger.reject} (a located {@link RowProblem}; in strict mode a `ValidationError`
 * instead), or {@link RowLedger.skipBlank} for a blank CSV line, which is not a row. A row
 * accepted and later found wrong (the first of two conflicting involvement rows) is revoked,
 * which moves it from accepted to rejected. The counts are the decisions themselves, so
 * `accepted + rejected === read` holds by construction, and {@link RowLedger.counts} checks that
 * every row of the table was decided exactly once (a reader that forgets a row, or decides one
 * twice, is a bug that throws, never a silently wrong count).
 */
import { type RowProblem, ValidationError } from '../core/errors.js';
import type { TableCounts } from './ingest-types.js';
import type { TableName } from './source-table.js';
import type { SourceTable } from './table-shape.js';

/** Row states (a `Uint8Array` per table keeps 1M rows cheap). */
const UNDECIDED = 0;
const ACCEPTED = 1;
const REJECTED = 2;
const BLANK = 3;

/** The decisions about the rows of one table, and the problems of the rejected ones. */
export class RowLedger {
  readonly table: TableName;
  private readonly src: SourceTable;
  /** Whether the first problem throws (`strict`). */
  readonly strict: boolean;
  /**
   * Each row's state, made when first needed: while rows are accepted in order, 0, 1, 2…, and
   * nothing else is decided (a clean table, read in order), the rows below `inOrder` are the
   * accepted ones and no array is kept. (At a million rows that is megabytes of `ArrayBuffer`
   * memory fewer, and V8 starts a full collection every ~64 MB of it.)
   */
  private state: Uint8Array | undefined;
  private inOrder = 0;
  private readonly reasons: (string | undefined)[] = [];
  private readonly found: RowProblem[] = [];
  private nAccepted = 0;
  private nBlank = 0;
  private revoked = false;

  constructor(table: TableName, src: SourceTable, strict: boolean) {
    this.table = table;
    this.src = src;
    this.strict = strict;
  }

  /** Row `i` is a blank CSV line: not a row, counted apart. */
  skipBlank(i: number): void {
    this.decide(i, BLANK);
    this.nBlank++;
  }

  /** Row `i` is accepted. */
  accept(i: number): void {
    if (this.state === undefined && i === this.inOrder && i < this.src.length) this.inOrder++;
    else this.decide(i, ACCEPTED);
    this.nAccepted++;
  }

  /**
   * Row `i` is rejected: `field` (`''` for a whole-row problem), the offending `value` as text,
   * and a `reason` a person can act on. In strict mode this throws the `ValidationError`.
   */
  reject(i: number, field: string, value: string, reason: string): void {
    const problem = this.problem(i, field, value, reason);
    this.decide(i, REJECTED);
    this.record(i, problem);
  }

  /**
   * Row `i`, accepted earlier, is rejected after all (a later row showed it wrong). In strict
   * mode this cannot happen: the later row's own rejection has thrown already.
   */
  revoke(i: number, field: string, value: string, reason: string): void {
    if (!this.isAccepted(i)) {
      throw new Error(`ingest accounting: ${this.table} row ${i + 1} revoked but not accepted`);
    }
    const problem = this.problem(i, field, value, reason);
    this.states()[i] = REJECTED;
    this.nAccepted--;
    this.revoked = true;
    this.record(i, problem);
  }

  /** True when row `i` is (so far) accepted. */
  isAccepted(i: number): boolean {
    const state = this.state;
    return state === undefined ? i >= 0 && i < this.inOrder : state[i] === ACCEPTED;
  }

  /** True when row `i` is rejected. */
  isRejected(i: number): boolean {
    const state = this.state;
    return state !== undefined && state[i] === REJECTED;
  }

  /** The reason row `i` was rejected (`undefined` when it was not). */
  reason(i: number): string | undefined {
    return this.reasons[i];
  }

  /** The problems found, one per rejected row, by row. */
  problems(): RowProblem[] {
    if (this.revoked) {
      this.found.sort((a, b) => a.row - b.row);
      this.revoked = false;
    }
    return this.found;
  }

  /** The table's counts; throws when a row was left undecided (a reader's bug). */
  counts(): TableCounts {
    const rejected = this.found.length;
    const read = this.nAccepted + rejected;
    if (read + this.nBlank !== this.src.length) {
      const i = this.states().indexOf(UNDECIDED);
      throw new Error(
        `ingest accounting: ${this.table} row ${i + 1} was neither accepted nor rejected`,
      );
    }
    const lines = this.src.lines ?? this.src.length;
    return {
      read,
      accepted: this.nAccepted,
      rejected,
      blank: this.nBlank,
      lines,
      multiLine: lines - this.src.length,
    };
  }

  /**
   * The warning naming rows whose quoted cells span lines (at most five), or `undefined` when no
   * row does.
   */
  multiLineWarning(): string | undefined {
    const { multiLine } = this.counts();
    const line = this.src.line;
    if (!multiLine || !line) return undefined;
    const spanning: string[] = [];
    for (let i = 0; i < this.src.length && spanning.length < 5; i++) {
      const from = line(i);
      const to = line(i + 1); // one past the last line for the last row
      if (to - from > 1) spanning.push(`row ${i + 1} (lines ${from}–${to - 1})`);
    }
    return (
      `${this.table}: ${
        multiLine === 1
          ? '1 line break is inside a quoted cell, so a row spans two lines'
          : `${multiLine} line breaks are inside quoted cells, so ${spanning.length === 1 ? 'a row spans' : 'some rows span'} several lines`
      }: ${spanning.join(', ')}; ` +
      'if a cell should not hold a line break, look for a stray quote where the row starts'
    );
  }

  private decide(i: number, state: number): void {
    const states = this.states();
    if (states[i] !== UNDECIDED) {
      throw new Error(`ingest accounting: ${this.table} row ${i + 1} decided twice`);
    }
    states[i] = state;
  }

  /** The rows' states as an array (made from the rows accepted in order, the first time). */
  private states(): Uint8Array {
    let state = this.state;
    if (state === undefined) {
      state = new Uint8Array(this.src.length);
      state.fill(ACCEPTED, 0, this.inOrder);
      this.state = state;
    }
    return state;
  }

  private problem(i: number, field: string, value: string, reason: string): RowProblem {
    const problem: RowProblem = { table: this.table, row: i + 1, field, value, reason };
    const line = this.src.line?.(i);
    if (line !== undefined) problem.line = line;
    if (this.strict) throw new ValidationError(problem);
    return problem;
  }

  private record(i: number, problem: RowProblem): void {
    this.reasons[i] = problem.reason;
    this.found.push(problem);
  }
}
