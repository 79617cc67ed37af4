/**
 * The people table's area as the group covariate on the homophily worlds (2026-12-05, issue #10;
 * see bench/worlds-homophily-harness.ts). A police export usually gives each person an area (beat,
 * ward, neighbourhood): with `groups: 'people'` and that area as the people table's `group`, does
 * the group covariate hold the risk tied people share where the default's shared-risk check (its
 * refit with Louvain groups over 730 days) leaves the share 3–4 points high?
 *
 * Each city is fitted with every config: `default` (fitNetworkHawkes(data): the share, and the
 * shared-risk warning's refit share when it warned), `people:D` (groups: 'people',
 * groupEventDays: D, the people table's group being the person's home area in 'shocks' — the area
 * whose drift they carry — and synthCity's group in 'group-frailty'), `louvain:D` (the Louvain
 * groups, as the check's refit). One JSON line per city and config to `out`; bench/worlds-homophily-area-report.ts
 * makes the table.
 *
 *   nice -n 10 npx tsx bench/worlds-homophily-area.ts [seeds=20] [worlds=shocks:yes,shocks:no,group-frailty:yes,group-frailty:no] [configs=default,people:90,people:365,people:730] [out=/tmp/homophily-area.jsonl]
 *   FIRST_SEED=k (default 1)
 */
import { appendFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fitNetworkHawkes } from '../src/contagion/hawkes/index.js';
import type { NetworkHawkesOptions } from '../src/contagion/hawkes/types.js';
import type { Dataset } from '../src/core/types.js';
import { ALPHA } from './worlds-homophily-alpha.js';
import { type HomophilyWorld, homophilyCity } from './worlds-homophily-harness.js';

const seeds = Number(process.argv[2] ?? 20);
const worlds = (process.argv[3] ?? 'shocks:yes,shocks:no,group-frailty:yes,group-frailty:no').split(
  ',',
);
const configs = (process.argv[4] ?? 'default,people:90,people:365,people:730').split(',');
const out = process.argv[5] ?? '/tmp/homophily-area.jsonl';
const first = Number(process.env.FIRST_SEED ?? 1);
const bad = (s: string) => /NaN|Infinity|undefined|-0\.0+\b/.test(s);

function options(config: string): NetworkHawkesOptions {
  if (config === 'default') return {};
  const [groups, days] = config.split(':');
  if (groups !== 'people' && groups !== 'louvain') throw new Error(`unknown config ${config}`);
  return { groups, groupEventDays: Number(days) };
}

for (const w of worlds) {
  const [world, c] = w.split(':') as [HomophilyWorld, string];
  if (!(world in ALPHA)) throw new Error(`unknown world ${world}`);
  for (let seed = first; seed < first + seeds; seed++) {
    const alpha = c === 'yes' ? ALPHA[world] : 0;
    const city = homophilyCity({ seed, world, alpha });
    // The person's area as the people table's group (the drift world); the group world keeps
    // synthCity's groups, whose multiplier its members share.
    const area = city.homeArea;
    const data: Dataset = area
      ? { ...city.data, people: city.data.people.map((p, k) => ({ ...p, group: area[k] })) }
      : city.data;
    for (const config of configs) {
      const row: Record<string, unknown> = {
        world,
        contagion: c === 'yes',
        seed,
        config,
        events: city.events,
        trueShare: city.trueShare,
      };
      const t = performance.now();
      const cpu = process.cpuUsage();
      try {
        const m = fitNetworkHawkes(data, options(config));
        const warned = m.warnings.find((x) => x.startsWith('Risk is shared by tied people'));
        const refit = warned ? /finds a share of ([\d.]+)%/.exec(warned) : null;
        Object.assign(row, {
          share: m.contagionShare,
          identified: m.identified,
          kernelMean: m.kernel.meanDays,
          groupCoef: m.parameters.covariates.group_recent_events ?? null,
          warned: warned !== undefined,
          refitShare: refit ? Number(refit[1]) / 100 : null,
          warnings: m.warnings.map((x) => x.slice(0, 90)),
          badText: m.warnings.filter(bad).length,
        });
      } catch (e) {
        row.error = `${(e as Error).name}: ${(e as Error).message}`.slice(0, 300);
      }
      const used = process.cpuUsage(cpu);
      row.seconds = (performance.now() - t) / 1000;
      row.cpuSeconds = (used.user + used.system) / 1e6;
      row.load = loadavg()[0];
      appendFileSync(out, `${JSON.stringify(row)}\n`);
      const pct = (x: unknown) => (typeof x === 'number' ? `${(100 * x).toFixed(1)}%` : '-');
      console.log(
        `${w} ${seed} ${config}: true ${pct(city.trueShare)} fit ${row.error ?? pct(row.share)} id ${row.identified} refit ${pct(row.refitShare)} k ${typeof row.kernelMean === 'number' ? row.kernelMean.toFixed(0) : '-'} γ ${typeof row.groupCoef === 'number' ? row.groupCoef.toFixed(2) : '-'} ${(row.seconds as number).toFixed(1)}s load ${(row.load as number).toFixed(1)}`,
      );
    }
  }
}
