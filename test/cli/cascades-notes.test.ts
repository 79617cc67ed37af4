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

  // `cascades --reciprocity` wrote the purpose label alone too: without known groups a bare
  // header, and never the overall figure (on stderr only) nor that it is a pattern.
  const GROUPS =
    '"# A row with one group on both sides is violence inside it (no answered, answers, open or reciprocity). A temporal pattern between groups, not proof that one attack caused another."';

  it('a reciprocity file gives the overall figure, as of when', async () => {
    const args = datasetCsvArgs(
      join(tempDir(), 'groups'),
      makeDataset(
        [
          ['I1', '2023-01-10', 2, ['A'], ['B']],
          ['I2', '2023-01-20', 2, ['B'], ['A']],
          ['I3', '2023-06-10', 0, ['C', 'D'], []],
        ],
        { A: 'North', B: 'South' },
      ),
    );
    const r = await cli(['cascades', ...args, '--reciprocity', '-q']);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[1]).toBe(
      '"# 2 ordered pairs of groups (one\'s offender, the other\'s victim) in violent incidents dated before 2023-06-11; between different groups, 1 of 2 attacks answered within 90 days (reciprocity 0.500; 0 more too recent to tell, counted as open)."',
    );
    expect(lines[2]).toBe(GROUPS);
    expect(lines[3]).toMatch(/^from_group,to_group,attacks,/);
  });

  it('an empty reciprocity file says nobody is in a group', async () => {
    const args = datasetCsvArgs(
      join(tempDir(), 'nogroups'),
      makeDataset([
        ['I1', '2023-01-10', 2, ['A'], ['B']],
        ['I2', '2023-03-10', 0, ['C'], []],
      ]),
    );
    const r = await cli(['cascades', ...args, '--reciprocity', '-q']);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[1]).toBe(
      "\"# 0 ordered pairs of groups (one's offender, the other's victim) in violent incidents dated before 2023-03-11: nobody is in a group as of 2023-03-11 (the people table's groups, or without them the co-offending network's communities), so there are none.\"",
    );
    expect(lines[3]).toBe('from_group,to_group,attacks,answered,answers,open,reciprocity');
  });
});
