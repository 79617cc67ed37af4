import { describe, expect, it } from 'vitest';
import { fitNetworkHawkes } from '../../src/contagion/hawkes/fit.js';
import { pseudonymiseDataset } from '../../src/ingest/pseudonymise.js';
import { analyse } from '../../src/outreach/analyse.js';
import { planOutreach } from '../../src/outreach/plan-outreach.js';
import { exportList, listMetadata, PURPOSE_LABEL } from '../../src/outreach/purpose.js';
import { rankForOutreach } from '../../src/outreach/rank-for-outreach.js';
import { traceContacts } from '../../src/outreach/trace-contacts.js';
import { renderReport, reportInput } from '../../src/report/index.js';
import { rawCity } from '../helpers.js';

const KEY = 'k'.repeat(32);
const RAW = /RAWID-\d{3}/g;
/** The raw ids in a text (none expected). */
const rawIds = (text: string) => [...new Set(text.match(RAW) ?? [])];

describe('with a pseudonymisation key, no output names anyone by their raw id', () => {
  const data = rawCity();
  const asOf = '2024-02-01';
  const model = fitNetworkHawkes(data, { asOf });

  it('rankForOutreach, traceContacts and planOutreach: rows, warnings, summaries and CSV', () => {
    const list = rankForOutreach(data, { asOf, model, pseudonymise: { key: KEY } });
    const meta = listMetadata(list)!;
    // The warnings that name people do fire here (so the test reads them).
    expect((meta.warnings ?? []).join('\n')).toMatch(
      /yet has records dated after it.*: P-[0-9a-f]{12}\./,
    );
    const outputs: Record<string, string> = {
      rank: JSON.stringify(list.objects()) + JSON.stringify(meta) + exportList(list),
    };
    for (const id of ['HS', 'HK', 'HL', 'C27']) {
      const day = data.incidents.find((i) => i.incident_id === id)!.date;
      const trace = traceContacts(data, id, {
        model: fitNetworkHawkes(data, { asOf: day }),
        today: '2023-12-01',
        pseudonymise: { key: KEY },
      });
      outputs[`trace ${id}`] =
        JSON.stringify(trace.objects()) + JSON.stringify(listMetadata(trace)) + exportList(trace);
    }
    const plan = planOutreach(data, { asOf, model, capacity: 5, pseudonymise: { key: KEY } });
    outputs.plan =
      JSON.stringify(plan) + JSON.stringify(listMetadata(plan.list)) + exportList(plan.list);
    for (const [name, text] of Object.entries(outputs)) {
      expect([name, rawIds(text)]).toEqual([name, []]);
      expect([name, text.includes(PURPOSE_LABEL)]).toEqual([name, true]);
    }
  });

  it('analyse and the HTML report on data pseudonymised at ingest (as the CLI --pseudonymise does)', () => {
    // Refused before: auditList took the list (marked pseudonymised from the data) for one
    // pseudonymised with a key of its own, and the CLI `report --pseudonymise` stopped.
    const results = analyse(pseudonymiseDataset(data, KEY), { asOf, limit: 10, plan: true });
    expect(listMetadata(results.list)!.pseudonymised).toBe(true);
    expect(results.audit.numRows()).toBeGreaterThan(0);
    const html = renderReport(reportInput(results));
    expect(rawIds(html)).toEqual([]);
    expect(html).toContain(PURPOSE_LABEL);
    expect(html).toMatch(/P-[0-9a-f]{12}/);
  });

  it('reportInput refuses a list keyed by rankForOutreach (or a keyed plan) beside raw data', () => {
    // Before, the report showed the keyed list beside the incidents' raw ids (and no network).
    const results = analyse(data, { asOf, limit: 10 });
    const list = rankForOutreach(data, { asOf, limit: 10, pseudonymise: { key: KEY } });
    const message = /the list \(or plan\) has keyed pseudonyms but the data has raw ids/;
    expect(() => reportInput({ ...results, list, audit: undefined })).toThrow(message);
    const plan = planOutreach(data, { asOf, model, capacity: 5, pseudonymise: { key: KEY } });
    expect(() => reportInput({ ...results, plan })).toThrow(message);
    // The raw list on raw data is reported as before, with the raw ids (nothing claims otherwise).
    expect(rawIds(renderReport(reportInput(results))).length).toBeGreaterThan(0);
  });

  it('analyse refuses a keyed plan beside raw data before it runs, in the same words', () => {
    // It ran the whole pipeline (network, fit, list, plan) and failed only at reportInput.
    const steps: string[] = [];
    expect(() =>
      analyse(data, {
        asOf,
        limit: 10,
        plan: { capacity: 5, pseudonymise: { key: KEY } },
        onStep: (s) => steps.push(s),
      }),
    ).toThrow(
      'analyse: plan.pseudonymise would give the plan keyed pseudonyms but the data has raw ids, which the report would show beside them (network, incidents); pseudonymise the data instead',
    );
    expect(steps).toEqual([]);
  });
});

describe('the pseudonymise option is checked as every option is', () => {
  const data = rawCity();
  const asOf = '2024-02-01';
  const key = KEY;

  it("a misspelt or unknown name in it is an OptionError (ingest's own refuses them too)", () => {
    // 'kye' read as 'no key given' ("the pseudonymisation key must be text or a Uint8Array …"),
    // and { key, salt } listed as if salted, the salt ignored.
    expect(() => rankForOutreach(data, { asOf, pseudonymise: { kye: key } as never })).toThrow(
      "rankForOutreach: unknown option 'pseudonymise.kye'. Did you mean 'pseudonymise.key'? Valid options of pseudonymise: key.",
    );
    const salted = { key, salt: 'x' } as never;
    expect(() => rankForOutreach(data, { asOf, pseudonymise: salted })).toThrow(
      "rankForOutreach: unknown option 'pseudonymise.salt'. Valid options of pseudonymise: key.",
    );
    const incident = data.incidents.find((i) => i.severity >= 3)!.incident_id;
    expect(() => traceContacts(data, incident, { pseudonymise: salted })).toThrow(
      "traceContacts: unknown option 'pseudonymise.salt'.",
    );
    const model = fitNetworkHawkes(data, { asOf });
    expect(() => planOutreach(data, { asOf, model, capacity: 3, pseudonymise: salted })).toThrow(
      "planOutreach: unknown option 'pseudonymise.salt'.",
    );
  });
});
