import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, ROOT } from '../e2e/ensure-built.js';
import { EXPORT_ARGS } from './helpers.js';

const CLI = join(ROOT, 'dist/cli.js');
const node = (args: string[]) =>
  spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8' });

describe('the built bin (node dist/cli.js)', () => {
  beforeAll(ensureBuilt, 600_000);

  it('starts with a shebang so npm can link it as `violence-contagion`', () => {
    expect(readFileSync(CLI, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
  });

  it('--version prints the package version and exits 0', () => {
    const r = node(['--version']);
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe(
      JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version,
    );
  });

  it('exits 1 with the problem table when validate finds rejected rows', () => {
    const r = node(['validate', ...EXPORT_ARGS]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain("date '31/02/2023' is not a valid date");
  });

  it('exits 2 with one line and no stack trace for a wrong path', () => {
    const r = node(['rank', '--incidents', 'missing.csv']);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(
      `error: --incidents 'missing.csv': no such file. Check the path (relative paths start at ${ROOT}).\n`,
    );
  });

  it('prints no progress when stderr is not a terminal', () => {
    const r = node(['graph', ...EXPORT_ARGS, '--format', 'csv']);
    expect(r.status).toBe(0);
    expect(r.stderr).not.toMatch(/\[\d+\]/);
    // Every CSV the CLI writes starts with the purpose label, then the header.
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/^# For voluntary outreach/);
    expect(lines.find((l) => !l.startsWith('#'))).toMatch(/^source,target,/);
  });
});
