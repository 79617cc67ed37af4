/** Wall-clock and CPU (user + system, all threads of the process, GC included) ms of one call. */
export function time<T>(f: () => T): { ms: number; cpuMs: number; value: T } {
  const c = process.cpuUsage();
  const t = performance.now();
  const value = f();
  const u = process.cpuUsage(c);
  return { ms: performance.now() - t, cpuMs: (u.user + u.system) / 1000, value };
}

/** The median (upper median for an even count). */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** The median of a list (the mean of the two middle values for an even count; NaN when empty). */
export function medianMid(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  return n === 0 ? Number.NaN : n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
}

/** Distribution-free 95% interval of the median: order statistics by the binomial(n, ½). */
export function medianInterval(xs: readonly number[]): [number, number] | null {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  let k = -1;
  for (let j = 0; j < n / 2; j++) {
    // P(B ≤ j) for B ~ Bin(n, ½)
    let p = 0;
    let c = 1;
    for (let i = 0; i <= j; i++) {
      p += c;
      c = (c * (n - i)) / (i + 1);
    }
    if (p / 2 ** n <= 0.025) k = j;
    else break;
  }
  return k < 0 ? null : [s[k], s[n - 1 - k]];
}
