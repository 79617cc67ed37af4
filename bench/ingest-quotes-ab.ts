/**
 * Interleaved A/B of the quoted-cell scans that run on every CSV text before it is parsed
 * (`spacedQuotes`, then `quoteTails`, as `sourceTable` calls them) on a 10+ MB export: this
 * checkout against another copy of the source, in one process, alternating which goes first each
 * round. Two exports of the same incidents: one written with a space after each delimiter
 * (`I1, 2021-03-04, "Wounding, GBH"`: both scans read every quoted cell, and spacedQuotes
 * rewrites the text) and one without (`I1,2021-03-04,"Wounding, GBH"`: quoteTails alone). One
 * cell in 200 holds a line break, one in 50 a doubled quote, one in 1000 a space after its
 * closing quote. Wall and CPU time (process.cpuUsage) per run of both scans; results checked equal.
 * Run: `mkdir /tmp/base && git archive <commit> src | tar -x -C /tmp/base && ln -s "$PWD/node_modules"
 * /tmp/base/node_modules`, then `npx tsx bench/ingest-quotes-ab.ts /tmp/base [rows] [rounds]`.
 */

import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createRng } from '../src/core/rng.js';
import { dayToIso } from '../src/core/time.js';
import * as mine from '../src/ingest/source-table.js';

const BASE = process.argv[2];
if (!BASE)
  throw new Error(
    'usage: npx tsx bench/ingest-quotes-ab.ts <base checkout with src/> [rows] [rounds]',
  );
const N = Number(process.argv[3] ?? 200_000);
const ROUNDS = Number(process.argv[4] ?? 9);
const base = (await import(
  pathToFileURL(join(resolve(BASE), 'src/ingest/source-table.ts')).href
)) as typeof mine;

const OFFENCES = ['Wounding, GBH', 'Robbery, personal', 'Assault, common', 'Shooting'];
const rng = createRng(20261205);
const rows: string[][] = [];
for (let k = 0; k < N; k++) {
  const r = rng.int(1000);
  const note =
    r < 5
      ? `seen at ${k}\nby the "victim's" brother`
      : r < 25
        ? `"Big ${k}" said so, at ${1 + rng.int(400)} High St`
        : `taken to hospital ${k}, released; street ${rng.int(900)}, Station Rd`;
  rows.push([
    `I${k}`,
    dayToIso(17_532 + rng.int(6 * 365)),
    OFFENCES[rng.int(OFFENCES.length)],
    note,
    String(rng.int(5)),
  ]);
}
const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;
const write = (sep: string) =>
  `incident_id${sep}date${sep}offence${sep}notes${sep}severity\n${rows
    .map(
      (r, k) =>
        `${r[0]}${sep}${r[1]}${sep}${quote(r[2])}${k % 1000 === 7 ? ' ' : ''}${sep}${quote(r[3])}${sep}${r[4]}`,
    )
    .join('\n')}\n`;
const texts = { 'spaced (", ")': write(', '), 'plain (",")': write(',') };
const scan = (m: typeof mine, text: string) => {
  const s = m.spacedQuotes(text, ',');
  const t = m.quoteTails(s ? s.text : text, ',');
  return [s?.cells, s?.line, t?.spaces, t?.line, t?.column, t?.stray.size, (t ?? s)?.text.length];
};
for (const text of Object.values(texts))
  if (JSON.stringify(scan(mine, text)) !== JSON.stringify(scan(base, text)))
    throw new Error('the two copies disagree');

const out: Record<string, { wall: number[]; cpu: number[] }> = {};
const loads: number[] = [];
for (let r = 0; r < ROUNDS; r++) {
  for (const [name, text] of Object.entries(texts)) {
    for (const which of r % 2 ? ['new', 'base'] : ['base', 'new']) {
      const m = which === 'base' ? base : mine;
      const c = process.cpuUsage();
      const t = performance.now();
      scan(m, text);
      const wall = performance.now() - t;
      const u = process.cpuUsage(c);
      const k = `${name} / ${which}`;
      (out[k] ??= { wall: [], cpu: [] }).wall.push(wall);
      out[k].cpu.push((u.user + u.system) / 1e3);
      loads.push(loadavg()[0]);
    }
  }
}
const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const mb = Object.values(texts).map((t) => (t.length / 1e6).toFixed(1));
console.log(
  `${new Date().toISOString()} ${cpus().length} × ${cpus()[0]?.model} ${process.version}; ${N} rows (${mb.join(' and ')} MB), ${ROUNDS} rounds interleaved; 1-min load during: ${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)}`,
);
for (const [k, v] of Object.entries(out))
  console.log(
    `${k}: median wall ${med(v.wall).toFixed(1)} ms (${v.wall.map((x) => x.toFixed(0)).join(', ')}), median CPU ${med(v.cpu).toFixed(1)} ms (${v.cpu.map((x) => x.toFixed(0)).join(', ')})`,
  );
