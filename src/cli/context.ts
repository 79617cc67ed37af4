import type { CliIo } from './io.js';
import type { Reporter } from './progress.js';

/** What every subcommand handler gets. */
export interface CommandContext {
  io: CliIo;
  reporter: Reporter;
  /** The subcommand's options merged with the global ones. */
  // biome-ignore lint/suspicious/noExplicitAny: commander's parsed options
  opts: Record<string, any>;
  /** Positional arguments. */
  args: string[];
  env: Record<string, string | undefined>;
}
