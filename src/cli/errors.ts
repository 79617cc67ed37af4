/** Exit codes of the `violence-contagion` command. */
export const EXIT = {
  /** Everything worked. */
  ok: 0,
  /** The data has problems (rejected rows, a missing column, an empty file). */
  data: 1,
  /** The command was used wrongly (unknown option, missing argument, a path that does not exist). */
  usage: 2,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** An error the CLI reports as one line, with its exit code; never a stack trace. */
export class CliError extends Error {
  readonly exitCode: ExitCode;
  constructor(message: string, exitCode: ExitCode) {
    super(message);
    this.name = 'CliError';
    this.exitCode = exitCode;
  }
}

/** The command was used wrongly: exit code 2. */
export const usageError = (message: string) => new CliError(message, EXIT.usage);

/** The data has a problem: exit code 1. */
export const dataError = (message: string) => new CliError(message, EXIT.data);
