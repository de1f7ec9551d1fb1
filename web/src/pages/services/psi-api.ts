import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { request } from '../../api/request';
import type { ApiOk } from '../../api/types';
// The buyer's PSI client is ONE module for the CLI and this page (issue 19): it hashes and blinds in the browser.
import { runPsi, type PsiMode } from '../../../../server/src/contexts/sandbox/psi/client/protocol';
import type { Transport } from '../../../../server/src/contexts/sandbox/psi/client/protocol';

export { csvHeader, itemsOf } from '../../../../server/src/contexts/sandbox/psi/client/items';
export type PsiService = ApiOk<'/psi/services'>['items'][number];
export type PsiSession = ApiOk<'/psi-sessions'>['items'][number];
export type PsiStage = 'hash' | 'upload' | 'download' | 'match';

export const psiKeys = { services: () => ['psi', 'services'] as const, sessions: () => ['psi', 'sessions'] as const };

export const usePsiServices = () =>
  useQuery({ queryKey: psiKeys.services(), queryFn: () => request<ApiOk<'/psi/services'>>('/psi/services') });
export const usePsiSessions = () =>
  useQuery({ queryKey: psiKeys.sessions(), queryFn: () => request<ApiOk<'/psi-sessions'>>('/psi-sessions') });

/** The client's transport over the page's one request wrapper (cookies, CSRF, typed errors). */
const transport: Transport = {
  get: (p) => request<unknown>(p),
  post: (p, b) => request<unknown>(p, { method: 'POST', body: b }),
};

const SECRET_KEY = 'shuyun.psi.secret';
/**
 * The buyer's own blinding secret, kept in this browser (32 random bytes). It is the same for every session so the
 * platform's differencing guard (PSI-04) can compare lists; it never leaves the browser.
 */
function buyerSecret(): Uint8Array {
  let hex = localStorage.getItem(SECRET_KEY);
  if (!hex || hex.length !== 64) {
    const b = crypto.getRandomValues(new Uint8Array(32));
    hex = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
    localStorage.setItem(SECRET_KEY, hex);
  }
  return Uint8Array.from(hex.match(/../g)!, (h) => Number.parseInt(h, 16));
}

export function useRunPsi(onProgress: (stage: PsiStage, done: number, total: number) => void) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (r: { serviceId: string; mode: PsiMode; items: string[] }) =>
      runPsi(transport, { ...r, secret: buyerSecret(), onProgress }),
    onSettled: () => {
      void qc.invalidateQueries({ queryKey: psiKeys.sessions() });
      void qc.invalidateQueries({ queryKey: psiKeys.services() });
    },
  });
}
