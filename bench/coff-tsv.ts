/**
 * Reads one edge-list file from bench/metrics-generate.ts (`bench/data/coff-<scale>.tsv`: a header
 * line whose third and fifth words are the node and tie counts, then `source<TAB>target<TAB>weight`
 * rows of non-negative integers) into typed arrays. Shared by the metrics benches.
 */
import { readFileSync } from 'node:fs';

export interface CoffEdges {
  n: number;
  m: number;
  src: Int32Array;
  dst: Int32Array;
  w: Float64Array;
  /** Node ids '0' … 'n − 1'. */
  ids: string[];
}

export function readCoffTsv(scale: string): CoffEdges {
  const text = readFileSync(new URL(`./data/coff-${scale}.tsv`, import.meta.url), 'utf8');
  const header = text.slice(0, text.indexOf('\n')).split(/\s+/);
  const n = Number(header[2]);
  const m = Number(header[4]);
  const src = new Int32Array(m);
  const dst = new Int32Array(m);
  const w = new Float64Array(m);
  let e = 0;
  let field = 0;
  let num = 0;
  for (let i = text.indexOf('\n') + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 9 || c === 10) {
      if (field === 0) src[e] = num;
      else if (field === 1) dst[e] = num;
      else w[e] = num;
      num = 0;
      if (c === 10) {
        field = 0;
        e++;
      } else field++;
    } else num = num * 10 + (c - 48);
  }
  return { n, m, src, dst, w, ids: Array.from({ length: n }, (_, i) => String(i)) };
}
