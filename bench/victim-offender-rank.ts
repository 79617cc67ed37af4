/**
 * The ranker with and without `victimOffenderTies` on the victim–offender world (issue #10
 * follow-up, 2026-12-05): bench/worlds-unseen2-harness.ts's world2 with channel
 * 'victim-offender' (contagion along victim–offender ties only: each event of victim v by
 * offender o gives on average α children on o and on each of o's co-offenders, exponential
 * delays of mean 60 days), 3,000 people, α 0.05. At each cut the network Hawkes fit on the
 * records before it ranks everyone by `model.risk` over 90 days (the score rankForOutreach
 * lists by), without the option, with 'direct' and with 'sides'; the top 1% is compared with
 * the oracle's top 1%.
 *
 * The oracle is the generator's own expected events in [cut, cut + 90) given the records before
 * the cut: μ₀ × the days at risk (from the day after the first ordinary record) plus, for every
 * serious event before the cut, α × the delay's mass in the horizon for each person on its
 * offender's side (the offender and their co-offenders tied strictly before the event's day), as
 * world2 draws them. It leaves out later generations inside the horizon (events of the horizon
 * triggering more in it), which are the same mechanism one step on. "Expected hits" of a list
 * are the oracle's expected events of the people on it; "hits" the events that happened to them.
 *
 *   nice -n 19 npx tsx bench/victim-offender-rank.ts [seeds=4] [people=3000] [out=bench/results/victim-offender-rank-2026-12-05.md]
 */
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fitNetworkHawkes } from '../src/contagion/hawkes/index.js';
import type { Dataset } from '../src/core/types.js';
import { world2 } from './worlds-unseen2-harness.js';

const seeds = Number(process.argv[2] ?? 4);
const people = Number(process.argv[3] ?? 3000);
const out = process.argv[4] ?? 'bench/results/victim-offender-rank-2026-12-05.md';
const ALPHA = 0.05;
const MU = 1e-4;
const MEAN = 60;
const H = 90;

const before = (data: Dataset, cut: number): Dataset => {
  const incidents = data.incidents.filter((i) => i.day < cut);
  const keep = new Set(incidents.map((i) => i.incident_id));
  return {
    ...data,
    incidents,
    involvements: data.involvements.filter((v) => keep.has(v.incident_id)),
  };
};

/** The generator's first-generation expected events of everyone in [cut, cut + H). */
function oracle(data: Dataset, cut: number, end: number): Map<string, number> {
  const day = new Map(data.incidents.map((i) => [i.incident_id, i.day]));
  const serious = (id: string) => id.startsWith('W-') || id.startsWith('M-');
  const entry = new Map<string, number>();
  const coOff = new Map<string, Map<string, number>>(); // first shared ordinary offence day
  const rows = new Map<string, { off: string[]; vic: string[] }>();
  for (const v of data.involvements) {
    let r = rows.get(v.incident_id);
    if (!r) rows.set(v.incident_id, (r = { off: [], vic: [] }));
    if (v.role === 'offender') r.off.push(v.person_id);
    if (v.role === 'victim') r.vic.push(v.person_id);
  }
  for (const inc of data.incidents) {
    if (serious(inc.incident_id)) continue;
    const r = rows.get(inc.incident_id);
    if (!r) continue;
    for (const p of [...r.off, ...r.vic]) if (!(entry.get(p)! <= inc.day)) entry.set(p, inc.day);
    for (const a of r.off)
      for (const b of r.off) {
        if (a === b) continue;
        let m = coOff.get(a);
        if (!m) coOff.set(a, (m = new Map()));
        if (!(m.get(b)! <= inc.day)) m.set(b, inc.day);
      }
  }
  const expected = new Map<string, number>();
  // Background over (entry + 1, end) ∩ [cut, cut + H).
  for (const [p, e] of entry) {
    const a = Math.max(cut, e + 1);
    const b = Math.min(cut + H, end);
    expected.set(p, b > a ? MU * (b - a) : 0);
  }
  const mass = (t: number) =>
    Math.exp(-(cut - t) / MEAN) - Math.exp(-(Math.min(cut + H, end) - t) / MEAN);
  for (const inc of data.incidents) {
    if (!serious(inc.incident_id) || !(inc.day < cut)) continue;
    const r = rows.get(inc.incident_id);
    if (!r) continue;
    const t = day.get(inc.incident_id)! + 0.5; // drawn within the day
    for (const o of r.off) {
      const side = [
        o,
        ...[...(coOff.get(o) ?? new Map()).entries()]
          .filter(([, d]) => d < inc.day)
          .map(([q]) => q),
      ];
      for (const k of side)
        expected.set(k, (expected.get(k) ?? 0) + ALPHA * mass(t) * r.vic.length);
    }
  }
  return expected;
}

function topShare(score: Map<string, number>, population: string[], k: number): string[] {
  return [...population]
    .sort((a, b) => (score.get(b) ?? 0) - (score.get(a) ?? 0) || (a < b ? -1 : 1))
    .slice(0, k);
}

