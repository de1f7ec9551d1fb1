import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, request } from '../../api/request';
import type { ApiBody, ApiItem, ApiOk, ApiQuery } from '../../api/types';
import { downloadBlob } from '../../utils/download';
import { parseCheckpoint } from './merkle';

// ---- Types: generated from the server's views (web/src/api/schema.ts, `npm run api:types`; issue 13) ----
export type PublicKey = ApiOk<'/ledger/public-key'>;
export type InclusionProof = ApiOk<'/ledger/proofs/inclusion'>;
export type LedgerEntryView = ApiItem<'/ledger/objects/{type}/{id}/entries'>;
export type EvidencePackage = ApiOk<'/evidence-packages', 'post'>;

export const ledgerKeys = {
  all: ['ledger'] as const,
  checkpoint: (log: string) => ['ledger', 'checkpoint', log] as const,
  publicKey: (log: string) => ['ledger', 'public-key', log] as const,
  objectEntries: (type: string, id: string) => ['ledger', 'object', type, id] as const,
};

/** The checkpoint is text/plain (C2SP signed note), so it has its own small fetcher. */
async function fetchCheckpoint(log: string): Promise<string> {
  const res = await fetch(`/api/v1/ledger/checkpoint?log=${encodeURIComponent(log)}`, {
    headers: { accept: 'text/plain' },
  });
  const text = await res.text();
  if (!res.ok) {
    let body = {
      code: `HTTP_${res.status}`,
      message_zh: `请求失败（${res.status}）`,
      message_en: `Request failed (${res.status})`,
    };
    try {
      body = JSON.parse(text).error ?? body;
    } catch {
      /* keep the generic body */
    }
    throw new ApiError(res.status, body);
  }
  return text;
}

export const useCheckpoint = (log = 'main') =>
  useQuery({ queryKey: ledgerKeys.checkpoint(log), queryFn: () => fetchCheckpoint(log) });
export const usePublicKey = (log = 'main') =>
  useQuery({
    queryKey: ledgerKeys.publicKey(log),
    queryFn: () => request<PublicKey>('/ledger/public-key', { query: { log } }),
  });
export const useObjectEntries = (type: string, id: string) =>
  useQuery({
    queryKey: ledgerKeys.objectEntries(type, id),
    queryFn: () =>
      request<ApiOk<'/ledger/objects/{type}/{id}/entries'>>(
        `/ledger/objects/${encodeURIComponent(type)}/${encodeURIComponent(id)}/entries`,
      ),
  });

export const fetchInclusion = (seq: number, treeSize: number, log = 'main') =>
  request<InclusionProof>('/ledger/proofs/inclusion', { query: { seq, treeSize, log } });

/**
 * Downloads an entry's inclusion proof with the signed checkpoint it is checked against (a file
 * `npm run verify` accepts); false when no checkpoint covers the entry yet.
 */
export async function downloadInclusionProof(
  seq: number,
  checkpointText: string | undefined,
  log: string,
  fileName: string,
): Promise<boolean> {
  const cp = checkpointText ? safeParseCheckpoint(checkpointText) : null;
  if (!cp || seq >= cp.treeSize) return false;
  const p = await fetchInclusion(seq, cp.treeSize, log);
  downloadBlob(
    new Blob([JSON.stringify({ ...p, checkpoint: checkpointText }, null, 1)], { type: 'application/json' }),
    fileName,
  );
  return true;
}

export function safeParseCheckpoint(text: string) {
  try {
    return parseCheckpoint(text);
  } catch {
    return null;
  }
}

export const useExportEvidence = () =>
  useMutation({
    mutationFn: (input: ApiBody<'/evidence-packages'>) =>
      request<EvidencePackage>('/evidence-packages', { body: input }),
  });

// ---- Destruction records (ledger.md LED-16 … LED-19, sandbox.md SBX-14) ----
export type DestructionRecord = ApiOk<'/destruction-records/{id}'>;
/** A state change recorded in the ledger: what was decided, on which object, by whom. */
export type LedgerDecision = NonNullable<DestructionRecord['mandate']>;
export type DestructionState = NonNullable<ApiQuery<'/destruction-records'>['state']>;
export type DestructionRole = ApiBody<'/destruction-records/{id}/approvals'>['role'];

export const destructionKeys = {
  list: (state?: DestructionState) => ['ledger', 'destructions', state ?? ''] as const,
  one: (id: string) => ['ledger', 'destruction', id] as const,
};
export const fetchDestructions = (state?: DestructionState) =>
  request<ApiOk<'/destruction-records'>>('/destruction-records', { query: { state } });
export const useDestructions = (state?: DestructionState) =>
  useQuery({ queryKey: destructionKeys.list(state), queryFn: () => fetchDestructions(state) });
export const useDestruction = (id: string) =>
  useQuery({
    queryKey: destructionKeys.one(id),
    queryFn: () => request<DestructionRecord>(`/destruction-records/${id}`),
  });

/** A record action that answers the updated record: it replaces the cached one and refreshes the lists. */
function useDestructionAction<V>(id: string, post: (v: V) => Promise<DestructionRecord>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: post,
    onSuccess: (r) => {
      qc.setQueryData(destructionKeys.one(id), r);
      void qc.invalidateQueries({ queryKey: ['ledger', 'destructions'] });
    },
  });
}

/** LED-17: the second person's check for residue (verified, or verification_failed with an Incident). */
export const useVerifyDestruction = (id: string) =>
  useDestructionAction<void>(id, () =>
    request<DestructionRecord>(`/destruction-records/${id}/verification`, { body: {} }),
  );

/** LED-16: one approval of a proposed batch, as owner, authority or holder. */
export const useApproveDestruction = (id: string) =>
  useDestructionAction<DestructionRole>(id, (role) =>
    request<DestructionRecord>(`/destruction-records/${id}/approvals`, { body: { role } }),
  );
