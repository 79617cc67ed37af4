import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { HawkesInferenceOptions } from '../../src/contagion/hawkes/inference.js';
import { cli, syntheticCsv, tempDir, writeFiles } from './helpers.js';

// What the report's interval refits were asked to fit.
const asked: HawkesInferenceOptions[] = [];
vi.mock('../../src/contagion/hawkes/inference.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/contagion/hawkes/inference.js')>();
  return {
    ...actual,
    hawkesInference: (
      data: Parameters<typeof actual.hawkesInference>[0],
      o: HawkesInferenceOptions,
    ) => {
      asked.push(o);
      return actual.hawkesInference(data, o);
    },
  };
});

/**
 * report --exits --intervals: the interval is the report's model's, so its refits take the
 * people in custody out of the risk set as that model does. They were fitted without them: with
 * the 40 people first on the list in custody, the chart read 'the model attributes 33% … Over
 * the whole window the share is 32%, 95% interval 20% to 51%', the interval of another model.
 */
describe('report --exits with --intervals', () => {
  it("the intervals' fit has the same exits as the report's model", async () => {
    const dir = tempDir();
    const args = syntheticCsv(dir, { people: 800, seed: 1 });
    const plain = await cli(['rank', ...args, '--limit', '40']);
    const top = plain.stdout
      .split('\n')
      .filter((l) => /^\d+,/.test(l))
      .map((l) => l.split(',')[1]);
    expect(top).toHaveLength(40);
    const exits = writeFiles(join(dir, 'x'), {
      'exits.csv': `person_id,from\n${top.map((p) => `${p},2021-01-01`).join('\n')}\n`,
    })['exits.csv'];
    const out = join(dir, 'r.html');
    const r = await cli([
      'report',
      ...args,
      '--cuts',
      '0',
      '--exits',
      exits,
      '--intervals',
      '3',
      '--out',
      out,
      '-q',
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(asked).toHaveLength(1);
    expect(asked[0].fit?.exits?.map((x) => x.person_id)).toEqual(top);
    // The interval's estimate is the share the chart draws (the same model).
    const html = readFileSync(out, 'utf8');
    const model = /the model attributes (\d+)% of them to contagion overall/.exec(html)?.[1];
    const interval = /Over the whole window the share is (\d+)%/.exec(html)?.[1];
    expect(model).toBe('33');
    expect(interval).toBe(model);
  });
});
