import { canonicalList, type IdentifierType } from './canonical.js';
import { fromB64, toB64 } from './codec.js';
import { buyerScalar, hashItem, inverse, nobleMultiplier, type Multiplier } from './curve.js';

/**
 * The buyer's side of ECDH-PSI (sandbox.md PSI-01…05), the same module in the CLI and in the browser. Raw items never
 * leave this module: only a·H(x) goes up (x-coordinates, base64), and the answer is worked out here.
 *
 *   buyer                                   platform (fresh b per session, PSI-03)
 *   A_i = a·H(x_i)          ── upload ──▶   D_i = b·A_i (membership: in order; cardinality: shuffled)
 *   b·H(x_i) = a⁻¹·D_i      ◀── pages ──    S = shuffled { b·H(y_j) }
 *   membership: x_i matches iff a⁻¹·D_i ∈ S;  cardinality: |{ a⁻¹·D } ∩ S| only.
 */
export type PsiMode = 'cardinality' | 'membership';

/** How the client reaches the API: the CLI uses fetch with a login cookie, the web its api.ts fetchers, tests inject. */
export interface Transport {
  get(path: string): Promise<unknown>;
  post(path: string, body: unknown): Promise<unknown>;
}

export interface PsiService {
  serviceId: string;
  nameZh: string;
  identifierType: IdentifierType;
  fieldName: string;
  modes: PsiMode[];
  minList: number;
  maxList: number;
  sessionsLeftToday: number;
}

interface Opened {
  id: string;
  platformSetSize: number;
  chunkSize: number;
}
interface Page {
  items: string[];
  total: number;
}

export interface PsiRun {
  serviceId: string;
  mode: PsiMode;
  /** Raw lines as the buyer has them (a column of a CSV file). */
  items: readonly string[];
  /** The buyer's own secret (32 random bytes kept by the buyer); see buyerScalar. */
  secret: Uint8Array;
  /** Makes a multiplier for a scalar; defaults to @noble/curves (browser). */
  multiplier?: (k: bigint) => Multiplier;
  onProgress?: (stage: 'hash' | 'upload' | 'download' | 'match', done: number, total: number) => void;
}

export interface PsiOutcome {
  sessionId: string;
  mode: PsiMode;
  listSize: number;
  invalid: number;
  matchedCount: number;
  /** membership only: the buyer's own canonical items that are in the platform's set. */
  matches?: string[];
}

export async function listPsiServices(t: Transport): Promise<PsiService[]> {
  return ((await t.get('/api/v1/psi/services')) as { items: PsiService[] }).items;
}

export async function runPsi(t: Transport, r: PsiRun): Promise<PsiOutcome> {
  const service = (await listPsiServices(t)).find((s) => s.serviceId === r.serviceId);
  if (!service) throw new Error(`PSI service ${r.serviceId} is not available to this buyer`);
  const { items, invalid } = canonicalList(service.identifierType, r.items);
  const make = r.multiplier ?? nobleMultiplier;
  const a = buyerScalar(r.secret, r.serviceId);
  const session = (await t.post('/api/v1/psi-sessions', {
    serviceId: r.serviceId,
    mode: r.mode,
    listSize: items.length,
  })) as Opened;
  const base = `/api/v1/psi-sessions/${session.id}`;
  try {
    const blind = make(a);
    const up: string[] = [];
    for (const [i, x] of items.entries()) {
      up.push(toB64(blind.mul(hashItem(service.identifierType, x))));
      if (i % 1000 === 999) r.onProgress?.('hash', i + 1, items.length);
    }
    for (let off = 0; off < up.length; off += session.chunkSize) {
      await t.post(`${base}/blinded`, { offset: off, items: up.slice(off, off + session.chunkSize) });
      r.onProgress?.('upload', Math.min(off + session.chunkSize, up.length), up.length);
    }
    const doubled = await pages(t, `${base}/double-blinded`, items.length, session.chunkSize, r, 'download');
    const platform = new Set(await pages(t, `${base}/platform-set`, session.platformSetSize, session.chunkSize, r));
    const unblind = make(inverse(a));
    const hits: number[] = [];
    doubled.forEach((d, i) => {
      if (platform.has(toB64(unblind.mul(fromB64(d))))) hits.push(i);
    });
    r.onProgress?.('match', items.length, items.length);
    const out: PsiOutcome = {
      sessionId: session.id,
      mode: r.mode,
      listSize: items.length,
      invalid,
      matchedCount: hits.length,
    };
    // In cardinality mode the platform shuffled the D_i, so positions say nothing: only the count is kept.
    if (r.mode === 'membership') out.matches = hits.map((i) => items[i]!);
    return out;
  } finally {
    await t.post(`${base}/close`, {}).catch(() => undefined);
  }
}

async function pages(
  t: Transport,
  path: string,
  total: number,
  size: number,
  r: PsiRun,
  stage?: 'download',
): Promise<string[]> {
  const out: string[] = [];
  while (out.length < total) {
    const p = (await t.get(`${path}?offset=${out.length}&limit=${size}`)) as Page;
    if (!p.items.length) break;
    out.push(...p.items);
    if (stage) r.onProgress?.(stage, out.length, total);
  }
  return out;
}
