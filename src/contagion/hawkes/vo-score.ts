import { ROLE_CODE } from '../../core/dataset-index.js';
import type { BackgroundDesign } from './background.js';
import { type KernelSpec, kernelDensity, kernelMassOf, pushWithExits } from './engine.js';
import { eventsAfter, eventsFrom, type HawkesData, voCarries } from './prepare.js';

/**
 * The parts U and V of the victim–offender score of a fit without victim–offender ties: U =
 * Σ_i e_i / λ_i − C and V = Σ_i (e_i / λ_i)², with e_i the kernel `k` summed over the events that
 * would excite event i along the ties `victimOffenderTies: 'sides'` makes (the people one harmed
 * or was harmed by, and their co-offenders: {@link HawkesData.voIn}), λ_i the fit's intensity at
 * event i (`lambda`; 0 where not modelled) and C the kernel mass those events carry over their
 * tied people's time at risk — ∂ℓ/∂α_vo at α_vo = 0, as the engine computes it for a fit with
 * those ties (`excitationSlopesAtZero`), with any kernel: one U and V per kernel of `kernels`
 * (of one maximum lag). Only the ties from people with events
 * are made (what U and V read): a 'sides' fit makes every person's, 4.8 million on the
 * 100,000-person speed city (7 s), against the few thousand people with events here.
 */
