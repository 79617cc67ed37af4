import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package root. */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

const OUTPUTS = ['dist/index.js', 'dist/node/index.js', 'dist/cli.js'].map((p) => join(ROOT, p));
const INPUTS = ['src', 'package.json', 'tsup.config.ts'].map((p) => join(ROOT, p));
const LOCK = join(ROOT, 'node_modules/.cache/violence-contagion-build.lock');

function newest(path: string): number {
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  let m = s.mtimeMs;
  for (const entry of readdirSync(path)) m = Math.max(m, newest(join(path, entry)));
  return m;
}

function fresh(): boolean {
  if (!OUTPUTS.every((p) => existsSync(p))) return false;
  const built = Math.min(...OUTPUTS.map((p) => statSync(p).mtimeMs));
  return built >= Math.max(...INPUTS.map(newest));
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Builds `dist/` with tsup unless it is already newer than `src/`. Test files run in parallel
 * processes, so a lock directory makes them build once and wait for each other.
 */
export async function ensureBuilt(): Promise<void> {
  if (fresh()) return;
  mkdirSync(dirname(LOCK), { recursive: true });
  const started = Date.now();
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      // Someone else is building; a lock older than 10 minutes is left over from a crash.
      const lock = statSync(LOCK, { throwIfNoEntry: false });
      if (lock && Date.now() - lock.mtimeMs > 600_000)
        rmSync(LOCK, { recursive: true, force: true });
      if (Date.now() - started > 600_000)
        throw new Error('timed out waiting for another build of dist/');
      await sleep(250);
    }
  }
  try {
    if (fresh()) return;
    const r = spawnSync(join(ROOT, 'node_modules/.bin/tsup'), [], { cwd: ROOT, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`tsup failed:\n${r.stdout}\n${r.stderr}`);
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

/** As a vitest `globalSetup`: build once before any test file runs. */
export default async function setup(): Promise<void> {
  await ensureBuilt();
}
