import { describe, expect, it } from 'vitest';
import { ProtectedAttributeError } from '../../src/core/errors.js';
import {
  assertNoProtected,
  cramersV,
  isProtectedAttribute,
  protectedMatch,
  proxyWarnings,
} from '../../src/core/protected.js';
import type { Dataset } from '../../src/core/types.js';

/**
 * Column names as they appear in real exports: UK police (Niche, Athena, PNC, Home Office data
 * returns, stop-and-search open data), US police (NYPD, Chicago, NIBRS, LAPD open data), and
 * hand-made spreadsheets. Each positive names the characteristic it should be read as.
 */
const POSITIVES: [string, string][] = [
  ['SelfDefinedEthnicity', 'ethnicity'],
  ['Self-defined ethnicity', 'ethnicity'],
  ['self_defined_ethnicity_code', 'ethnicity'],
  ['OfficerDefinedEthnicity', 'ethnicity'],
  ['Officer-defined ethnicity', 'ethnicity'],
  ['ethnicity_code', 'ethnicity'],
  ['Ethnic_Group', 'ethnicity'],
  ['ethnicgroup', 'ethnicity'],
  ['ETHNIC_ORIGIN', 'ethnicity'],
  ['EthnicAppearance', 'ethnicity'],
  ['ONS_Ethnicity_16plus1', 'ethnicity'],
  ['SDE', 'ethnicity'],
  ['SDE_Code', 'ethnicity'],
  ['ODE', 'ethnicity'],
  ['IC_Code', 'ethnicity'],
  ['IC', 'ethnicity'],
  ['ICCode', 'ethnicity'],
  ['Identity Code', 'ethnicity'],
  ['identity_code_ic1_6', 'ethnicity'],
  ['Complexion', 'ethnicity'],
  ['SkinColour', 'ethnicity'],
  ['HISPANIC_LATINO_FLAG', 'ethnicity'],
  ['eth', 'ethnicity'],
  ['Race', 'race'],
  ['Race_Code', 'race'],
  ['RACE_CD', 'race'],
  ['SUSP_RACE', 'race'],
  ['VIC_RACE', 'race'],
  ['PERP_RACE', 'race'],
  ['racecode', 'race'],
  ['Racial group', 'race'],
  ['Sex', 'sex or gender'],
  ['DefendantSex', 'sex or gender'],
  ['SUSP_SEX', 'sex or gender'],
  ['VIC_SEX', 'sex or gender'],
  ['sex_code', 'sex or gender'],
  ['Gender', 'sex or gender'],
  ['GenderIdentity', 'sex or gender'],
  ['person_gender_desc', 'sex or gender'],
  ['GNDR', 'sex or gender'],
  ['is_male', 'sex or gender'],
  ['IsFemale', 'sex or gender'],
  ['male', 'sex or gender'],
  ['female_flag', 'sex or gender'],
  ['women', 'sex or gender'],
  ['BAME', 'ethnicity'],
  ['is_bme', 'ethnicity'],
  ['Religion', 'religion or belief'],
  ['ReligionOrBelief', 'religion or belief'],
  ['religious_affiliation', 'religion or belief'],
  ['Faith', 'religion or belief'],
  ['faith_group', 'religion or belief'],
  ['Nationality', 'nationality or citizenship'],
  ['NATIONALITY_DESC', 'nationality or citizenship'],
  ['Citizenship', 'nationality or citizenship'],
  ['citizenship_status', 'nationality or citizenship'],
  ['CountryOfBirth', 'country or place of birth'],
  ['country_of_birth', 'country or place of birth'],
  ['BirthCountry', 'country or place of birth'],
  ['Place of birth', 'country or place of birth'],
  ['birthplace', 'country or place of birth'],
  ['POB', 'country or place of birth'],
  ['COB', 'country or place of birth'],
  ['SexualOrientation', 'sexual orientation'],
  ['sexual_orientation_desc', 'sexual orientation'],
  ['Orientation', 'sexual orientation'],
  ['Disability', 'disability'],
  ['DisabilityFlag', 'disability'],
  ['has_disability', 'disability'],
  ['Disabled', 'disability'],
  ['Pregnant', 'pregnancy or maternity'],
  ['PregnancyStatus', 'pregnancy or maternity'],
  ['ImmigrationStatus', 'immigration status'],
  ['immigration_status_code', 'immigration status'],
  ['AsylumSeeker', 'immigration status'],
  ['MaritalStatus', 'marriage or civil partnership'],
  ['Caste', 'caste or tribe'],
];

