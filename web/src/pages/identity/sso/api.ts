import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { csrf, request } from '../../../api/request';
import type { LoginResult } from '../api';

/** LGN-06 single sign-on: jurisdictions with an IdP, the callback, and linking while logged in. */
export interface SsoProvider {
  divisionCode: string;
  jurisdictionNameZh: string;
  displayName: string;
}
export interface SsoLink {
  id: string;
  issuer: string;
  subject: string;
  method: 'self' | 'org_admin';
  createdAt: string;
  divisionCodes: string[];
}
export type SsoCallbackResult = LoginResult | { linked: true; userId: string };

export const ssoStartUrl = (divisionCode: string) => `/api/v1/auth/oidc/${divisionCode}/start`;

export function useSsoProviders() {
  return useQuery({
    queryKey: ['identity', 'sso-providers'],
    queryFn: () => request<{ items: SsoProvider[] }>('/auth/oidc/providers', { redirectOn401: false }),
    staleTime: 300_000,
    retry: false,
  });
}

/** Hands the IdP's answer (code, state, iss) to the server; a login stores the CSRF token like the password login. */
export async function completeSso(divisionCode: string, search: string): Promise<SsoCallbackResult> {
  const query = Object.fromEntries(new URLSearchParams(search));
  const r = await request<SsoCallbackResult>(`/auth/oidc/${divisionCode}/callback`, { query, redirectOn401: false });
  if ('csrfToken' in r) csrf.set(r.csrfToken);
  return r;
}

export function useStartSsoLink() {
  return useMutation({
    mutationFn: (divisionCode: string) =>
      request<{ authorizationUrl: string }>(`/auth/oidc/${divisionCode}/link`, { method: 'POST' }),
    onSuccess: (r) => window.location.assign(r.authorizationUrl),
  });
}

export function useSsoLinks() {
  return useQuery({
    queryKey: ['identity', 'sso-links'],
    queryFn: () => request<{ items: SsoLink[] }>('/auth/oidc/links'),
  });
}

export function useRemoveSsoLink() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => request(`/auth/oidc/links/${id}/remove`, { method: 'POST' }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['identity', 'sso-links'] }),
  });
}
