import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, request } from '../../api/request';

// ---- Types (mirror server/src/contexts/sandbox/services/*.ts) ----
export interface Service {
  id: string;
  status: string;
  nameZh: string;
  kind: string;
  workspaceId: string;
  view: string;
  spec: { sql?: string; params?: { name: string; type: string }[]; groupBy?: string[] };
  sm3: string;
}
export interface Usage {
  contracts: {
    id: string;
    product_name: string;
    product_code: string;
    service_id: string;
    quota_per_day: number;
    quota_per_month: number;
    term_to: string;
    state: string;
    order_id: string;
  }[];
  summary: { contract_id: string; outcome: string; n: number; today: number }[];
  items: {
    id: string;
    occurred_at: string;
    template_id: string;
    outcome: string;
    input_hmac: string;
    latency_ms: number;
    ledger_seq: number | null;
  }[];
}

export const serviceKeys = { list: () => ['services', 'list'] as const, usage: () => ['services', 'usage'] as const };

export const useServices = () =>
  useQuery({ queryKey: serviceKeys.list(), queryFn: () => request<{ items: Service[] }>('/services') });
export const useUsage = () =>
  useQuery({ queryKey: serviceKeys.usage(), queryFn: () => request<Usage>('/service-usage') });

export function useProposeService() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (b: { workspaceId: string; nameZh: string; spec: unknown }) =>
      request<Service>('/services', { body: b }),
    onSuccess: () => qc.invalidateQueries({ queryKey: serviceKeys.list() }),
  });
}

export function useApproveService() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => request<Service>(`/services/${id}/approve`, { method: 'POST' }),
    onSuccess: () => qc.invalidateQueries({ queryKey: serviceKeys.list() }),
  });
}

/**
 * The buyer's test console call: the API key goes in `Authorization: Bearer` (identity.md KEY-02),
 * never in a URL and never stored by the page. The session cookie is not sent.
 */
export function useTestCall() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({
      serviceId,
      secret,
      body,
    }: {
      serviceId: string;
      secret: string;
      body: Record<string, string>;
    }) => {
      const res = await fetch(`/api/v1/services/${serviceId}/call`, {
        method: 'POST',
        credentials: 'omit',
        headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      const json = await res.json();
      if (!res.ok) throw new ApiError(res.status, json.error);
      return json as Record<string, unknown>;
    },
    onSettled: () => qc.invalidateQueries({ queryKey: serviceKeys.usage() }),
  });
}

// Field names are data (the view's Chinese column names), kept here so TSX stays free of literals.
const USCC_FIELD = '统一社会信用代码';
const NAME_FIELD = '企业名称';
/** The 核验 call body for the demo enterprise verification template. */
export const verifyBody = (uscc: string, name: string): Record<string, string> => ({
  [USCC_FIELD]: uscc,
  [NAME_FIELD]: name,
});
/** A verification template spec from a comma-separated field list; the type follows the field's meaning. */
export function verificationSpec(view: string, fields: string): unknown {
  const params = fields
    .split(/[,，]/)
    .map((f) => f.trim())
    .filter(Boolean)
    .map((f) => ({ name: f, field: f, type: /信用代码/.test(f) ? 'uscc' : /身份证/.test(f) ? 'id_number' : 'text' }));
  return { kind: 'verification', view, params };
}

/** The operator's test console: runs a template with sample parameters inside the Workspace (audited, not metered). */
export function useTestTemplate() {
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: Record<string, unknown> }) =>
      request<Record<string, unknown>>(`/services/${id}/test`, { body }),
  });
}
