import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { datasetToCsv } from '../../src/cli/commands/demo.js';
import type { CliIo } from '../../src/cli/io.js';
import { run } from '../../src/cli/program.js';
import type { Dataset } from '../../src/core/types.js';
import { synthCity } from '../../src/synth/index.js';
import { ROOT } from '../e2e/ensure-built.js';

/** The made-up police export in examples/data, with its mapping. */
export const EXPORT_DIR = resolve(ROOT, 'examples/data/police-export');
export const EXPORT_ARGS = [
  '--incidents',
  join(EXPORT_DIR, 'incidents.csv'),
  '--involvements',
  join(EXPORT_DIR, 'nominals.csv'),
  '--people',
  join(EXPORT_DIR, 'people.csv'),
  '--map',
  join(EXPORT_DIR, 'mapping.json'),
];

/** Runs the CLI in-process and captures what it writes. */
export async function cli(
  argv: string[],
  options: { cwd?: string; tty?: boolean; env?: Record<string, string | undefined> } = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s), isTTY: options.tty ?? false },
    cwd: options.cwd ?? ROOT,
  };
  const code = await run(argv, io, options.env ?? {});
  return { code, stdout, stderr };
}

/** A fresh temporary folder. */
export function tempDir(prefix = 'vc-cli-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Writes files (name → text) into a folder and returns their paths. */
export function writeFiles(dir: string, files: Record<string, string>): Record<string, string> {
  mkdirSync(dir, { recursive: true });
  const paths: Record<string, string> = {};
  for (const [name, text] of Object.entries(files)) {
    paths[name] = join(dir, name);
    writeFileSync(paths[name], text);
  }
  return paths;
}

/**
 * The CLI input flags for files written by {@link writeFiles} under the canonical names
 * (`incidents.csv`, `involvements.csv`, and `people.csv` when there is one).
 */
export function inputArgs(p: Record<string, string>): string[] {
  const args = ['--incidents', p['incidents.csv'], '--involvements', p['involvements.csv']];
  return p['people.csv'] ? [...args, '--people', p['people.csv']] : args;
}

/** A dataset written as canonical CSV files under `dir`; returns the CLI input arguments. */
export function datasetCsvArgs(dir: string, data: Dataset): string[] {
  const csv = datasetToCsv(data);
  // No people: no people file (a header-only one is warned of, as a user's would be).
  const people = data.people.length > 0;
  const p = writeFiles(dir, {
    'incidents.csv': csv.incidents,
    'involvements.csv': csv.involvements,
    ...(people ? { 'people.csv': csv.people } : {}),
  });
  return [
    '--incidents',
    p['incidents.csv'],
    '--involvements',
    p['involvements.csv'],
    ...(people ? ['--people', p['people.csv']] : []),
  ];
}

/** A seeded synthetic city written as canonical CSV files; returns the CLI input arguments. */
export function syntheticCsv(dir: string, options: { people: number; seed: number }): string[] {
  const { data } = synthCity({ people: options.people, seed: options.seed, years: 4, feud: {} });
  return datasetCsvArgs(dir, data);
}

/**
 * Where a reader of a file the CLI wrote meets the purpose label first, by kind: a CSV's or a
 * text's first line, a JSON's first field, an XML's comment right after the declaration, an HTML
 * page's comment after the doctype or its first visible region. Returns a failure text, or ''.
 */
export function labelProblem(path: string, text: string, label: string): string {
  const ext = path.slice(path.lastIndexOf('.')).toLowerCase();
  const lines = text.split('\n');
  if (ext === '.csv') return lines[0] === `# ${label}` ? '' : `first line is ${lines[0]}`;
  if (ext === '.txt') return lines[0] === label ? '' : `first line is ${lines[0]}`;
  if (ext === '.json') {
    const j = JSON.parse(text) as Record<string, unknown>;
    return Object.keys(j)[0] === 'purpose' && j.purpose === label ? '' : 'no leading purpose field';
  }
  if (ext === '.gexf' || ext === '.graphml') {
    return lines[0].startsWith('<?xml') && lines[1] === `<!-- ${label} -->`
      ? ''
      : `lines 1–2 are ${lines.slice(0, 2).join(' / ')}`;
  }
  if (ext === '.html') {
    const body = text.indexOf('<body');
    const at = text.indexOf(label);
    return at >= 0 && (at < 200 || (body >= 0 && at > body && at - body < 2000))
      ? ''
      : 'label not at the top of the page';
  }
  return `unknown kind ${ext}`;
}
