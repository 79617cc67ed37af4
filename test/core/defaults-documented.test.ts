/**
 * What the TSDoc says an option defaults to is what the code defaults it to. For every exported
 * function that publishes `fn.defaults`, each key is looked up among the options its signature
 * takes, the "Default …" of that option's TSDoc is read (`Default 90.`, ``Default `'harm'` ``,
 * ``Default `[50, 100, '1%']` ``, ``Default 5,000,000``, or ``` `'closest'` (default) ```), and the
 * value it names is compared with `fn.defaults[key]`. A default stated in words ("the
 * personalization vector", "none") cannot be compared: those options are listed in WORDS below,
 * so a new option with no default in its TSDoc fails here until it gets one.
 */
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import * as nodeEntry from '../../src/node/index.js';
import { entriesProgram, ROOT } from '../entries-program.js';

/** Defaults stated in words or by a link (not a literal), by `function.option`. */
const WORDS = new Set([
  // {@link DEFAULT_SEVERITY_RULES}: regular expressions.
  'ingest.severityRules',
  'ingestFiles.severityRules',
  // {@link EXPOSURE_RISK_WEIGHTS}, or all five covariates on: objects described in words.
  'exposureRiskModel.weights',
  'exposureRanker.weights',
  'backgroundRanker.weights',
  'fitNetworkHawkes.recordCovariates',
  'hawkesRanker.recordCovariates',
  'synthCity.contagion',
  // The list's own, else a number: stated in words.
  'auditList.horizonDays',
  'auditList.retentionYears',
]);

/** Keys of `fn.defaults` that are not options of the function (documented where they are used). */
const NOT_OPTIONS = new Set([
  'louvain.passesUpToTies', // `passes` is 6 up to this many ties, 0 above (the `passes` TSDoc)
  'synthCity.feudDefaults', // the fields of `feud: {}`
  'synthCity.worldDefaults', // the fields of `world: {}`
]);

