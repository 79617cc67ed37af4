// CPU of retaliations, groupReciprocity and exposureCounts on the benchmark city (110k people, ~1M
// incidents), min and median of 7 runs; compare two checkouts: npx tsx bench/retaliations-cpu.mts <repo root>
const root = process.argv[2];
const { synthCity } = await import(`${root}/src/synth/city.js`);
const { indexDataset } = await import(`${root}/src/core/dataset-index.js`);
const { retaliations } = await import(`${root}/src/contagion/retaliations.js`);
const { groupReciprocity } = await import(`${root}/src/contagion/group-reciprocity.js`);
const { exposureCounts } = await import(`${root}/src/contagion/exposure.js`);
const { data } = synthCity({
  people: 110_000,
  seed: 1,
  feud: { rivalries: 100 },
  contagion: { mu: 5e-6 },
});
const cpu = (f: () => unknown) => {
  const c = process.cpuUsage();
  const t = performance.now();
  f();
  const d = process.cpuUsage(c);
  return [(d.user + d.system) / 1000, performance.now() - t];
};
const [ic, iw] = cpu(() => indexDataset(data));
const index = indexDataset(data);
console.log(`indexDataset CPU ${ic.toFixed(0)} ms wall ${iw.toFixed(0)} ms`);
for (const [name, f] of [
  ['retaliations', () => retaliations(index)],
  ['groupReciprocity', () => groupReciprocity(index)],
  ['exposureCounts', () => exposureCounts(index)],
] as const) {
  const xs: number[] = [];
  const ws: number[] = [];
  for (let r = 0; r < 7; r++) {
    const [c, w] = cpu(f);
    xs.push(c);
    ws.push(w);
  }
  xs.sort((a, b) => a - b);
  ws.sort((a, b) => a - b);
  console.log(
    `${name}: CPU min ${xs[0].toFixed(0)} median ${xs[3].toFixed(0)} ms; wall min ${ws[0].toFixed(0)} median ${ws[3].toFixed(0)} ms`,
  );
}
