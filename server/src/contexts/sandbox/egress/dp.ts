import { randomBytes } from 'node:crypto';

/**
 * EGR-07 samplers fed by the OS CSPRNG. Discrete Laplace as the difference of two geometric
 * variables (Inusah–Kozubowski), discrete Gaussian by rejection from it (Canonne, Kamath,
 * Steinke 2020, Alg. 3). Outputs are integers; floats are used only for the acceptance tests.
 */
function uniform(): number {
  // 53 random bits → (0, 1]; never 0 so log() is finite.
  const b = randomBytes(8);
  const hi = b.readUInt32BE(0) >>> 5;
  const lo = b.readUInt32BE(4) >>> 6;
  return (hi * 67108864 + lo + 1) / 9007199254740992;
}

function geometric(p: number): number {
  // failures before the first success, success probability 1 − p… here P(G = g) = (1 − q) q^g, q = p
  return Math.floor(Math.log(uniform()) / Math.log(p));
}

/** Discrete Laplace with scale b = sensitivity / ε: P(x) ∝ exp(−|x| / b). */
export function discreteLaplace(scale: number): number {
  const q = Math.exp(-1 / scale);
  return geometric(q) - geometric(q);
}

/** Discrete Gaussian with variance σ². */
export function discreteGaussian(sigma: number): number {
  const t = Math.floor(sigma) + 1;
  for (;;) {
    const y = discreteLaplace(t);
    const c = Math.abs(y) - (sigma * sigma) / t;
    if (uniform() <= Math.exp(-(c * c) / (2 * sigma * sigma))) return y;
  }
}

/** σ of the classic Gaussian mechanism for (ε, δ) and L2 sensitivity Δ. */
export const gaussianSigma = (epsilon: number, delta: number, sensitivity = 1) =>
  (sensitivity * Math.sqrt(2 * Math.log(1.25 / delta))) / epsilon;

/**
 * Exact budget arithmetic: ε is kept in millionths as integers, so 0.1 + 0.2 charges never
 * drift (EGR-07 "in exact arithmetic").
 */
export const toMicro = (eps: number) => Math.round(eps * 1_000_000);
export const fromMicro = (m: number) => m / 1_000_000;
