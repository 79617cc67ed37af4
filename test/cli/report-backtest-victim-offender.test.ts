import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { world2 } from '../../bench/worlds-unseen2-harness.js';
import { cli, datasetCsvArgs, tempDir } from './helpers.js';

/**
 * report and backtest refused --victim-offender-ties ("their risk forecasts do not carry
 * excitation along victim–offender ties yet"), though everything they call now carries it (the
 * fit, risk, rankForOutreach, planOutreach, hawkesInference): on a city whose contagion runs along
 * victim–offender ties (true share 28.2%), the report could only show the default fit's 8.2% and
 * a list without a victim–offender reason, and the backtest only the default model. Now both take
 * the flag and it reaches their output.
 */
describe('report and backtest --victim-offender-ties', () => {
  const w = world2({ seed: 1, people: 1500, alpha: 0.05, channel: 'victim-offender' });
  const dir = tempDir();
  const args = datasetCsvArgs(join(dir, 'd'), w.data);

  it('report: the share split by kind of tie, the list’s victim–offender reasons, the parameter, the backtest’s model', async () => {
    const html: string[] = [];
    for (const vo of [[], ['--victim-offender-ties', 'sides']]) {
      const out = join(dir, `r${vo.length}.html`);
      const r = await cli(['report', ...args, '--cuts', '1', '--out', out, ...vo]);
      expect(r.code, r.stderr).toBe(0);
      html.push(readFileSync(out, 'utf8'));
    }
    const [off, on] = html;
    // The default fit's share, called likely too low: its victim–offender check warns (with the
    // share a 'sides' fit finds), and nothing else in the report speaks of those ties.
    expect(off).toContain(
      'share attributed to contagion</dt><dd>8.2% (likely too low: harm also follows victim–offender ties, see the warnings)<',
    );
    const warning = /Harm also follows victim–offender ties[^<]*/g;
    expect(off.match(warning)?.[0]).toMatch(
      /finds a share of 2\d\.\d% \(2\d\.\d% along victim–offender ties\)/,
    );
    const rest = off
      .replace(warning, '')
      .replaceAll(' (likely too low: harm also follows victim–offender ties', '');
    expect(rest.match(/.{60}victim–offender.{60}/g) ?? []).toEqual([]);
    expect(on).toContain(
      'share attributed to contagion</dt><dd>28.8% (along co-offending ties 2.7%, along victim–offender ties 26.1%)',
    );
    // The list's reasons name the tie and the harm across it, and the how-to says what it is.
    expect(on).toMatch(/victim–offender tie to P-\d+ \(shot \d+ days? ago\): 0\.0\d\d/);
    expect(on).toContain('<strong>victim–offender tie</strong>: harm to someone on the other side');
    // The parameters say which ties the model was fitted with; the backtest compares that model.
    expect(on).toContain('<dt>victim–offender ties</dt><dd>sides</dd>');
    expect(on).toContain('<th scope="col">network hawkes (victim–offender ties: sides)</th>');
    // (The inlined d3 scripts aside.)
    expect(on.replace(/<script[\s\S]*?<\/script>/g, '')).not.toMatch(/NaN|Infinity|undefined/);
  });

  it('backtest: the model compared carries the term, is named so, and scores differently', async () => {
    const off = await cli(['backtest', ...args, '--cuts', '1']);
    const on = await cli(['backtest', ...args, '--cuts', '1', '--victim-offender-ties', 'sides']);
    expect(off.code, off.stderr).toBe(0);
    expect(on.code, on.stderr).toBe(0);
    const row = (text: string, name: string) =>
      text.split('\n').find((l) => l.startsWith(`${name} |`));
    expect(row(off.stdout, 'network hawkes')).toBe(
      'network hawkes | 0.037 | 0.074 | 0.000 | 0.018 | -142.7 | 14.36/27',
    );
    expect(row(on.stdout, 'network hawkes')).toBeUndefined();
    // Along victim–offender ties the model forecasts more of the harm that came (20.9 of 27
    // against 14.4) and fits it better (log-likelihood -135.9 against -142.7).
    expect(row(on.stdout, 'network hawkes (victim–offender ties: sides)')).toBe(
      'network hawkes (victim–offender ties: sides) | 0.037 | 0.111 | 0.000 | 0.031 | -135.9 | 20.87/27',
    );
    // The baselines and the exposure score follow co-offending ties either way.
    expect(row(on.stdout, 'exposure score')).toBe(row(off.stdout, 'exposure score'));
    const help = await cli(['backtest', '--help']);
    expect(help.stdout).toContain('--victim-offender-ties [ties]');
  });
});
