/**
 * The TypeScript/JavaScript code blocks of README.md, docs/guide/*.md and notebooks/README.md,
 * type-checked against src/ so that a renamed option, a changed return shape or an import from
 * the wrong entry fails here instead of in a user's editor. README's quick start also runs, and
 * so do blocks whose comments say what they give (the null model's summary, a model's fields).
 *
 * Every ```ts / ```js / ```typescript / ```javascript block is its own module (a virtual file, no
 * temp files), with `violence-contagion`, `violence-contagion/node`, `violence-contagion/duckdb`
 * mapped to src/ as package.json "exports" maps them to dist/. One TypeScript program checks them
 * all at once. Names a block uses without defining (the page's `data`, a fitted `model`, …) come
 * from CONTEXT below: ambient declarations with the library's real types, so that what a block
 * does with them is checked too. Library functions are not in CONTEXT: a block imports what it
 * calls, from the entry that exports it. A block that is deliberately not code is fenced ```text;
 * `<!-- snippet: skip -->` on the line just before a fence skips one block (use sparingly).
 * Options types are exact, so a misspelled option in an object literal is an excess-property error.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { synthCity } from '../../src/synth/index.js';

const ROOT = join(import.meta.dirname, '../..');
const PAGES = [
  'README.md',
  ...readdirSync(join(ROOT, 'docs/guide'))
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => `docs/guide/${f}`),
  // Its one block is the import line for observablehq.com ('npm:' specifier). The notebooks
  // themselves run in Chromium in test/e2e/notebooks.test.ts.
  'notebooks/README.md',
];
const LANGS = new Set(['ts', 'js', 'typescript', 'javascript']);
const SKIP = /<!--\s*snippet:\s*skip\b/;

/** What the guide pages take as given: the reader's data, and results of earlier steps. */
const CONTEXT = `
type VC = typeof import('violence-contagion');
declare global {
  /** A validated dataset: ingest(...).data or synthCity(...).data. */
  const data: import('violence-contagion').Dataset;
  /** Another dataset: everything on record, tonight's incidents included. */
  const allRecords: import('violence-contagion').Dataset;
  /** The co-offending network: coOffendingGraph(data, ...). */
  const graph: ReturnType<VC['coOffendingGraph']>;
  /** A fitted model: fitNetworkHawkes(data, ...). */
  const model: import('violence-contagion').NetworkHawkesModel;
  /** A ranked list: rankForOutreach(data, ...). */
  const list: ReturnType<VC['rankForOutreach']>;
  /** Tonight's new records, as passed to ingest. */
  const tonight: import('violence-contagion').IngestInput;
  /** A secret pseudonymisation key. */
  const key: import('violence-contagion').PseudonymKey;
  /** A random seed. */
  const seed: number;
  /** CSV text of a police export. */
  const incidentsCsv: string, nominalsCsv: string, crimesCsv: string, nominalDetailsCsv: string;
}
export {};
`;

interface Snippet {
  page: string;
  /** 1-based line of the opening fence. */
  line: number;
  lang: string;
  code: string;
}

