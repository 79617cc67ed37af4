import { describe, expect, it } from 'vitest';
import { DEFAULT_SEVERITY_RULES } from '../../src/ingest/index.js';
import { severityDeriver } from '../../src/ingest/severity.js';

describe('DEFAULT_SEVERITY_RULES', () => {
  const derive = severityDeriver({}, DEFAULT_SEVERITY_RULES);
  const cases: [string, number | undefined][] = [
    ['Murder', 4],
    ['Homicide', 4],
    ['Manslaughter', 4],
    ['Attempted murder', 3],
    ['Fatal shooting', 3],
    ['Shooting', 3],
    ['GSW to leg', 3],
    ['Firearm discharge', 3],
    ['Discharge of a firearm', 3],
    ['Stabbing', 3],
    ['GBH with intent', 3],
    ['Wounding with intent (s.18)', 3],
    ['Aggravated assault', 3],
    ['ABH', 2],
    ['Assault occasioning actual bodily harm', 2],
    ['Assault with injury', 2],
    ['Robbery of personal property', 2],
    ['Common assault', 1],
    ['Assault without injury', 1],
    ['Simple assault', 1],
    ['Affray', 1],
    ['Battery', 1],
    ['Burglary - residential', 0],
    ['Theft from motor vehicle', 0],
    ['Possession of a firearm', 0],
    ['Possession of an offensive weapon', 0],
    ['Drugs - supply', 0],
    ['Criminal damage', 0],
    ['Littering', undefined],
    ['Shotgun certificate breach', undefined],
  ];
  it.each(cases)("maps '%s' to %s", (offence, severity) => {
    expect(derive(offence)).toBe(severity);
  });

  it('severityDeriver(map) checks exact map entries (case-insensitive) before the rules', () => {
    const d = severityDeriver({ 'fatal shooting': 4, Littering: 0 });
    expect(d('Fatal Shooting')).toBe(4);
    expect(d(' littering ')).toBe(0);
    expect(d('Shooting')).toBe(3);
  });
});
