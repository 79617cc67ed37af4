import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { toDay } from '../../src/core/time.js';
import type { Dataset } from '../../src/core/types.js';
import { backtest, listMetadata, randomRanker } from '../../src/outreach/index.js';
import { synthCity } from '../../src/synth/index.js';
import { type IncidentSpec, makeDataset } from '../helpers.js';
import { cli, datasetCsvArgs, EXPORT_ARGS, tempDir } from './helpers.js';

/**
 * The CLI printed the data profile's warnings of every record read, though its commands use only
 * those before --as-of and within the retention horizon (as the library profiles them): a
 * date-heaping warning made only of records from 2010, past retention for a list as of
 * 2024-01-01, was printed with a list that dropped them.
 */
describe('the CLI warns of the records the command uses', () => {
  const old: IncidentSpec[] = Array.from({ length: 6 }, (_, i) => [
    `O${i}`,
    `2010-0${i + 1}-01`,
    i % 2 ? 3 : 1,
    [`Q${i}`],
    [`R${i}`],
  ]);
  const recent: IncidentSpec[] = Array.from({ length: 12 }, (_, i) => [
    `N${i}`,
    `2023-0${1 + Math.floor(i / 2)}-${String(7 + 9 * (i % 2)).padStart(2, '0')}`,
    i % 3 ? 1 : 3,
    [`P${i % 5}`, `P${(i + 1) % 5}`],
    [`V${i % 4}`],
  ]);
  const args = datasetCsvArgs(join(tempDir(), 'd'), makeDataset([...old, ...recent]));

  it('no warning made only of records past retention', async () => {
    for (const cmd of ['graph', 'rank']) {
      const r = await cli([cmd, ...args, '--as-of', '2024-01-01']);
      // Before: 'warning: … dates … 1st of the month …' of the 2010 records.
      expect(r.stderr).not.toMatch(/1st of/);
    }
  });
});

/**
 * backtest and trace printed the profile of every record read: 200 records from 2005, all dated
 * on the 1st of a month, before a three-year synthetic city (2018–2020) printed '14% of incidents
 * are dated on the 1st of a month' and a 4413-day gap, though the backtest's rankers read nothing
 * before the retention horizon of its first cut's calibration date, nor the trace before that of
 * its today.
 */
describe('backtest and trace warn of the records they use', () => {
  const { data } = synthCity({ people: 400, seed: 3, years: 3, feud: {} });
  const old = Array.from({ length: 200 }, (_, i) => {
    const date = `2005-${String(1 + (i % 12)).padStart(2, '0')}-01`;
    return { incident_id: `O${i}`, date, day: toDay(date), offence: '', severity: 1 as const };
  });
  const records: Dataset = {
    ...data,
    incidents: [...old, ...data.incidents],
    involvements: [
      ...old.map((o, i) => ({
        incident_id: o.incident_id,
        person_id: `Q${i}`,
        role: 'offender' as const,
      })),
      ...data.involvements,
    ],
  };
  const args = datasetCsvArgs(join(tempDir(), 'd'), records);
  const shooting = data.incidents.find((i) => i.severity >= 3 && i.date >= '2019-03-01')!;

  it('no warning made only of the 2005 records', async () => {
    for (const cmd of [
      ['backtest', '--cuts', '2'],
      ['trace', shooting.incident_id],
    ]) {
      const r = await cli([...cmd, ...args]);
      expect(r.code, r.stderr).toBe(0);
      // Before: '14% of incidents are dated on the 1st of a month' and 'No incident at all for
      // 4413 days from 2005-12-02', of the 2005 records alone.
      expect(r.stderr, cmd[0]).not.toMatch(/1st of a month|No incident at all/);
    }
  });

  it('a trace of the first incident does not say the data hold no incidents', async () => {
    const r = await cli(['trace', data.incidents[0].incident_id, ...args]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).not.toMatch(/hold no incidents/);
  });

  it("the library's backtest warnings are of the same records", () => {
    const r = backtest(records, { cuts: 2, rankers: [randomRanker()] });
    expect(r.warnings.join('\n')).not.toMatch(/1st of a month|No incident at all/);
    // The profile counts the records used, not the 2005 ones.
    expect(listMetadata(r.table)?.profile?.incidents).toBe(data.incidents.length);
  });
});

/**
 * trace's warnings were of the records before its incident, though its model (the risk column)
 * reads them up to and including the incident's day: a trace from the first shooting of the
 * bundled police export (23/0105) printed 'No incident of severity 3 or more: there are no
 * serious events to model, so fits and rankings are refused', then a note on the one event
 * on 2023-03-11, the shooting it was traced from.
 */
describe("trace warns of the records its model reads, the incident's day included", () => {
  it('a trace from the first shooting does not say there is no serious incident', async () => {
    const r = await cli(['trace', '23/0105', ...EXPORT_ARGS]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).not.toMatch(/No incident of severity 3 or more/);
    expect(r.stderr).toMatch(/^warning: Only 1 serious event \(1\.0 a year\)/m);
  });
});