/** Near misses: ordinary columns that share letters with a protected name. */
const NEGATIVES = [
  'sector',
  'racecourse_id',
  'essex_ref',
  'EssexRef',
  'sussex_division',
  'Middlesex_Court',
  'trace_id',
  'TraceRef',
  'grace_period',
  'terrace',
  'Brace',
  'ethical_review',
  'gendarmerie_ref',
  'national_insurance_number',
  'NationalCrimeAgencyRef',
  'international_ref',
  'country',
  'incident_country',
  'place',
  'birth_year',
  'BirthYear',
  'date_of_birth',
  'age',
  'offence_code',
  'HO_Code',
  'area_code',
  'ward',
  'beat',
  'precinct',
  'LSOA',
  'group',
  'gang_name',
  'sex_offence_flag',
  'SexOffender',
  'relationship',
  'relative',
  'ice_cream_van',
  'icon',
  'topic',
  'orient_express',
  'nature_of_call',
  'fraction',
  'tracer',
  'malevolent_threat',
  'small_area',
  'email',
  'mobile',
];

describe('protected attributes by meaning', () => {
  it(`recognises ${POSITIVES.length} real-world protected column names`, () => {
    expect(POSITIVES.length + NEGATIVES.length).toBeGreaterThanOrEqual(60);
    const wrong = POSITIVES.filter(([name, what]) => protectedMatch(name)?.attribute !== what);
    expect(wrong).toEqual([]);
    for (const [name] of POSITIVES) expect(isProtectedAttribute(name), name).toBe(true);
  });

  it(`leaves ${NEGATIVES.length} near misses alone`, () => {
    const wrong = NEGATIVES.filter((name) => protectedMatch(name) !== undefined);
    expect(wrong).toEqual([]);
  });

  it('auditOnly adds names; allow overrides a match for that name only', () => {
    expect(isProtectedAttribute('postcode', ['Post Code'])).toBe(true);
    expect(isProtectedAttribute('Race_Code', [], ['race_code'])).toBe(false);
    expect(isProtectedAttribute('Ethnicity', [], ['race_code'])).toBe(true);
    // auditOnly wins over allow: a column declared audit-only is never a model input.
    expect(isProtectedAttribute('x', ['x'], ['x'])).toBe(true);
    expect(() => assertNoProtected(['prior_count', 'IC_Code'], 'a covariate')).toThrow(
      ProtectedAttributeError,
    );
    expect(() => assertNoProtected(['IC_Code'], 'a covariate', [], ['IC_Code'])).not.toThrow();
  });
});

describe('proxy check', () => {
  it("Cramér's V: 1 for a copy, near 0 for independent codes", () => {
    const a = Array.from({ length: 200 }, (_, i) => i % 4);
    expect(cramersV(a, a)).toBeCloseTo(1, 6);
    const b = Array.from({ length: 200 }, (_, i) => Math.floor(i / 4) % 3);
    expect(cramersV(a, b)).toBeLessThan(0.1);
  });

  it('warns about a covariate that tracks an audit-only column, not about an unrelated one', () => {
    // 120 people: `district` equals ethnicity for 90% of them; `prior_count` is unrelated.
    const groups = ['A', 'B', 'C'];
    const people = Array.from({ length: 120 }, (_, i) => {
      const eth = groups[i % 3];
      const district = i % 10 === 0 ? groups[(i + 1) % 3] : eth;
      return {
        person_id: `p${i}`,
        audit: { ethnicity: eth },
        attributes: { district: `D-${district}`, prior_count: Math.floor(i / 3) % 7 },
      };
    });
    const data: Dataset = { incidents: [], involvements: [], people, auditColumns: ['ethnicity'] };
    const w = proxyWarnings(data);
    expect(w).toHaveLength(1);
    expect(w[0]).toMatch(
      /^covariate 'district' is strongly associated with the audit-only column 'ethnicity' \(Cramér's V 0\.\d\d over 120 people\)/,
    );
    expect(proxyWarnings(data, { columns: ['prior_count'] })).toEqual([]);
    // Too few people to judge: no warning either way.
    expect(proxyWarnings({ ...data, people: people.slice(0, 20) })).toEqual([]);
  });
});