function snippets(page: string): Snippet[] {
  const lines = readFileSync(join(ROOT, page), 'utf8').split('\n');
  const out: Snippet[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)(`{3,})\s*([\w-]*)/.exec(lines[i]);
    if (!open) continue;
    const [, indent, ticks, lang] = open;
    let end = i + 1;
    while (end < lines.length && !lines[end].startsWith(`${indent}${ticks}`)) end++;
    if (end === lines.length) throw new Error(`${page}:${i + 1}: unclosed code fence`);
    if (LANGS.has(lang.toLowerCase()) && !(i > 0 && SKIP.test(lines[i - 1]))) {
      const body = lines
        .slice(i + 1, end)
        .map((l) => (l.startsWith(indent) ? l.slice(indent.length) : l));
      out.push({ page, line: i + 1, lang, code: body.join('\n') });
    }
    i = end;
  }
  return out;
}

/** Type-checks the snippets in one program; returns one `page:line: message` per error. */
function check(all: Snippet[]): string[] {
  const dir = join(ROOT, 'node_modules/.docs-snippets'); // virtual: nothing is written
  const files = new Map<string, { text: string; snippet?: Snippet }>();
  files.set(join(dir, 'context.d.ts'), { text: CONTEXT });
  all.forEach((s, i) => {
    // Each block a module of its own (top-level await, own scope); line n of the file is line
    // n of the block, so an error's line maps straight back to the page.
    files.set(join(dir, `s${i}.ts`), { text: `${s.code}\nexport {};\n`, snippet: s });
    // A ```js block must also be JavaScript: its .js twin is parsed only (no types in JS).
    if (/^j/i.test(s.lang))
      files.set(join(dir, `s${i}.js`), { text: `${s.code}\nexport {};\n`, snippet: s });
  });
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    strict: true,
    esModuleInterop: true,
    skipLibCheck: true,
    resolveJsonModule: true,
    types: ['node'],
    noEmit: true,
    allowJs: true,
    checkJs: false,
    paths: {
      'violence-contagion': [join(ROOT, 'src/index.ts')],
      'violence-contagion/node': [join(ROOT, 'src/node/index.ts')],
      'violence-contagion/duckdb': [join(ROOT, 'src/duckdb/index.ts')],
      'npm:violence-contagion': [join(ROOT, 'src/index.ts')], // Observable's specifier
    },
  };
  const host = ts.createCompilerHost(options);
  const { getSourceFile, fileExists, readFile } = host;
  host.fileExists = (f) => files.has(f) || fileExists.call(host, f);
  host.readFile = (f) => files.get(f)?.text ?? readFile.call(host, f);
  host.getSourceFile = (f, lang, ...rest) => {
    const v = files.get(f);
    return v ? ts.createSourceFile(f, v.text, lang) : getSourceFile.call(host, f, lang, ...rest);
  };
  const program = ts.createProgram([...files.keys()], options, host);
  const errors: string[] = [];
  for (const [name, { snippet }] of files) {
    const sf = program.getSourceFile(name);
    if (!sf) throw new Error(`${name} was not loaded`);
    const diags: ts.Diagnostic[] = [...program.getSyntacticDiagnostics(sf)];
    if (!name.endsWith('.js')) diags.push(...program.getSemanticDiagnostics(sf));
    for (const d of diags) {
      const text = ts.flattenDiagnosticMessageText(d.messageText, '\n  ');
      const at = d.start === undefined ? 0 : sf.getLineAndCharacterOfPosition(d.start).line;
      errors.push(
        snippet
          ? `${snippet.page}:${snippet.line + 1 + at}: ${text}`
          : `CONTEXT:${at + 1}: ${text}`,
      );
    }
  }
  return errors;
}

/**
 * Runs a JavaScript block (imports from the library's entries only; names from CONTEXT only
 * when `given` holds them): its imports become look-ups in src/'s entries. Returns what it logged.
 */
async function run(s: Snippet, given: Record<string, unknown> = {}): Promise<string[]> {
  const entries: Record<string, unknown> = {
    'violence-contagion': await import('../../src/index.js'),
    'violence-contagion/node': await import('../../src/node/index.js'),
  };
  const imports = /^import \{([^}]*)\} from '([^']+)';$/gm;
  const code = s.code.replace(imports, (_, names: string, from: string) => {
    if (!(from in entries))
      throw new Error(`${s.page}:${s.line}: cannot run an import from '${from}'`);
    return `const {${names.replace(/\bas\b/g, ':')}} = entries[${JSON.stringify(from)}];`;
  });
  if (/^\s*import\b/m.test(code))
    throw new Error(`${s.page}:${s.line}: an import this runner cannot read`);
  const logged: string[] = [];
  const log = { log: (...a: unknown[]) => logged.push(a.map(String).join(' ')) };
  const AsyncFunction = (async () => {}).constructor as new (
    ...args: string[]
  ) => (...a: unknown[]) => Promise<void>;
  // Names the block takes as given (the page's `data`, …), passed in as real values.
  await new AsyncFunction('entries', 'console', ...Object.keys(given), code)(
    entries,
    log,
    ...Object.values(given),
  );
  return logged;
}