export function victimOffenderScoreParts(
  hd: HawkesData,
  bg: BackgroundDesign,
  kernels: readonly KernelSpec[],
  lambda: Float64Array,
): { u: Float64Array; v: Float64Array } {
  const nk = kernels.length;
  const maxLag = Math.max(...kernels.map((k) => k.maxLag));
  const { index, staticTies, personEvOffset, personEv, evDay, evPerson } = hd;
  const { personIncOffset, personInc, invOffset, invPerson, invRole, day } = index;
  const { lo, hi } = hd.window;
  const VIC = ROLE_CODE.victim;
  const OFF = ROLE_CODE.offender;
  const n = hd.nPeople;
  // Targets of each source (a person with events): who their events would excite, from when.
  const srcOffset = new Int32Array(n + 1);
  const tgt: number[] = [];
  const tStart: number[] = [];
  const tStrict: number[] = [];
  // Scratch per source: each target's earliest (start, strict), kept in place (a stamp says which
  // source wrote it), and the targets met. No sort of the candidates: a 300-offender,
  // 300-victim incident offers each of its victims 90,000 (its offenders' co-offenders), and
  // sorting them took 6.4 s CPU of a 5,000-person fit's 8.9 s.
  const seenBy = new Int32Array(n).fill(-1);
  const bestStart = new Float64Array(n);
  const bestStrict = new Uint8Array(n);
  let met = new Int32Array(64);
  let nMet = 0;
  let j = 0;
  const offer = (q: number, s: number, strict: number) => {
    if (seenBy[q] !== j) {
      seenBy[q] = j;
      bestStart[q] = s;
      bestStrict[q] = strict;
      if (nMet === met.length) {
        const grown = new Int32Array(2 * met.length);
        grown.set(met);
        met = grown;
      }
      met[nMet++] = q;
    } else if (s < bestStart[q] || (s === bestStart[q] && strict < bestStrict[q])) {
      bestStart[q] = s;
      bestStrict[q] = strict;
    }
  };
  const direct: number[] = [];
  const directStart: number[] = [];
  for (j = 0; j < n; j++) {
    srcOffset[j] = tgt.length;
    if (personEvOffset[j + 1] === personEvOffset[j]) continue;
    nMet = 0;
    for (let x = personIncOffset[j]; x < personIncOffset[j + 1]; x++) {
      const inc = personInc[x];
      if (inc < lo || inc >= hi) continue;
      let mine = -1;
      for (let e = invOffset[inc]; e < invOffset[inc + 1]; e++)
        if (invPerson[e] === j && (invRole[e] === VIC || invRole[e] === OFF)) {
          // A person both victim and offender of one incident is tied to every other party.
          mine = mine === -1 || mine === invRole[e] ? invRole[e] : -2;
        }
      if (mine === -1) continue;
      const s = staticTies ? Number.NEGATIVE_INFINITY : day[inc];
      for (let e = invOffset[inc]; e < invOffset[inc + 1]; e++) {
        const q = invPerson[e];
        if (q === j) continue;
        const r = invRole[e];
        const tied = (mine !== OFF && r === OFF) || (mine !== VIC && r === VIC);
        if (tied) offer(q, s, 0);
      }
    }
    // 'sides': from j to the co-offenders of each direct target, from the later of the two
    // ties' days; the earliest direct tie to a target gives the earliest through it.
    direct.length = 0;
    directStart.length = 0;
    for (let x = 0; x < nMet; x++) {
      direct.push(met[x]);
      directStart.push(bestStart[met[x]]);
    }
    for (let d = 0; d < direct.length; d++) {
      const q = direct[d];
      const s = directStart[d];
      for (let e = hd.tieOffset[q]; e < hd.tieOffset[q + 1]; e++) {
        const r = hd.tieNeighbour[e];
        if (r === j) continue;
        const c = hd.tieStart[e];
        if (c >= s) offer(r, c, staticTies ? 0 : 1);
        else offer(r, s, 0);
      }
    }
    const targets = met.subarray(0, nMet).sort();
    for (let x = 0; x < nMet; x++) {
      const q = targets[x];
      tgt.push(q);
      tStart.push(bestStart[q]);
      tStrict.push(bestStrict[q]);
    }
  }
  srcOffset[n] = tgt.length;

  // The compensator: each event of a source excites each target whose tie carries it, over the
  // target's time at risk in the window (the engine's entries, with exits).
  const W: number[] = [];
  const Lo: number[] = [];
  const Hi: number[] = [];
  const S = hd.start;
  const T = hd.end;
  const u = new Float64Array(nk);
  const v = new Float64Array(nk);
  for (let x = 0; x < evDay.length; x++) {
    const j = evPerson[x];
    const t = evDay[x];
    const a = Math.max(0, S - t);
    const b = Math.min(maxLag, T - t);
    if (!(b > a)) continue;
    let plain = 0;
    for (let y = srcOffset[j]; y < srcOffset[j + 1]; y++) {
      if (!voCarries(tStart[y], tStrict[y], t)) continue;
      const q = tgt[y];
      if (bg.exitOffset[q + 1] > bg.exitOffset[q]) pushWithExits(bg, q, t, 1, a, b, W, Lo, Hi);
      else plain++;
    }
    if (plain > 0) for (let m = 0; m < nk; m++) u[m] -= plain * kernelMassOf(kernels[m], a, b);
  }
  for (let x = 0; x < W.length; x++)
    for (let m = 0; m < nk; m++) u[m] -= W[x] * kernelMassOf(kernels[m], Lo[x], Hi[x]);

  // e_i over the sources tied into each event's person (their events dated in the tie's reach).
  const inOffset = new Int32Array(n + 1);
  for (let y = 0; y < tgt.length; y++) inOffset[tgt[y] + 1]++;
  for (let p = 0; p < n; p++) inOffset[p + 1] += inOffset[p];
  const inAt = inOffset.slice(0, n);
  const inEdge = new Int32Array(tgt.length);
  const srcOf = new Int32Array(tgt.length);
  for (let j = 0; j < n; j++)
    for (let y = srcOffset[j]; y < srcOffset[j + 1]; y++) {
      inEdge[inAt[tgt[y]]++] = y;
      srcOf[y] = j;
    }
  const e = new Float64Array(nk);
  for (let i = hd.firstModelled; i < evDay.length; i++) {
    const lam = lambda[i];
    if (!(lam > 0)) continue;
    const p = evPerson[i];
    const t = evDay[i];
    e.fill(0);
    let any = false;
    for (let z = inOffset[p]; z < inOffset[p + 1]; z++) {
      const y = inEdge[z];
      const s = tStart[y];
      if (!(s < t)) continue;
      const q = srcOf[y];
      const from = tStrict[y] === 1 ? eventsAfter(hd, q, s) : eventsFrom(hd, q, s);
      const first = Math.max(from, eventsFrom(hd, q, t - maxLag));
      const last = eventsFrom(hd, q, t);
      for (let w = first; w < last; w++) {
        const d = t - evDay[personEv[w]];
        for (let m = 0; m < nk; m++) e[m] += kernelDensity(kernels[m], d);
        any = true;
      }
    }
    if (!any) continue;
    for (let m = 0; m < nk; m++) {
      u[m] += e[m] / lam;
      v[m] += (e[m] / lam) ** 2;
    }
  }
  return { u, v };
}
