import { ProtectedAttributeError } from './errors.js';
import type { Dataset } from './types.js';

/**
 * The protected characteristics recognised by meaning, each with the name patterns that find it.
 * A column name is normalised first: camelCase split, lower-cased, and cut into words at every
 * character that is not a letter or digit (`SelfDefinedEthnicity` → `self defined ethnicity`,
 * `Race_Code` → `race code`); then it is protected when
 * - a word, or the words run together, **contains** a stem (`ethnic`, `gender`, `religio`, …), or
 * - a **word is** one of the short names or abbreviations (`race`, `sex`, `ic`, `sde`, …), which
 *   only count as whole words so that `racecourse_id`, `trace`, `essex_ref` and `sussex` do not.
 * `PROTECTED_ATTRIBUTES` lists the characteristics; `protectedMatch` says which rule matched.
 */
const RULES: readonly {
  attribute: string;
  stems?: readonly string[];
  words?: readonly RegExp[];
}[] = [
  {
    attribute: 'ethnicity',
    stems: [
      'ethnic',
      'hispanic',
      'latino',
      'latinx',
      'identitycode',
      'complexion',
      'skincol',
      'skintone',
    ],
    // IC1–IC6 "identity codes" of UK police, self-/officer-defined ethnicity (SDE/ODE), ONS codes.
    words: [
      /^ethn?$/,
      /^ic\d?$/,
      /^iccode$/,
      /^sde(code)?$/,
      /^ode(code)?$/,
      /^(self|officer)definedethnicity$/,
      /^(is)?(bame|bme)$/,
    ],
  },
  {
    attribute: 'race',
    stems: ['racial'],
    words: [/^races?$/, /^race(code|cd|desc|description|group|grp|cat|category)$/, /^rac$/],
  },
  {
    attribute: 'sex or gender',
    stems: ['gender', 'transgender'],
    words: [
      /^sex(code|cd|desc|description|id)?$/,
      /^gndr$/,
      /^gend$/,
      /^(is)?(fe)?males?$/,
      /^wom[ae]n$/,
    ],
  },
  {
    attribute: 'religion or belief',
    stems: ['religio', 'faithgroup', 'faithcode'],
    words: [/^faiths?$/, /^relig$/, /^rel$/, /^belief$/],
  },
  {
    attribute: 'nationality or citizenship',
    stems: ['nationalit', 'citizen'],
    words: [/^natl?y?$/, /^natlty$/],
  },
  {
    attribute: 'country or place of birth',
    stems: [
      'countryofbirth',
      'birthcountry',
      'placeofbirth',
      'birthplace',
      'countryoforigin',
      'nativecountry',
      'ancestry',
    ],
    words: [/^cob$/, /^pob$/],
  },
  {
    attribute: 'sexual orientation',
    stems: ['sexualorientation', 'sexualit', 'orientation', 'lgb'],
  },
  {
    attribute: 'disability',
    stems: ['disabilit', 'handicap', 'impairment'],
    words: [/^disabled$/, /^disab$/],
  },
  { attribute: 'pregnancy or maternity', stems: ['pregnan', 'maternity'] },
  {
    attribute: 'immigration status',
    stems: ['immigra', 'asylum', 'refugee', 'visastatus', 'residencystatus', 'undocumented'],
  },
  { attribute: 'marriage or civil partnership', stems: ['marital', 'civilpartner'] },
  { attribute: 'caste or tribe', stems: ['caste', 'tribal'], words: [/^tribe$/] },
];

/**
 * The protected characteristics, carried for audits only and refused by every model input. A
 * column is found by meaning, not exact name (see `protectedMatch`): ethnicity (also IC /
 * identity codes, SDE/ODE), race, sex or gender, religion or belief, nationality or citizenship,
 * country or place of birth, sexual orientation, disability, pregnancy or maternity, immigration
 * status, marriage or civil partnership, caste.
 */
export const PROTECTED_ATTRIBUTES: readonly string[] = RULES.map((r) => r.attribute);

/** A column name as words: camelCase split, lower-case, cut at every non-alphanumeric character. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== '');
}

const loose = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');

/** Words that, after `sex`, make a column about an offence rather than a person's sex. */
const SEX_OFFENCE = /^(offen|crime|assault|work|trade|industry|abuse|register)/;

