import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeDataset } from '../helpers.js';
import { cli, datasetCsvArgs, tempDir } from './helpers.js';

/**
 * cascades.csv and the links file carried the purpose label alone: on a 20-person synthetic city
 * (synthCity people 20, seed 3) `cascades` wrote a bare header, with no word of why it was empty
 * (the count was on stderr only), and no file said as of when, or what a link is. Their notes say.
 */
describe('cascades and links files say what they hold', () => {
  const LINK =
    "A link joins incident A to a later one, B, within 90 days, when someone on A's victim side (a victim, or their co-offenders) is among B's offenders and someone on A's offender side among B's victims. A temporal and relational pattern, not proof of motive.";

  it('an empty cascades file says there are none, as of when', async () => {
    const args = datasetCsvArgs(
      join(tempDir(), 'calm'),
      makeDataset([
        ['I1', '2023-01-10', 2, ['A', 'B'], ['C']],
        ['I2', '2023-03-10', 0, ['C', 'D'], []],
        ['I3', '2023-05-10', 3, ['E'], ['F']],
      ]),
    );
    const r = await cli(['cascades', ...args, '-q']);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[1]).toBe(
      '# 0 cascades (chains of linked incidents) from 0 retaliation links between violent incidents dated before 2023-05-11.',
    );
    expect(lines[2]).toBe(`"# ${LINK}"`);
    expect(lines[3]).toMatch(/^cascade_id,size,links,/);
  });

  it('a links file counts its links', async () => {
    const args = datasetCsvArgs(
      join(tempDir(), 'feud'),
      makeDataset([
        ['I1', '2023-01-10', 2, ['A'], ['B']],
        ['I2', '2023-01-20', 2, ['B'], ['A']],
        ['I3', '2023-03-10', 0, ['C', 'D'], []],
      ]),
    );
    const r = await cli(['cascades', ...args, '--links', '-q']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[1]).toBe(
      '# 1 retaliation link between violent incidents dated before 2023-03-11.',
    );
    expect(r.stdout).toContain(LINK);
  });
});
