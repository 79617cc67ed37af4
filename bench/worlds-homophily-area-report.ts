/**
 * Tables of bench/worlds-homophily-area.ts (the people table's area or group as the group
 * covariate, and the default fit's shared-risk check with it) and bench/shared-risk-refit-ab.ts
 * (the check's refit before and after holding the fit's kernel), as markdown on stdout.
 *
 *   npx tsx bench/worlds-homophily-area-report.ts <area.jsonl,…> <ab.jsonl,…>
 */
import { readFileSync } from 'node:fs';
import { medianMid as median, medianInterval } from './timing.js';

// biome-ignore lint/suspicious/noExplicitAny: JSON rows of the benches, read as they were written
type Row = Record<string, any>;
const read = (list: string | undefined): Row[] =>
  (list ? list.split(',') : []).flatMap((f) =>
    readFileSync(f, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l)),
  );
// One row per city and config (a run stopped and restarted may have written a seed twice).
function dedupe(rows: Row[], key: (r: Row) => string): Row[] {
  const seen = new Map<string, Row>();
  for (const r of rows) if (!seen.has(key(r))) seen.set(key(r), r);
  return [...seen.values()];
}
const area = dedupe(
  read(process.argv[2]),
  (r) => `${r.world}|${r.contagion}|${r.config}|${r.seed}`,
);
const ab = dedupe(read(process.argv[3]), (r) => `${r.world}|${r.contagion}|${r.seed}`);

const pp = (x: number) => (Number.isFinite(x) ? (100 * x).toFixed(1) : '—');
const pct = (x: number) => (Number.isFinite(x) ? `${(100 * x).toFixed(1)}%` : '—');
const range = (xs: number[]) =>
  xs.length ? `${Math.min(...xs).toFixed(1)}–${Math.max(...xs).toFixed(1)}` : '—';
const worldName: Record<string, string> = {
  shocks: 'neighbourhood drift',
  'group-frailty': 'group multiplier',
};
const configName = (c: string) =>
  c === 'default'
    ? "default fit (its shared-risk check with the people table's group)"
    : c.startsWith('people:')
      ? `groups: 'people', groupEventDays: ${c.slice(7)}`
      : `groups: 'louvain', groupEventDays: ${c.slice(8)}`;

function errorCells(rs: Row[], share: (r: Row) => number, contagion: boolean) {
  const err = rs.map((r) => share(r) - (contagion ? r.trueShare : 0));
  const worst = rs.reduce((a, r) =>
    Math.abs(share(r) - r.trueShare) > Math.abs(share(a) - a.trueShare) ? r : a,
  );
  const ci = medianInterval(err);
  return [
    `${pp(median(err))} [${ci ? `${pp(ci[0])}, ${pp(ci[1])}` : '—'}]`,
    pp(median(err.map(Math.abs))),
    `${pp(share(worst) - worst.trueShare)} (${worst.seed})`,
  ];
}