/**
 * Which protected characteristic the column `name` stands for, with the pattern that matched, or
 * `undefined`. E.g. `protectedMatch('SelfDefinedEthnicity')` → `{ attribute: 'ethnicity', pattern:
 * 'ethnic' }`; `protectedMatch('racecourse_id')` → `undefined`.
 */
export function protectedMatch(name: string): { attribute: string; pattern: string } | undefined {
  const words = nameWords(name);
  const joined = words.join('');
  for (const r of RULES) {
    for (const s of r.stems ?? []) {
      if (joined.includes(s)) return { attribute: r.attribute, pattern: s };
    }
    for (const re of r.words ?? []) {
      for (let k = 0; k < words.length; k++) {
        const w = words[k];
        if (!re.test(w)) continue;
        if (w === 'sex' && k + 1 < words.length && SEX_OFFENCE.test(words[k + 1])) continue;
        // `ic` alone is an identity code only as the whole name or beside `code`.
        if (/^ic$/.test(w) && !(words.length === 1 || words.includes('code'))) continue;
        // Very short abbreviations count only as the whole name or its last word.
        if (/^(rel|rac|nat|natl|naty|gend|cob|pob)$/.test(w) && k !== words.length - 1) continue;
        return { attribute: r.attribute, pattern: re.source };
      }
    }
  }
  return undefined;
}

/**
 * True when `name` is a protected attribute (by meaning, see `protectedMatch`) or declared
 * audit-only by the caller (`auditOnly`, compared ignoring case and punctuation), unless it is
 * named in `allow` (the caller's explicit, logged override: see `ingest`'s `allowAttribute`).
 */
export function isProtectedAttribute(
  name: string,
  auditOnly: readonly string[] = [],
  allow: readonly string[] = [],
): boolean {
  const n = loose(name);
  if (auditOnly.some((a) => loose(a) === n)) return true;
  if (allow.some((a) => loose(a) === n)) return false;
  return protectedMatch(name) !== undefined;
}

/**
 * Throws {@link ProtectedAttributeError} if any of `names` is protected or audit-only.
 * Every model input (covariates, ranking weights, group columns) passes through this. Columns the
 * data owner allowed at ingest (`data.allowedAttributes`) pass when given as `allow`.
 */
export function assertNoProtected(
  names: readonly string[],
  where: string,
  auditOnly: readonly string[] = [],
  allow: readonly string[] = [],
): void {
  for (const name of names) {
    if (isProtectedAttribute(name, auditOnly, allow))
      throw new ProtectedAttributeError(name, where);
  }
}

/** Defaults of {@link proxyWarnings}. */
export const PROXY_DEFAULTS = {
  /** Bias-corrected Cramér's V at or above which a covariate is reported as a proxy. */
  threshold: 0.4,
  /** People with both values needed before an association is judged. */
  minPeople: 30,
  /** Numeric covariates are cut into this many equal-count bins. */
  bins: 5,
} as const;

/**
 * Bias-corrected Cramér's V (Bergsma 2013) of two categorical codes over the same people: 0 for
 * no association, 1 when one determines the other.
 */
export function cramersV(a: readonly number[], b: readonly number[]): number {
  const n = a.length;
  if (n < 2) return 0;
  let r = 0;
  let c = 0;
  for (let i = 0; i < n; i++) {
    if (a[i] + 1 > r) r = a[i] + 1;
    if (b[i] + 1 > c) c = b[i] + 1;
  }
  const table = new Float64Array(r * c);
  const rowSum = new Float64Array(r);
  const colSum = new Float64Array(c);
  for (let i = 0; i < n; i++) {
    table[a[i] * c + b[i]]++;
    rowSum[a[i]]++;
    colSum[b[i]]++;
  }
  const rr = rowSum.filter((x) => x > 0).length;
  const cc = colSum.filter((x) => x > 0).length;
  if (rr < 2 || cc < 2) return 0;
  let chi2 = 0;
  for (let i = 0; i < r; i++) {
    for (let j = 0; j < c; j++) {
      const e = (rowSum[i] * colSum[j]) / n;
      if (e > 0) chi2 += (table[i * c + j] - e) ** 2 / e;
    }
  }
  const phi2 = chi2 / n;
  const phi2c = Math.max(0, phi2 - ((rr - 1) * (cc - 1)) / (n - 1));
  const rc = rr - (rr - 1) ** 2 / (n - 1);
  const kc = cc - (cc - 1) ** 2 / (n - 1);
  const den = Math.min(kc - 1, rc - 1);
  return den > 0 ? Math.min(1, Math.sqrt(phi2c / den)) : 0;
}

