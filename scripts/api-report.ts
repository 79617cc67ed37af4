// The API report: every name each package entry exports, with its kind and signature, in a
// checked-in file (etc/api-report.md), so that a change to the public face is a visible diff in
// review. `.ci/run` compares; after an intended change, regenerate it:
//
//   npx tsx scripts/api-report.ts            # compare with etc/api-report.md (exit 1 on a difference)
//   npx tsx scripts/api-report.ts --update   # rewrite etc/api-report.md
//
// Built from the sources with the TypeScript compiler (no build needed). Interfaces list their
// members; functions their call signatures and published properties (`fn.defaults`, `fn.detailed`).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

const root = join(import.meta.dirname, '..');
const REPORT = join(root, 'etc/api-report.md');
/** Package subpath → source entry (as in package.json "exports"). */
const ENTRIES: Record<string, string> = {
  'violence-contagion': 'src/index.ts',
  'violence-contagion/node': 'src/node/index.ts',
  'violence-contagion/duckdb': 'src/duckdb/index.ts',
  'violence-contagion/internals': 'src/internals.ts',
};

/** Stage barrels: each name they export must be placed in src/index.ts or src/internals.ts. */
const STAGES = ['contagion', 'core', 'graph', 'ingest', 'metrics', 'outreach', 'report', 'synth'];

const program = ts.createProgram(
  [...Object.values(ENTRIES), ...STAGES.map((s) => `src/${s}/index.ts`)].map((f) => join(root, f)),
  {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    strict: true,
    skipLibCheck: true,
    noEmit: true,
    types: ['node'],
    lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
  },
);
const checker = program.getTypeChecker();
const FLAGS =
  ts.TypeFormatFlags.NoTruncation |
  ts.TypeFormatFlags.WriteArrowStyleSignature |
  ts.TypeFormatFlags.UseAliasDefinedOutsideCurrentScope;
const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();
const typeText = (t: ts.Type, at: ts.Node) => oneLine(checker.typeToString(t, at, FLAGS));

/** A declaration's type as written in the source (stable), else as the checker prints it. */
function declared(symbol: ts.Symbol, at: ts.Node): string {
  const d = symbol.valueDeclaration ?? symbol.declarations?.[0];
  if (
    d &&
    (ts.isPropertySignature(d) || ts.isPropertyDeclaration(d) || ts.isVariableDeclaration(d))
  )
    if (d.type) return oneLine(d.type.getText());
  if (d && (ts.isMethodSignature(d) || ts.isMethodDeclaration(d) || ts.isFunctionDeclaration(d)))
    return signature(d);
  return typeText(checker.getTypeOfSymbolAtLocation(symbol, at), at);
}

/** `(params): result` from the declaration's text (return type inferred when not written). */
function signature(d: ts.SignatureDeclaration): string {
  const params = d.parameters.map((p) => oneLine(p.getText())).join(', ');
  const typeParams = d.typeParameters
    ? `<${d.typeParameters.map((t) => oneLine(t.getText())).join(', ')}>`
    : '';
  let result = d.type ? oneLine(d.type.getText()) : '';
  if (!result) {
    const s = checker.getSignatureFromDeclaration(d);
    result = s ? typeText(checker.getReturnTypeOfSignature(s), d) : 'unknown';
  }
  return `${typeParams}(${params}): ${result}`;
}

function describe(name: string, exported: ts.Symbol): string[] {
  const symbol =
    exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
  const decl = symbol.declarations?.[0];
  if (!decl) return [`unknown ${name}`];
  const out: string[] = [];
  const f = symbol.flags;
  const members = (type: ts.Type, prefix: string) => {
    for (const p of checker.getPropertiesOfType(type)) {
      if (p.name.startsWith('_') || p.name === 'stack') continue;
      const optional = p.flags & ts.SymbolFlags.Optional ? '?' : '';
      out.push(`  ${prefix}${p.name}${optional}: ${declared(p, decl)}`);
    }
  };
  if (f & ts.SymbolFlags.Class) {
    out.push(`class ${name}`);
    members(checker.getDeclaredTypeOfSymbol(symbol), '');
  } else if (f & ts.SymbolFlags.Function) {
    for (const d of symbol.declarations ?? [])
      if (ts.isFunctionDeclaration(d) && (d.body || (symbol.declarations?.length ?? 0) === 1))
        out.push(`function ${name}${signature(d)}`);
      else if (ts.isFunctionDeclaration(d)) out.push(`function ${name}${signature(d)} (overload)`);
    const type = checker.getTypeOfSymbolAtLocation(symbol, decl);
    members(type, `${name}.`);
  } else if (f & ts.SymbolFlags.Variable) {
    out.push(`const ${name}: ${declared(symbol, decl)}`);
  } else if (f & ts.SymbolFlags.Interface) {
    out.push(`interface ${name}`);
    members(checker.getDeclaredTypeOfSymbol(symbol), '');
  } else if (f & ts.SymbolFlags.TypeAlias) {
    const node = decl as ts.TypeAliasDeclaration;
    out.push(`type ${name} = ${oneLine(node.type.getText())}`);
  } else if (f & ts.SymbolFlags.Enum) {
    out.push(`enum ${name}`);
  } else {
    out.push(`other ${name}`);
  }
  return out;
}