describe('code blocks in README.md, docs/guide/*.md and notebooks/README.md', () => {
  const all = PAGES.flatMap(snippets);

  it('finds the blocks', () => {
    // A floor, not a count: a page can gain blocks; losing most of them means the parser broke.
    expect(all.length).toBeGreaterThanOrEqual(20);
    expect(new Set(all.map((s) => s.page)).size).toBeGreaterThanOrEqual(8);
  });

  it('type-check against src/ (options, return shapes, entries)', () => {
    expect(check(all)).toEqual([]);
  });

  it("README's quick start runs on its synthetic city and logs the explanation its comment shows", async () => {
    const quick = all.find((b) => b.page === 'README.md' && b.code.includes('synthCity('));
    if (!quick) throw new Error('README.md has no quick-start block calling synthCity');
    const logged = await run(quick);
    // The comment under console.log(...) quotes the start of what it prints, up to ', …"'.
    const shown = /console\.log\([^\n]*\n\/\/ "([^"]*?),? …"/.exec(quick.code);
    if (!shown) throw new Error(`${quick.page}:${quick.line}: no // "…" comment after console.log`);
    expect(logged).toHaveLength(1);
    expect(logged[0].slice(0, shown[1].length)).toBe(shown[1]);
  });

  it('synth.md: the misspecified world without contagion runs and has no triggered events', async () => {
    const block = all.find(
      (b) => b.page === 'docs/guide/synth.md' && b.code.includes('misspecifiedWorld('),
    );
    if (!block) throw new Error('docs/guide/synth.md has no block calling misspecifiedWorld');
    // Runs as written, then reads the truth it claims: triggeredShare 0.
    const logged = await run({
      ...block,
      code: `${block.code}\nconsole.log(truth.triggeredShare);`,
    });
    expect(logged).toEqual(['0']);
  });

  it('cascades.md: the null model block gives the summary its comment quotes, on the city it names', async () => {
    const block = all.find(
      (b) => b.page === 'docs/guide/cascades.md' && b.code.includes('retaliationNullModel('),
    );
    if (!block) throw new Error('docs/guide/cascades.md has no block calling retaliationNullModel');
    const shown = /n\.summary; \/\/ "([^"]+)" \(synthCity seed (\d+) with feud: \{\}/.exec(
      block.code,
    );
    if (!shown)
      throw new Error(`${block.page}:${block.line}: no // "…" (synthCity seed n …) comment`);
    const { data } = synthCity({ seed: Number(shown[2]), feud: {} });
    const logged = await run(
      { ...block, code: `${block.code}\nconsole.log(n.summary);` },
      { data },
    );
    expect(logged).toEqual([shown[1]]);
  });

  it("hawkes.md: the comments on a fitted model's fields name every key a default fit returns", async () => {
    const block = all.find(
      (b) => b.page === 'docs/guide/hawkes.md' && b.code.includes('model.parameters; //'),
    );
    if (!block) throw new Error('docs/guide/hawkes.md has no block listing model.parameters');
    const { data } = synthCity({ people: 800, seed: 1, feud: {} });
    const logged = await run(
      {
        ...block,
        code: `${block.code}\nconsole.log(JSON.stringify({ parameters: Object.keys(model.parameters), shares: Object.keys(model.shares), delays: Object.keys(model.delays), events: model.events.columnNames(), cascades: model.cascades.columnNames() }));`,
      },
      { data },
    );
    const keys = JSON.parse(logged[0]) as Record<string, string[]>;
    // A field's comment: its own line and the comment lines under it, up to the next statement.
    const comment = (field: string) => {
      const from = block.code.indexOf(`model.${field};`);
      const next = block.code.slice(from + 1).search(/\nmodel\./);
      return block.code.slice(from, next < 0 ? undefined : from + 1 + next);
    };
    for (const [field, names] of Object.entries(keys))
      for (const name of names)
        expect(comment(field), `model.${field}`).toMatch(new RegExp(`\\b${name}\\b`));
  });
});
