import { describe, expect, it } from 'vitest';
import { OptionError } from '../../src/core/errors.js';
import { ingest } from '../../src/ingest/index.js';

// A synonym whose target is itself a spelling ({ Subject: 'suspect' }) was refused listing the
// roles but naming none: "… one of 'offender', 'victim', 'other' ('Subject' is 'suspect'), got an
// object." The role it spells, offender, is what the caller meant.
const input = {
  incidents: 'incident_id,date,severity\nI1,2023-01-05,3\n',
  involvements: 'incident_id,person_id,role\nI1,A,Subject\n',
};
const refusal = (options: object) => {
  try {
    ingest(input, { now: '2025-01-01', ...options });
  } catch (e) {
    expect(e).toBeInstanceOf(OptionError);
    return (e as Error).message;
  }
  throw new Error('no refusal');
};

describe('a synonym whose target is not a canonical value', () => {
  it('a spelling of a role names the role; a typo the closest; the roles are listed', () => {
    expect(refusal({ roleSynonyms: { Subject: 'suspect' } })).toBe(
      "ingest: option 'roleSynonyms' must be an object whose every value is one of 'offender', 'victim', 'other' ('Subject' is 'suspect': did you mean 'offender'?), got an object.",
    );
    expect(refusal({ roleSynonyms: { Subject: 'Complainant' } })).toContain(
      "('Subject' is 'Complainant': did you mean 'victim'?)",
    );
    expect(refusal({ roleSynonyms: { Subject: 'ofender' } })).toContain(
      "('Subject' is 'ofender': did you mean 'offender'?)",
    );
    expect(refusal({ roleSynonyms: { Subject: 'xyz' } })).toContain("('Subject' is 'xyz'), got");
  });

  it('a spelling of a weapon names its category', () => {
    expect(refusal({ weaponSynonyms: { Pistole: 'gun' } })).toContain(
      "one of 'firearm', 'knife', 'other', 'none' ('Pistole' is 'gun': did you mean 'firearm'?)",
    );
  });

  it('a canonical target is taken', () => {
    const { data } = ingest(input, { now: '2025-01-01', roleSynonyms: { Subject: 'offender' } });
    expect(data.involvements.map((v) => v.role)).toEqual(['offender']);
  });
});
