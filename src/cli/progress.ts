import cliProgress from 'cli-progress';
import type { CliIo } from './io.js';

/** A progress bar; a no-op when progress is off. */
export interface ProgressBar {
  update(value: number): void;
  stop(): void;
}

/**
 * Progress on stderr: numbered steps and bars, shown only when stderr is a terminal and
 * `--quiet` is not given; notes (warnings such as rejected rows) are shown unless `--quiet`.
 */
export interface Reporter {
  /** True when steps and bars are drawn. */
  readonly live: boolean;
  /** Starts the next numbered step: `[3/9] fitting the contagion model`. */
  step(label: string): void;
  /** A bar for a long loop (ingest rows, EM iterations, backtest cuts). */
  bar(label: string, total: number): ProgressBar;
  /** A one-line note on stderr. */
  note(message: string): void;
  /** Ends the last step (prints its time when it took a second or more). */
  done(): void;
}

const NO_BAR: ProgressBar = { update() {}, stop() {} };

export function createReporter(
  io: CliIo,
  options: { quiet?: boolean; steps?: number } = {},
): Reporter {
  const quiet = options.quiet === true;
  const live = !quiet && io.stderr.isTTY === true;
  let stepNo = 0;
  let started = 0;
  let lastLabel = '';
  const finishStep = () => {
    if (live && lastLabel) {
      const seconds = (performance.now() - started) / 1000;
      if (seconds >= 1) io.stderr.write(`      ${lastLabel}: ${seconds.toFixed(1)} s\n`);
    }
  };
  return {
    live,
    step(label) {
      finishStep();
      stepNo++;
      started = performance.now();
      lastLabel = label;
      if (!live) return;
      const total = options.steps ? `/${options.steps}` : '';
      io.stderr.write(`[${stepNo}${total}] ${label}\n`);
    },
    bar(label, total) {
      if (!live || !(total > 0)) return NO_BAR;
      const bar = new cliProgress.SingleBar(
        {
          // cli-progress draws with cursor movements on the given stream.
          stream: io.stderr as NodeJS.WritableStream,
          format: `  ${label} [{bar}] {value}/{total}`,
          hideCursor: true,
          clearOnComplete: true,
          barsize: 30,
        },
        cliProgress.Presets.shades_classic,
      );
      bar.start(total, 0);
      return {
        update: (value) => bar.update(Math.min(value, total)),
        stop: () => bar.stop(),
      };
    },
    note(message) {
      if (!quiet) io.stderr.write(`${message}\n`);
    },
    done() {
      finishStep();
      lastLabel = '';
    },
  };
}

/**
 * `analyse` progress callbacks drawing on a reporter: a numbered step per stage and a bar over
 * the backtest's cut × ranker runs.
 */
export function analysisProgress(reporter: Reporter): {
  onStep: (label: string) => void;
  onBacktestProgress: (done: number, total: number) => void;
} {
  let bar: ProgressBar | undefined;
  return {
    onStep: (label) => {
      bar?.stop();
      bar = undefined;
      reporter.step(label);
    },
    onBacktestProgress: (done, total) => {
      bar ??= reporter.bar('cut × ranker', total);
      bar.update(done);
      if (done >= total) {
        bar.stop();
        bar = undefined;
      }
    },
  };
}