const out: string[] = [];
out.push(
  '| world | contagion | fit | seeds | true share (median) | share (median) | error pp: median [95% interval of the median] | median abs | worst (seed) | identified | identified and ≥ 5% | warned | CPU s a fit (median) | load |',
  '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|',
);
const worlds = ['shocks', 'group-frailty'];
const configs = [...new Set(area.map((r) => r.config))].sort((a, b) =>
  a === 'default' ? -1 : b === 'default' ? 1 : a.localeCompare(b, 'en', { numeric: true }),
);
for (const w of worlds)
  for (const c of [true, false]) {
    // The fit and the check's refit before (Louvain groups, 730 days) on the same cities, from the A/B.
    const base = ab.filter((r) => r.world === w && r.contagion === c);
    if (base.length) {
      out.push(
        [
          worldName[w],
          c ? 'yes' : 'no',
          'default fit, before any check (its own share)',
          base.length,
          pct(median(base.map((r) => r.trueShare))),
          pct(median(base.map((r) => r.share))),
          ...errorCells(base, (r) => r.share, c),
          '—',
          '—',
          '—',
          '—',
          range(base.map((r) => r.load)),
        ]
          .join(' | ')
          .replace(/^/, '| ')
          .concat(' |'),
      );
      // The check as it ran before this change (Louvain groups): runs from a score of 2.33 or a
      // kernel of 180 days; warns when the refit fits better at 0.1% with a positive group
      // coefficient and reads 2 points lower, or is not identified, or the kernel is slow.
      const louvainReported = (r: Row) => {
        const runs = r.score >= 2.33 || r.kernelMean >= 180;
        const o = r.old;
        const warned =
          runs &&
          o &&
          o.lr > 10.83 &&
          o.groupCoef > 0 &&
          (!o.identified || r.kernelMean >= 180 || o.share <= r.share - 0.02);
        return { share: warned ? o.share : r.share, warned: !!warned };
      };
      if (c)
        out.push(
          [
            worldName[w],
            'yes',
            "default fit with the check's Louvain groups (before this change): the share to report",
            base.length,
            pct(median(base.map((r) => r.trueShare))),
            pct(median(base.map((r) => louvainReported(r).share))),
            ...errorCells(base, (r) => louvainReported(r).share, c),
            base.filter((r) => r.identified).length,
            '—',
            base.filter((r) => louvainReported(r).warned).length,
            '—',
            range(base.map((r) => r.load)),
          ]
            .join(' | ')
            .replace(/^/, '| ')
            .concat(' |'),
        );
      const refit = base.filter((r) => r.old);
      out.push(
        [
          worldName[w],
          c ? 'yes' : 'no',
          "the check's refit before (Louvain groups, 730 days), every city",
          refit.length,
          pct(median(refit.map((r) => r.trueShare))),
          pct(median(refit.map((r) => r.old.share))),
          ...errorCells(refit, (r) => r.old.share, c),
          refit.filter((r) => r.old.identified).length,
          refit.filter((r) => r.old.identified && r.old.share >= 0.05).length,
          '—',
          median(refit.map((r) => r.old.cpu)).toFixed(1),
          range(refit.map((r) => r.load)),
        ]
          .join(' | ')
          .replace(/^/, '| ')
          .concat(' |'),
      );
    }
    for (const cf of configs) {
      const rs = area.filter(
        (r) => r.world === w && r.contagion === c && r.config === cf && 'share' in r,
      );
      if (!rs.length) continue;
      const reported = (r: Row) => (r.refitShare ?? r.share) as number;
      out.push(
        [
          worldName[w],
          c ? 'yes' : 'no',
          cf === 'default'
            ? "default fit with the people table's group: the share to report (the check's refit's when it warned)"
            : configName(cf),
          rs.length,
          pct(median(rs.map((r) => r.trueShare))),
          pct(median(rs.map(reported))),
          ...errorCells(rs, reported, c),
          rs.filter((r) => r.identified).length,
          rs.filter((r) => r.identified && reported(r) >= 0.05).length,
          cf === 'default' ? rs.filter((r) => r.warned).length : '—',
          median(rs.map((r) => r.cpuSeconds)).toFixed(1),
          range(rs.map((r) => r.load)),
        ]
          .join(' | ')
          .replace(/^/, '| ')
          .concat(' |'),
      );
    }
  }

out.push(
  '',
  "### The check's refit, before and after holding the fit's kernel",
  '',
  '| world | contagion | cities | share, after − before: largest \\|Δ\\| (pp) | likelihood ratio: largest \\|Δ\\| | identified the same | EM iterations (median) before / after | refit CPU s (median) before / after | ratio (median of per-city) | the fit, CPU s (median, with the check) | the fit with the check ÷ without it, before → after (median of the cities where the check ran) | load |',
  '|---|---|---|---|---|---|---|---|---|---|---|---|',
);
for (const w of worlds)
  for (const c of [true, false]) {
    const rs = ab.filter((r) => r.world === w && r.contagion === c && r.old && r.new);
    if (!rs.length) continue;
    // Where the check ran, the fit's CPU includes the new refit: without it, fitCpu − new.
    const ran = rs.filter((r) => r.score >= 2.33 || r.kernelMean >= 180);
    const without = (r: Row) => r.fitCpu - r.new.cpu;
    // (Only where the fits ran the Louvain check: the no-contagion A/B rows ran after the check
    // took the people table's groups, so their fit's CPU holds another refit.)
    const slow =
      ran.length && c
        ? `${median(ran.map((r) => (without(r) + r.old.cpu) / without(r))).toFixed(1)} → ${median(ran.map((r) => r.fitCpu / without(r))).toFixed(1)} (${ran.length})`
        : '—';
    out.push(
      `| ${worldName[w]} | ${c ? 'yes' : 'no'} | ${rs.length} | ${Math.max(...rs.map((r) => Math.abs(r.new.share - r.old.share) * 100)).toFixed(3)} | ${Math.max(...rs.map((r) => Math.abs(r.new.lr - r.old.lr))).toFixed(2)} | ${rs.filter((r) => r.new.identified === r.old.identified).length} of ${rs.length} | ${median(rs.map((r) => r.old.em))} / ${median(rs.map((r) => r.new.em))} | ${median(rs.map((r) => r.old.cpu)).toFixed(2)} / ${median(rs.map((r) => r.new.cpu)).toFixed(2)} | ${median(rs.map((r) => r.new.cpu / r.old.cpu)).toFixed(2)} | ${median(rs.map((r) => r.fitCpu)).toFixed(1)} | ${slow} | ${range(rs.map((r) => r.load))} |`,
    );
  }
console.log(out.join('\n'));
