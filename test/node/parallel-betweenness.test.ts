import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Worker } from 'node:worker_threads';
import { DirectedGraph, UndirectedGraph } from 'graphology';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/errors.js';
import { createRng } from '../../src/core/rng.js';
import { type Csr, csrFromArrays, toCsr } from '../../src/graph/csr.js';
import { betweenness } from '../../src/metrics/index.js';
import { betweennessParallel } from '../../src/node/parallel-betweenness.js';
import { ensureBuilt, ROOT } from '../e2e/ensure-built.js';
import { fixtureGraph, nxFixtures } from '../metrics/fixtures.js';

type Rec = Record<string, number>;

/** Same keys, every value within 1e-12 relative (1e-15 absolute near zero). */
function expectSame(actual: Rec, expected: Rec) {
  expect(Object.keys(actual)).toEqual(Object.keys(expected));
  const bad = Object.keys(expected).filter(
    (k) => !(Math.abs(actual[k] - expected[k]) <= 1e-12 * Math.abs(expected[k]) + 1e-15),
  );
  expect(bad).toEqual([]);
}

/** A seeded sparse random graph: `n` people, about 2 ties each, with strengths 1–4. */
function randomGraph(n: number, seed: number, directed = false) {
  const g = directed ? new DirectedGraph() : new UndirectedGraph();
  const rng = createRng(seed);
  for (let i = 0; i < n; i++) g.addNode(`p${i}`);
  for (let e = 0; e < 2 * n; e++) {
    const s = Math.floor(rng.random() * n);
    const t = Math.floor(rng.random() * n);
    if (s !== t && !g.hasEdge(`p${s}`, `p${t}`))
      g.addEdge(`p${s}`, `p${t}`, { count: 1 + Math.floor(rng.random() * 4) });
  }
  return g;
}

// Every worker started in this process, to check none is left running.
const started: Worker[] = [];
const track = (w: Worker) => started.push(w);
beforeEach(() => {
  started.length = 0;
  process.on('worker', track);
});
afterEach(() => {
  process.off('worker', track);
});
const running = () => started.filter((w) => w.threadId !== -1);

describe('betweennessParallel', () => {
  const karate = fixtureGraph('karate');
  const g = randomGraph(2000, 3);

  it('betweennessParallel(karate) equals networkx and betweenness(karate), workers terminated', async () => {
    const got = await betweennessParallel(karate, { threads: 2 });
    expectSame(got, betweenness(karate));
    const nx = nxFixtures.graphs.karate.betweenness as Rec;
    for (const id of Object.keys(nx)) expect(got[id]).toBeCloseTo(nx[id], 10);
    expect(started).toHaveLength(2);
    expect(running()).toEqual([]);
  });

  it('betweennessParallel(karate, { k, seed }) draws the same pivots as betweenness', async () => {
    const options = { k: 10, seed: 5, normalized: false };
    expectSame(
      await betweennessParallel(karate, { ...options, threads: 3 }),
      betweenness(karate, options),
    );
  });

  it('betweennessParallel(graph) equals betweenness on 2,000 people, exact and with 200 pivots', async () => {
    expectSame(await betweennessParallel(g), betweenness(g));
    const sampled = { k: 200, seed: 9 };
    expectSame(await betweennessParallel(g, sampled), betweenness(g, sampled));
    const csr = toCsr(g);
    expectSame(await betweennessParallel(csr, sampled), betweenness(csr, sampled));
    expect(running()).toEqual([]);
  });

  it('betweennessParallel shares tie lengths (Dijkstra) and directed in-ties with the workers', async () => {
    const weighted = { weight: 'count' };
    expectSame(await betweennessParallel(g, weighted), betweenness(g, weighted));
    const d = randomGraph(500, 4, true);
    expectSame(await betweennessParallel(d, { threads: 2 }), betweenness(d));
  });

  it('betweennessParallel.values returns the graph-ordered Float64Array of betweenness.values', async () => {
    const values = await betweennessParallel.values(karate, { threads: 2 });
    expect(values).toBeInstanceOf(Float64Array);
    expectSame(
      { ...values } as unknown as Rec,
      { ...betweenness.values(karate) } as unknown as Rec,
    );
  });

  it('betweennessParallel refuses a one-way listing in the calling thread, with the library error', async () => {
    // A directed 3-cycle given its out-adjacency as in-adjacency: read as undirected, its ties
    // are not listed back. Refused before any worker starts (a worker's error would cross the
    // thread as a plain Error).
    const d = csrFromArrays(['a', 'b', 'c'], [0, 1, 2], [1, 2, 0], null, {
      directed: true,
      order: 'graph',
    });
    const oneWay: Csr = { ...d, index: d.index, inOffsets: d.offsets, inTargets: d.targets };
    await expect(betweennessParallel(oneWay, { threads: 2 })).rejects.toBeInstanceOf(InputError);
    await expect(betweennessParallel(oneWay, { threads: 2 })).rejects.toThrow(/not listed back/);
    expect(started).toEqual([]);
  });

  it('betweennessParallel with threads: 1 runs in the calling thread', async () => {
    expectSame(await betweennessParallel(karate, { threads: 1 }), betweenness(karate));
    expect(started).toEqual([]);
  });

  it('betweennessParallel from dist/node/index.js finds its worker and lets the process exit', async () => {
    await ensureBuilt();
    expect(existsSync(join(ROOT, 'dist/node/betweenness-worker.js'))).toBe(true);
    const edges = karate.mapEdges((_e, _a, s, t) => [s, t]);
    const file = join(mkdtempSync(join(tmpdir(), 'vc-parallel-')), 'run.mjs');
    writeFileSync(
      file,
      `import { betweennessParallel, csrFromArrays } from ${JSON.stringify(pathToFileURL(join(ROOT, 'dist/node/index.js')).href)};
      const ids = ${JSON.stringify(karate.nodes())};
      const edges = ${JSON.stringify(edges)};
      const csr = csrFromArrays(ids, edges.map((e) => ids.indexOf(e[0])), edges.map((e) => ids.indexOf(e[1])), null);
      console.log(JSON.stringify(await betweennessParallel(csr, { threads: 2 })));`,
    );
    // A worker left running would keep the process alive until the timeout kills it.
    const r = spawnSync(process.execPath, [file], { encoding: 'utf8', timeout: 60_000 });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expectSame(JSON.parse(r.stdout), betweenness(karate));
  });
});