const lines: string[] = [];
const rows: string[] = [];
const variants = [
  ['default', {}],
  ['direct', { victimOffenderTies: 'direct' as const }],
  ['sides', { victimOffenderTies: 'sides' as const }],
] as const;
const sums: Record<string, { eh: number; hits: number; oracleEh: number; oracleHits: number }> = {};
const t0 = Date.now();
for (let seed = 1; seed <= seeds; seed++) {
  const w = world2({ seed, people, alpha: ALPHA, channel: 'victim-offender' });
  const last = Math.max(...w.data.incidents.map((i) => i.day));
  const end = last + 1;
  for (const back of [365, 180]) {
    const cut = Math.floor(end - back);
    const past = before(w.data, cut);
    const truth = oracle(w.data, cut, end);
    const happened = new Map<string, number>();
    const vic = new Map<string, string[]>();
    for (const v of w.data.involvements)
      if (v.role === 'victim')
        vic.set(v.incident_id, [...(vic.get(v.incident_id) ?? []), v.person_id]);
    for (const inc of w.data.incidents)
      if (inc.severity >= 3 && inc.day >= cut && inc.day < cut + H)
        for (const p of vic.get(inc.incident_id) ?? []) happened.set(p, (happened.get(p) ?? 0) + 1);
    const population = [...new Set(past.involvements.map((v) => v.person_id))];
    const k = Math.max(1, Math.round(population.length / 100));
    const oracleTop = topShare(truth, population, k);
    const eh = (list: string[]) => list.reduce((a, p) => a + (truth.get(p) ?? 0), 0);
    const hits = (list: string[]) => list.reduce((a, p) => a + (happened.get(p) ?? 0), 0);
    const oEh = eh(oracleTop);
    const oHits = hits(oracleTop);
    const cells: string[] = [];
    for (const [name, opts] of variants) {
      const s = Date.now();
      const model = fitNetworkHawkes(past, { asOf: cut, standardErrors: false, ...opts });
      const risk = new Map(
        model.risk(population, { from: cut, horizonDays: H }).map((r) => [r.person_id, r.expected]),
      );
      const top = topShare(risk, population, k);
      const e = eh(top);
      const h = hits(top);
      sums[name] ??= { eh: 0, hits: 0, oracleEh: 0, oracleHits: 0 };
      sums[name].eh += e;
      sums[name].hits += h;
      sums[name].oracleEh += oEh;
      sums[name].oracleHits += oHits;
      cells.push(`${name} ${((100 * e) / oEh).toFixed(1)}% (${h} hits)`);
      lines.push(
        JSON.stringify({
          seed,
          cut: new Date(cut * 864e5).toISOString().slice(0, 10),
          variant: name,
          k,
          expectedHits: e,
          oracleExpectedHits: oEh,
          hits: h,
          oracleHits: oHits,
          alphaVo: model.parameters.alphaVictimOffender ?? null,
          alpha: model.parameters.alpha,
          seconds: (Date.now() - s) / 1000,
          load: loadavg()[0],
        }),
      );
      console.log(lines[lines.length - 1]);
    }
    rows.push(
      `| ${seed} | ${new Date(cut * 864e5).toISOString().slice(0, 10)} | ${k} | ${oEh.toFixed(2)} (${oHits}) | ${cells.join(' · ')} |`,
    );
  }
}
const total = Object.entries(sums).map(
  ([name, s]) =>
    `| ${name} | ${((100 * s.eh) / s.oracleEh).toFixed(1)}% | ${s.eh.toFixed(2)} of ${s.oracleEh.toFixed(2)} | ${s.hits} of ${s.oracleHits} |`,
);
const md = `# Victim–offender ties in the ranker (2026-12-05)

\`npx tsx bench/victim-offender-rank.ts ${seeds} ${people}\` — world2 (bench/worlds-unseen2-harness.ts), channel
'victim-offender', ${people} people, α ${ALPHA}, exponential delays of mean ${MEAN} days; cuts 365 and 180 days before
the last record, horizon ${H} days, top 1% of everyone with a record before the cut, ranked by
\`model.risk\` (what rankForOutreach lists by). The oracle: the generator's background and first
generation given the records before the cut (see the script). ${Math.round((Date.now() - t0) / 1000)} s wall, load ${loadavg()
  .map((x) => x.toFixed(1))
  .join(' ')} at the end.

Top-1% expected hits as a share of the oracle's, over all cuts (sum of expected hits; realised
hits beside):

| fit | expected hits / oracle's | expected hits | hits (realised) |
|---|---|---|---|
${total.join('\n')}

Per cut (oracle's expected hits, realised in brackets; each fit's share of the oracle's expected hits and its realised hits):

| seed | cut | k | oracle | fits |
|---|---|---|---|---|
${rows.join('\n')}

Raw lines:

\`\`\`
${lines.join('\n')}
\`\`\`
`;
writeFileSync(out, md);
console.log(md);
