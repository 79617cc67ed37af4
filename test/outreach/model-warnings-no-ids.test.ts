import { describe, expect, it } from 'vitest';
import { fitNetworkHawkes } from '../../src/contagion/index.js';
import { exportList, rankForOutreach } from '../../src/outreach/index.js';
import { synthCity } from '../../src/synth/index.js';

/**
 * A list copies its model's warnings as they are, into its CSV's '# warning:' lines and the CLI's
 * stderr, and cannot vet free text; so a model's warnings name rows and incidents, never a person
 * id. Before, a pseudonymised list's CSV read "# warning: 1 covariates row(s) name people not in
 * the records (first 'Jane Doe')", and an event inside an exit named its person.
 */
describe("a pseudonymised list's CSV holds no raw id from its model's warnings", () => {
  it('covariates naming an unknown person, and events inside an exit', () => {
    const { data } = synthCity({ people: 800, seed: 4 });
    const asOf = '2023-01-01';
    const ids = [...new Set(data.involvements.map((v) => v.person_id))];
    const covariates = [
      ...ids.map((id, i) => ({ person_id: id, x: i % 3 })),
      { person_id: 'Jane Doe', x: 1 },
    ];
    // Someone seriously harmed in late 2022, in custody from a month before: their event falls
    // inside the exit.
    const shot = data.incidents.find(
      (i) => i.severity >= 3 && i.date >= '2022-09-01' && i.date < '2022-12-01',
    )!;
    const exited = data.involvements.find(
      (v) => v.incident_id === shot.incident_id && v.role === 'victim',
    )!.person_id;
    const model = fitNetworkHawkes(data, {
      asOf,
      covariates,
      exits: [{ person_id: exited, from: '2022-08-01' }],
    });
    expect(model.warnings.some((w) => /covariates row/.test(w))).toBe(true);
    expect(model.warnings.some((w) => /inside an exit of their person/.test(w))).toBe(true);
    const csv = exportList(
      rankForOutreach(data, {
        asOf,
        model,
        limit: 5,
        pseudonymise: { key: 'a-key-of-at-least-128-bits-0123456789' },
      }),
    );
    const warnings = csv.split('\n').filter((l) => l.startsWith('# warning:'));
    expect(warnings.length).toBeGreaterThan(0);
    expect(csv).not.toContain('Jane Doe');
    for (const line of warnings) expect(line).not.toMatch(/P-\d{6}/);
  });
});
