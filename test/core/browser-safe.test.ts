import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../../src');
const files = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );

describe('the main entry is browser-safe', () => {
  it('no module outside src/node and src/cli imports a node: built-in', () => {
    const offenders = files(root)
      .map((f) => relative(root, f))
      .filter((f) => !f.startsWith('node/') && !f.startsWith('cli/'))
      .filter((f) =>
        /from\s+['"]node:|require\(['"]node:|import\(['"]node:/.test(
          readFileSync(join(root, f), 'utf8'),
        ),
      );
    expect(offenders).toEqual([]);
  });

  it('no module of the main entry imports from src/node or src/cli', () => {
    const offenders: string[] = [];
    for (const file of files(root)) {
      const rel = relative(root, file);
      if (rel.startsWith('node/') || rel.startsWith('cli/')) continue;
      for (const m of readFileSync(file, 'utf8').matchAll(/from\s+['"](\.[^'"]+)['"]/g)) {
        const target = relative(root, resolve(dirname(file), m[1]));
        if (target.startsWith('node/') || target.startsWith('cli/'))
          offenders.push(`${rel} → ${m[1]}`);
      }
    }
    expect(offenders).toEqual([]);
  });
});