function report(): string {
  const main = new Set<string>();
  const lines = [
    '# API report',
    '',
    'Generated by `npx tsx scripts/api-report.ts --update`; checked by `.ci/run`. A change here is a',
    'change to what users can import: review it as such.',
    '',
  ];
  for (const [subpath, file] of Object.entries(ENTRIES)) {
    const source = program.getSourceFile(join(root, file));
    if (!source) throw new Error(`api-report: cannot read ${file}`);
    const module = checker.getSymbolAtLocation(source);
    if (!module) throw new Error(`api-report: ${file} is not a module`);
    const all = checker.getExportsOfModule(module).sort((a, b) => (a.name < b.name ? -1 : 1));
    // An entry re-exporting the main one (node) lists only what it adds.
    const exports = all.filter((e) => !main.has(e.name));
    const again = all.length - exports.length;
    if (main.size === 0) for (const e of all) main.add(e.name);
    let values = 0;
    const body: string[] = [];
    for (const e of exports) {
      const resolved = e.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(e) : e;
      if (resolved.flags & ts.SymbolFlags.Value) values++;
      body.push(...describe(e.name, e));
    }
    lines.push(
      `## ${subpath}`,
      '',
      `${values} values, ${exports.length - values} types only${again ? ` (and the ${again} names of violence-contagion)` : ''}.`,
      '',
      '```ts',
      ...body,
      '```',
      '',
    );
  }
  return lines.join('\n');
}

/** Names a stage barrel (src/<stage>/index.ts) exports that neither entry does: a decision missed. */
function unplaced(): string[] {
  const entries = ['src/index.ts', 'src/internals.ts'].map((f) => {
    const m = checker.getSymbolAtLocation(program.getSourceFile(join(root, f))!)!;
    return new Set(checker.getExportsOfModule(m).map((e) => e.name));
  });
  const out: string[] = [];
  for (const stage of STAGES) {
    const source = program.getSourceFile(join(root, `src/${stage}/index.ts`));
    const m = source && checker.getSymbolAtLocation(source);
    if (!m) continue;
    for (const e of checker.getExportsOfModule(m))
      if (!entries.some((s) => s.has(e.name))) out.push(`src/${stage}/index.ts: ${e.name}`);
  }
  return out;
}

const missing = unplaced();
if (missing.length) {
  console.error(
    `api-report: exported by a stage but by no entry (add each to src/index.ts if users need it, else to src/internals.ts):\n  ${missing.join('\n  ')}`,
  );
  process.exit(1);
}
const text = report();
if (process.argv.includes('--update')) {
  writeFileSync(REPORT, text);
  console.log(`api-report: wrote ${REPORT}`);
} else {
  let old = '';
  try {
    old = readFileSync(REPORT, 'utf8');
  } catch {}
  if (old === text) {
    console.log('api-report: the public API matches etc/api-report.md');
  } else {
    const a = new Set(old.split('\n'));
    const b = new Set(text.split('\n'));
    for (const l of a) if (!b.has(l)) console.log(`- ${l}`);
    for (const l of b) if (!a.has(l)) console.log(`+ ${l}`);
    console.error(
      'api-report: the public API differs from etc/api-report.md (lines above). If intended, run\n' +
        '  npx tsx scripts/api-report.ts --update\nand commit the report with the change.',
    );
    process.exit(1);
  }
}
