import {
  type Engine,
  eventBackground,
  type InternalParams,
  kernelNorm,
  rowFactors,
  SELF,
  VO,
} from './engine.js';
import { gammaLogConst, gammaMean, gammaP, logGamma } from './kernel.js';
import { solveSpd } from './optimise.js';

/**
 * A score test, at a fitted model, for contagion at long delays that its kernel does not allow:
 * a second excitation term α₂·ψ along the same ties, ψ a density spread over the tail of the
 * delays, tested at α₂ = 0. U = Σ_i S_i/λ_i − Σ_entries w·Ψ[lo, hi) (S_i = Σ over i's network
 * candidates of g·ψ(Δ), Ψ the mass of ψ over the entry's delays); its variance is the observed
 * information of α₂ with α, the background's level and the kernel's scale β projected out (the
 * other background parameters are not: that only makes the test conservative). `z` = U / √V,
 * one-sided: large and positive when more events follow their neighbours' events at long delays
 * than the kernel and the background expect.
 */
export interface TailScore {
  /** U / √V (0 when V is not positive). */
  z: number;
  /** Where ψ starts, days: {@link TAIL_FROM_MEANS} × the kernel's mean. */
  fromDays: number;
  /**
   * Mean delay, days, of the two-part kernel (α'·φ' + α₂·ψ) / (α' + α₂) one scoring step from the
   * fit: α₂ = U / V, and α and β moved with it as the step moves them (−I_nn⁻¹ I_n0 α₂); the
   * kernel's own mean when U ≤ 0. ψ's mean is (L − a) / ln(L / a).
   */
  meanDays: number;
}

/** ψ starts at this multiple of the fitted kernel's mean delay. */
export const TAIL_FROM_MEANS = 2;

/**
 * {@link TailScore} of the fit at `p` (kernel mean `kernelMeanDays`), with ψ flat in ln Δ over
 * [a, L] (density 1 / (Δ ln(L/a)), a = {@link TAIL_FROM_MEANS} × the kernel's mean, L =
 * `maxLagDays`): a long tail's shape, falling about as 1/Δ. Null for no contagion, or when a is
 * half the lag cap or more (a slow kernel, warned of on its own). One pass over the candidate
 * pairs and the compensator entries, as one E-step.
 */
export function tailScore(
  eng: Engine,
  p: InternalParams,
  kernelMeanDays: number,
): TailScore | null {
  const a = TAIL_FROM_MEANS * kernelMeanDays;
  const L = eng.maxLag;
  if (!(a > 0) || !(a < L / 2) || !(p.alpha > 0) || p.hw) return null;
  const logSpan = Math.log(L / a);
  const psiMass = (lo: number, hi: number) => {
    const x = Math.max(lo, a);
    const y = Math.min(hi, L);
    return y > x ? Math.log(y / x) / logSpan : 0;
  };
  const { candOffset, candDelta, candG, candKind, nEv, first } = eng;
  const f = rowFactors(eng, p.theta);
  const { alpha, alphaSelf, alphaVo, beta } = p;
  // The fitted kernel φ at each delay, and ∂φ/∂ln β (β scales the delays: φ(Δ) = β h(βΔ) up to
  // the truncation's normalisation), for the projection.
  const shape = eng.gamma && p.shape ? p.shape : 1;
  const rho = shape * beta;
  const logC =
    shape === 1 ? Math.log(beta / kernelNorm(beta, L)) : gammaLogConst({ shape, beta, maxLag: L });
  // d ln(normalising constant)/d ln β: κ − ∂ ln P(κ, ρL)/∂ ln ρ.
  const xL = rho * L;
  const dLogC = shape - Math.exp(shape * Math.log(xL) - xL - logGamma(shape)) / gammaP(shape, xL);
  let U = 0;
  // Information over (α₂, α, background level, ln β).
  const I = new Float64Array(16);
  const evRow = eng.bg.evRow;
  const v = new Float64Array(4);
  for (let i = first; i < nEv; i++) {
    if (evRow[i] < 0) continue;
    const bg = eventBackground(eng, p, f, i);
    let phi = 0;
    let dphi = 0;
    let psi = 0;
    let own = 0;
    let vo = 0;
    for (let x = candOffset[i]; x < candOffset[i + 1]; x++) {
      const d = candDelta[x];
      if (!(d > 0) || d > L) continue;
      const g = candG ? candG[x] : 1;
      const k = Math.exp(logC + (shape - 1) * Math.log(d) - rho * d);
      const kind = candKind !== null ? candKind[x] : 0;
      if (kind === SELF) {
        own += g * k;
        continue;
      }
      if (kind === VO) {
        vo += g * k;
        continue;
      }
      phi += g * k;
      dphi += g * k * (dLogC - rho * d);
      if (d >= a) psi += g / (d * logSpan);
    }
    const lam = bg + alpha * phi + alphaSelf * own + alphaVo * vo;
    if (!(lam > 0)) continue;
    U += psi / lam;
    v[0] = psi / lam;
    v[1] = phi / lam;
    v[2] = bg / lam;
    v[3] = (alpha * dphi) / lam;
    for (let r = 0; r < 4; r++) for (let c = 0; c < 4; c++) I[4 * r + c] += v[r] * v[c];
  }
  for (let x = 0; x < eng.excW.length; x++) U -= eng.excW[x] * psiMass(eng.excLo[x], eng.excHi[x]);
  // V = I₀₀ − I₀ₙ I_nn⁻¹ Iₙ₀ over the nuisances n = (α, background level, ln β).
  const b = I.subarray(1, 4);
  const y = solveSpd(
    Float64Array.from([I[5], I[6], I[7], I[9], I[10], I[11], I[13], I[14], I[15]]),
    b,
    3,
  );
  if (!y) return { z: 0, fromDays: a, meanDays: kernelMeanDays };
  const V = I[0] - b[0] * y[0] - b[1] * y[1] - b[2] * y[2];
  if (!(V > 0)) return { z: 0, fromDays: a, meanDays: kernelMeanDays };
  // One scoring step from α₂ = 0 (the nuisances' scores are 0 at the fit): α₂ = U / V.
  const a2 = U > 0 ? U / V : 0;
  const body = Math.max(0, alpha - y[0] * a2);
  const bodyMean =
    a2 > 0 ? gammaMean({ shape, beta: beta * Math.exp(-y[2] * a2), maxLag: L }) : kernelMeanDays;
  const meanDays =
    a2 > 0 ? (body * bodyMean + (a2 * (L - a)) / logSpan) / (body + a2) : kernelMeanDays;
  return { z: U / Math.sqrt(V), fromDays: a, meanDays };
}
