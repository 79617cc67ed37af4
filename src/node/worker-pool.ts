import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

/**
 * How to start a worker module of this folder: `dist/node/<name>.js` after the build; from `src/`
 * (tsx, vitest) Node cannot load `.ts` itself and Node 20 workers ignore loader flags, so a small
 * bootstrap imports the `.ts` worker through tsx's API (a dev dependency).
 */
function workerTarget(name: string): { entry: string | URL; eval: boolean } {
  if (!import.meta.url.endsWith('.ts')) {
    return { entry: new URL(`./${name}.js`, import.meta.url), eval: false };
  }
  const worker = new URL(`./${name}.ts`, import.meta.url).href;
  // The ESM build of tsx's API (its CommonJS build cannot register hooks from a worker).
  const pkg = createRequire(import.meta.url).resolve('tsx/package.json');
  const exports = JSON.parse(readFileSync(pkg, 'utf8')).exports['./esm/api'].import.default;
  const api = new URL(exports, pathToFileURL(pkg)).href;
  const code =
    `import(${JSON.stringify(api)}).then((m) => m.tsImport(` +
    `${JSON.stringify(worker)}, ${JSON.stringify(api)}))`;
  return { entry: code, eval: true };
}

/** Threads to use: `wanted` (default min(2, cores)), at least 1 and at most `tasks`. */
export function threadCount(wanted: number | undefined, tasks: number): number {
  return Math.max(1, Math.min(Math.floor(wanted ?? Math.min(2, availableParallelism())), tasks));
}

/**
 * Starts one worker of module `name` (beside this file) per payload, each replying with one
 * message, and resolves to the replies in payload order. Every worker is terminated before it
 * settles, also when one fails. `transfer(payload)` lists buffers to move rather than copy.
 */
export async function runWorkers<P, R>(
  name: string,
  payloads: readonly P[],
  transfer?: (payload: P) => ArrayBuffer[],
): Promise<R[]> {
  const target = workerTarget(name);
  const workers: Worker[] = [];
  try {
    return await Promise.all(
      payloads.map((workerData) => {
        const worker = new Worker(target.entry, {
          eval: target.eval,
          workerData,
          transferList: transfer?.(workerData),
        });
        workers.push(worker);
        return new Promise<R>((resolve, reject) => {
          worker.once('message', resolve);
          worker.once('error', reject);
          worker.once('exit', (code) =>
            reject(new Error(`${name} exited with code ${code} before replying`)),
          );
        });
      }),
    );
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