/** The literal an option's TSDoc gives as its default, as text, or null. */
function documentedDefault(doc: string): string | null {
  const text = doc.replace(/\s+/g, ' ');
  const after = /\bDefault:? (.*)$/.exec(text);
  if (after) {
    const rest = after[1];
    const code = /^`([^`]+)`/.exec(rest);
    if (code) return code[1];
    if (rest.startsWith('[')) return rest.slice(0, rest.indexOf(']') + 1);
    const num = /^-?(?:\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?(?:e-?\d+)?)(?![\w,])/.exec(rest);
    if (num) return num[0];
    const word = /^(true|false|null|Infinity|'[^']*')(?=[\s.,;:)]|$)/.exec(rest);
    if (word) return word[1];
  }
  const marked = /`([^`]+)`\s*\((?:[^()]*, )?default\b/.exec(text);
  return marked ? marked[1] : null;
}

/** The value a documented literal names (JavaScript literal syntax, as the TSDoc writes it). */
function literal(text: string): unknown {
  const t = text.trim();
  if (/^-?\d{1,3}(,\d{3})+$/.test(t)) return Number(t.replace(/,/g, ''));
  if (t === 'Infinity') return Number.POSITIVE_INFINITY;
  const json = t
    .replace(/'([^']*)'/g, (_, s: string) => JSON.stringify(s))
    .replace(/([{,]\s*)([A-Za-z_]\w*)\s*:/g, '$1"$2":');
  try {
    return JSON.parse(json);
  } catch {
    return undefined;
  }
}

interface Row {
  key: string;
  documented: string | null;
  code: unknown;
  hasOption: boolean;
}

/** Options whose TSDoc states a literal default that `fn.defaults` does not hold. */
const unpublished: string[] = [];

/** Options whose default depends on the input (the TSDoc names the literal for one case). */
const CONDITIONAL = new Set([
  'auditList.victims', // 'after' when the data holds records on or after asOf, else 'before'
  'groupReciprocity.groups', // 'people' when the people table names a group, else 'louvain'
]);

function rows(): Row[] {
  // The main and node entries (the duckdb entry publishes no `fn.defaults`), in the program of
  // every entry that test/options-docs.test.ts reads too (built once, shared).
  const entries = ['src/index.ts', 'src/node/index.ts'].map((f) => join(ROOT, f));
  const program = entriesProgram();
  const checker = program.getTypeChecker();
  const runtime = nodeEntry as unknown as Record<string, { defaults?: Record<string, unknown> }>;
  const out: Row[] = [];
  const seen = new Set<string>();
  for (const entry of entries) {
    const file = program.getSourceFile(entry);
    const mod = file && checker.getSymbolAtLocation(file);
    if (!mod) throw new Error(`cannot read ${entry}`);
    for (const exported of checker.getExportsOfModule(mod)) {
      const name = exported.name;
      const defaults = runtime[name]?.defaults;
      if (typeof runtime[name] !== 'function' || !defaults || seen.has(name)) continue;
      seen.add(name);
      const symbol =
        exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
      const docs = new Map<string, string>();
      for (const signature of checker.getTypeOfSymbol(symbol).getCallSignatures()) {
        // Options come last: read the parameters from the end, so that a property of the same
        // name on an earlier parameter (a city's `truth.hotPeriods`) does not stand for the option.
        for (const parameter of [...signature.getParameters()].reverse()) {
          const declaration = parameter.valueDeclaration;
          if (!declaration) continue;
          const type = checker.getNonNullableType(
            checker.getTypeOfSymbolAtLocation(parameter, declaration),
          );
          for (const member of type.isUnion() ? type.types : [type]) {
            if (!(member.flags & (ts.TypeFlags.Object | ts.TypeFlags.Intersection))) continue;
            for (const property of checker.getPropertiesOfType(member)) {
              const doc = ts.displayPartsToString(property.getDocumentationComment(checker));
              if (!docs.get(property.name)) docs.set(property.name, doc);
            }
          }
        }
      }
      for (const [option, doc] of docs) {
        const stated = documentedDefault(doc);
        const key = `${name}.${option}`;
        if (CONDITIONAL.has(key)) continue;
        if (!(option in defaults) && stated !== null && literal(stated) !== undefined)
          unpublished.push(`${key} (TSDoc: default ${stated})`);
      }
      for (const [option, value] of Object.entries(defaults)) {
        const doc = docs.get(option);
        out.push({
          key: `${name}.${option}`,
          documented: doc === undefined ? null : documentedDefault(doc),
          code: value,
          hasOption: doc !== undefined,
        });
      }
    }
  }
  return out;
}

describe('TSDoc defaults agree with fn.defaults', () => {
  const all = rows();

  it('reads the defaults of the main functions', () => {
    const keys = new Set(all.map((r) => r.key));
    for (const key of [
      'fitNetworkHawkes.lastTrendBinDays',
      'rankForOutreach.minEvidence',
      'planOutreach.effect',
      'traceContacts.responseDays',
      'ingest.timeZone',
      'retaliations.antecedents',
      'exposure.tieHalfLifeDays',
    ])
      expect(keys).toContain(key);
    expect(all.length).toBeGreaterThan(200);
  });

  it('every published default is an option (or a documented nested default)', () => {
    const stray = all.filter((r) => !r.hasOption && !NOT_OPTIONS.has(r.key)).map((r) => r.key);
    expect(stray).toEqual([]);
  });

  it('every option whose TSDoc states a default publishes it in fn.defaults', () => {
    expect(unpublished).toEqual([]);
  });

  it('every option with a published default states it in its TSDoc', () => {
    const silent = all
      .filter((r) => r.hasOption && !WORDS.has(r.key))
      .filter((r) => r.documented === null || literal(r.documented) === undefined)
      .map((r) => `${r.key} (code ${JSON.stringify(r.code)}, TSDoc ${r.documented ?? 'none'})`);
    expect(silent).toEqual([]);
  });

  it('the stated default is the code default', () => {
    const wrong = all
      .filter((r) => r.hasOption && !WORDS.has(r.key) && r.documented !== null)
      .filter((r) => literal(r.documented as string) !== undefined)
      .filter((r) => {
        try {
          expect(literal(r.documented as string)).toEqual(r.code);
          return false;
        } catch {
          return true;
        }
      })
      .map((r) => `${r.key}: TSDoc ${r.documented}, code ${JSON.stringify(r.code)}`);
    expect(wrong).toEqual([]);
  });

  it('reads the forms the TSDoc uses', () => {
    expect(documentedDefault('Half-life. Default 365.')).toBe('365');
    expect(documentedDefault('Stop when too many. Default 5,000,000.')).toBe('5,000,000');
    expect(literal('5,000,000')).toBe(5_000_000);
    expect(documentedDefault("Lengths. Default `[50, 100, '1%']`.")).toBe("[50, 100, '1%']");
    expect(literal("[50, 100, '1%']")).toEqual([50, 100, '1%']);
    expect(literal('{ records: 2 }')).toEqual({ records: 2 });
    expect(documentedDefault("`'closest'` (default) keeps one")).toBe("'closest'");
    expect(documentedDefault("Strength → length: `'inverse'` (1/w, default), or")).toBe(
      "'inverse'",
    );
    expect(documentedDefault('Tolerance. Default 1e-9.')).toBe('1e-9');
    expect(documentedDefault('Width. Default 0.9 (5th to 95th percentile).')).toBe('0.9');
    expect(documentedDefault('Default: the start of the records window.')).toBeNull();
    expect(documentedDefault('Default `Infinity` (every record).')).toBe('Infinity');
    expect(literal('Infinity')).toBe(Number.POSITIVE_INFINITY);
  });
});
