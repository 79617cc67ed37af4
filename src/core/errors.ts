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
