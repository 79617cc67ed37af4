import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, ROOT } from '../e2e/ensure-built.js';

const DIR = join(ROOT, 'examples');
const SCRIPTS = readdirSync(DIR).filter((f) => f.endsWith('.mjs'));

function runExample(name: string) {
  const r = spawnSync(process.execPath, [join(DIR, name)], { cwd: ROOT, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** What each example must print: facts that do not depend on the library's internals. */
const EXPECTED: Record<string, RegExp[]> = {
  '00-quickstart.mjs': [
    /^\d+ people, \d+ ties; highest PageRank: P-\d{6}$/m,
    /^\d+ retaliation cascades$/m,
    /^contagion share \d+\.\d%$/m,
  ],
  // Hand count: 11 + 25 + 12 rows accepted, 1 + 2 + 0 left out, of 12 + 27 + 12 read.
  '01-ingest-police-export.mjs': [
    /^totals: 48 \+ 3 = 51$/m,
    /^audit-only columns: Ethnicity$/m,
    /date '31\/02\/2023' is not a valid date/,
    /^ {2}23\/0105 2023-03-11 Shooting - GSW to leg$/m,
  ],
  // Betweenness ranked with ties (nodeMetrics' rankBy), not by a plain sort, saying how it was
  // computed: asked for 256 pivots, exact on this city (it printed "sampled betweenness").
  '02-network-and-metrics.mjs': [
    /^ {2}nodes: 2000$/m,
    /^\d+ communities, modularity 0\.\d+$/m,
    /^The people who bridge most \(betweenness exact \(2000 people × \d+ ties is within the exact budget of 1e\+8, so all 2000 people were sources instead of 256 pivots\);$/m,
    /^ {2}#1 P-\d{6}: betweenness 0\.\d{4}, degree \d+, core \d+, community \d+$/m,
  ],
  '03-retaliation-cascades.mjs': [
    /^\d+ retaliation links/m,
    /^recall \d\.\d\d of \d+ true links$/m,
  ],
  // A city whose fitted process is not explosive (branching ratio under 1), so that its
  // forecast of next year is one to read; the model's warnings, if any, print before it.
  '04-fit-contagion-model.mjs': [
    /^alpha 0\.\d+ ± 0\.\d+ {3}\(true 0\.1\)$/m,
    /^branching ratio 0\.\d\d \(events each event triggers\)$/m,
    /could avert/,
  ],
  '05-rank-for-outreach.mjs': [
    /^#1 \S+ \(score \d/m,
    /^# For voluntary outreach and support; not for enforcement or investigative use\.$/m,
  ],
  '06-trace-from-a-shooting.mjs': [
    /^\d+ people to reach within 14 days/m,
    /^# For voluntary outreach and support; not for enforcement or investigative use\.$/m,
  ],
  // The recipe's shape: 2.33 involvements per incident, nothing malformed; a few people listed
  // twice in an incident (an offender slot drawn from the city that hit one of the crew), read once.
  '07-beyond-memory-duckdb.mjs': [
    /^(19\d{4}|20\d{4}) involvements, 8\d{4} incidents$/m,
    /^would be rejected: 0 incidents, \d{1,3} involvements$/m,
    /^\d{4,5} people, \d{5,6} ties$/m,
    /^highest PageRank: P\d{9}$/m,
    /^\d+ people exposed, \d+ of them one tie away$/m,
  ],
};

describe('examples/', () => {
  beforeAll(ensureBuilt, 600_000);

  it('every example is listed here and in examples/README.md', () => {
    expect(SCRIPTS.sort()).toEqual(Object.keys(EXPECTED).sort());
    const readme = readFileSync(join(DIR, 'README.md'), 'utf8');
    for (const name of SCRIPTS) expect(readme).toContain(`\`${name}\``);
  });

  it.each(SCRIPTS)('%s is under 60 lines', (name) => {
    expect(readFileSync(join(DIR, name), 'utf8').trimEnd().split('\n').length).toBeLessThan(60);
  });

  it.each(SCRIPTS)('node examples/%s runs and prints what it promises', (name) => {
    const r = runExample(name);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    for (const pattern of EXPECTED[name] ?? []) expect(r.stdout).toMatch(pattern);
  });
});
