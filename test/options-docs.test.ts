import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { ENTRIES, entriesProgram } from './entries-program.js';

/**
 * Every optional option of every exported function names its default in its TSDoc (STYLE.md: "a
 * doc comment on every option, with its default and unit"). The options object is each
 * function's parameter named `options`/`option` or typed `…Options`, read from the package's
 * entries with the TypeScript compiler (one program, shared: test/entries-program.ts). The
 * sweep of 2026-12-05 found thirteen without one (`pseudonymise` of four functions,
 * `intervention`, `severityMap`, `roleSynonyms`, `weaponSynonyms`, `weights` twice, three
 * progress callbacks); a new one fails here.
 */
function undocumentedDefaults(): string[] {
  const program = entriesProgram();
  const checker = program.getTypeChecker();
  const out = new Set<string>();
  for (const entry of ENTRIES) {
    const file = program.getSourceFile(entry);
    const module = file && checker.getSymbolAtLocation(file);
    if (!module) throw new Error(`no module for ${entry}`);
    for (const exported of checker.getExportsOfModule(module)) {
      const symbol =
        exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
      if (!(symbol.flags & ts.SymbolFlags.Function)) continue;
      for (const decl of symbol.declarations ?? []) {
        if (!ts.isFunctionDeclaration(decl)) continue;
        for (const p of decl.parameters) {
          const type = checker.getTypeAtLocation(p);
          if (!/^options?$/.test(p.name.getText()) && !/Options\b/.test(checker.typeToString(type)))
            continue;
          const object = checker.getNonNullableType(type);
          if (object.isUnion()) continue; // a choice of shapes (`true | {…}`): each is its own type
          for (const prop of object.getProperties()) {
            if (!(prop.flags & ts.SymbolFlags.Optional)) continue; // required: no default
            const doc = ts.displayPartsToString(prop.getDocumentationComment(checker));
            if (!/\bdefaults?\b/i.test(doc)) out.add(`${symbol.name}: ${prop.name}`);
          }
        }
      }
    }
  }
  return [...out].sort();
}

describe("the options' TSDoc", () => {
  it('every optional option of an exported function says its default', () => {
    expect(undocumentedDefaults()).toEqual([]);
  });
});