/** Codes a column: numbers into equal-count bins, anything else by distinct text. */
function codes(values: readonly unknown[], bins: number): number[] {
  const numeric = values.every((v) => typeof v === 'number' && Number.isFinite(v));
  if (numeric && new Set(values).size > bins) {
    const sorted = [...(values as number[])].sort((x, y) => x - y);
    const cuts: number[] = [];
    for (let k = 1; k < bins; k++) cuts.push(sorted[Math.floor((k * sorted.length) / bins)]);
    return (values as number[]).map((v) => {
      let k = 0;
      while (k < cuts.length && v >= cuts[k]) k++;
      return k;
    });
  }
  const ids = new Map<string, number>();
  return values.map((v) => {
    const key = String(v);
    let id = ids.get(key);
    if (id === undefined) {
      id = ids.size;
      ids.set(key, id);
    }
    return id;
  });
}

/** Options of {@link proxyWarnings}. */
export interface ProxyOptions {
  /** Covariate rows (`person_id` plus columns); default the people table's `attributes` and `birth_year`. */
  rows?: readonly Record<string, unknown>[];
  /** Covariate columns to check; default every column of `rows` but `person_id`. */
  columns?: readonly string[];
  /** Bias-corrected Cramér's V from which a warning is given. Default 0.4. */
  threshold?: number;
  /** People with both values needed to judge. Default 30. */
  minPeople?: number;
}

/**
 * The proxy check: one plain-language warning for each model covariate strongly associated with
 * an audit-only attribute (bias-corrected Cramér's V ≥ `threshold`, default 0.4, over at least
 * `minPeople` people with both values; numeric covariates cut into 5 equal-count bins). A proxy
 * can carry a protected characteristic into a model that never sees it by name. The model fit
 * and the report show these warnings; they do not stop the fit.
 * @example
 * proxyWarnings(data, { columns: ['postcode_district'] });
 * // ["covariate 'postcode_district' is strongly associated with the audit-only column 'ethnicity' (Cramér's V 0.72 over 412 people): it may act as a proxy for it; …"]
 */
export function proxyWarnings(data: Dataset, options: ProxyOptions = {}): string[] {
  const threshold = options.threshold ?? PROXY_DEFAULTS.threshold;
  const minPeople = options.minPeople ?? PROXY_DEFAULTS.minPeople;
  const audit = new Map<string, Record<string, string>>();
  for (const p of data.people) if (p.audit) audit.set(p.person_id, p.audit);
  if (audit.size === 0) return [];
  const rows: readonly Record<string, unknown>[] =
    options.rows ??
    data.people.map((p) => ({
      ...p.attributes,
      ...(p.birth_year !== undefined ? { birth_year: p.birth_year } : {}),
      person_id: p.person_id,
    }));
  const columns =
    options.columns ??
    [...new Set(rows.flatMap((r) => Object.keys(r)))].filter((k) => k !== 'person_id');
  const auditColumns = [...new Set([...audit.values()].flatMap((a) => Object.keys(a)))];
  const warnings: string[] = [];
  for (const col of columns) {
    for (const ac of auditColumns) {
      const xs: unknown[] = [];
      const ys: string[] = [];
      for (const r of rows) {
        const x = r[col];
        const y = audit.get(String(r.person_id))?.[ac];
        if (x === undefined || x === null || x === '' || y === undefined || y === '') continue;
        xs.push(
          typeof x === 'string' && x.trim() !== '' && Number.isFinite(Number(x)) ? Number(x) : x,
        );
        ys.push(y);
      }
      if (xs.length < minPeople) continue;
      const v = cramersV(codes(xs, PROXY_DEFAULTS.bins), codes(ys, PROXY_DEFAULTS.bins));
      if (v >= threshold) {
        warnings.push(
          `covariate '${col}' is strongly associated with the audit-only column '${ac}' ` +
            `(Cramér's V ${v.toFixed(2)} over ${xs.length} people): it may act as a proxy for it; ` +
            'consider leaving it out of the model',
        );
      }
    }
  }
  return warnings;
}
