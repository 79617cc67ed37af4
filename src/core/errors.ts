/** Where a problem was found and why: one entry per rejected row. */
export interface RowProblem {
  /** Which input table: `incidents`, `involvements` or `people`. */
  table: 'incidents' | 'involvements' | 'people';
  /** 1-based row number in that table as read (the header is not counted). */
  row: number;
  /** The field at fault (after column mapping), or `''` for a whole-row problem. */
  field: string;
  /** The offending value as text. */
  value: string;
  /** A sentence a person can act on, e.g. "date '31/02/2021' is not a valid date". */
  reason: string;
  /**
   * CSV text: the 1-based physical line of the file where the row starts (the header is
   * line 1, after any label lines), which differs from `row + 1` once a quoted cell spans lines.
   * JSON Lines (text, or rows from `readTable`, `ingestFiles` or the command line): the row's
   * line, blank lines counted. Absent for other inputs.
   */
  line?: number;
}

/** Thrown by `strict` ingest on the first problem; carries the located problem. */
export class ValidationError extends Error {
  readonly problem: RowProblem;
  constructor(problem: RowProblem) {
    super(`${problem.table} row ${problem.row}, field '${problem.field}': ${problem.reason}`);
    this.name = 'ValidationError';
    this.problem = problem;
  }
}

/** Thrown when a protected attribute is offered as a model input. */
export class ProtectedAttributeError extends Error {
  readonly attribute: string;
  constructor(attribute: string, where: string) {
    super(
      `'${attribute}' is a protected or audit-only attribute and cannot be used as ${where}; ` +
        'it may only be passed as an audit column',
    );
    this.name = 'ProtectedAttributeError';
    this.attribute = attribute;
  }
}

/**
 * Thrown when a public function is given an option it does not have (the message names the
 * closest valid one) or a value of the wrong kind. `option` is `''` when the whole options
 * argument is wrong.
 */
export class OptionError extends TypeError {
  readonly fn: string;
  readonly option: string;
  constructor(fn: string, option: string, message: string) {
    super(message);
    this.name = 'OptionError';
    this.fn = fn;
    this.option = option;
  }
}

/**
 * Thrown when an input is not what a public function takes (not a graph, not a dataset), with a
 * message naming the function, what it got and what it expects.
 */
export class InputError extends TypeError {
  readonly fn: string;
  constructor(fn: string, message: string) {
    super(message);
    this.name = 'InputError';
    this.fn = fn;
  }
}

/** Why an analysis refused the data: a stable code, for programs; the message is for people. */
export type DataRefusalCode =
  /** No events of the kind analysed in the window. */
  | 'no-events'
  /** Every incident carries one date, so nothing about timing can be learnt. */
  | 'single-date'
  /** The window is too short or too sparse for the analysis to identify what it estimates. */
  | 'not-identified'
  /** The as-of date or a cut date lies outside the records. */
  | 'outside-records'
  /**
   * A backtest with a number of cuts (`cuts: n`) has too little history before its first cut: a
   * ranker could not rank from the records before it, or the n cuts would start before any
   * record. Fewer cuts, the first later in the records, may do (`analyse` falls back to them).
   */
  | 'too-little-history'
  /** A model was fitted on records on or after the as-of date of the output asked for. */
  | 'model-from-future'
  /** Records are past the retention horizon. */
  | 'past-retention'
  /** No rows at all. */
  | 'empty';

/**
 * Thrown when the data make an analysis meaningless (every incident on one date, no events in the
 * window, a cut date before any record…): the library refuses rather than print a confident wrong
 * answer. `code` is stable; the message says which problem and what to do.
 */
export class DataRefusedError extends Error {
  readonly code: DataRefusalCode;
  constructor(code: DataRefusalCode, message: string) {
    super(message);
    this.name = 'DataRefusedError';
    this.code = code;
  }
}
