import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { csrf, request } from '../../../api/request';
import type { ApiItem, ApiOk } from '../../../api/types';

/** LGN-06 single sign-on: jurisdictions with an IdP, the callback, and linking while logged in. */
export type SsoProvider = ApiItem<'/auth/oidc/providers'>;
export type SsoLink = ApiItem<'/auth/oidc/links'>;
export type SsoCallbackResult = ApiOk<'/auth/oidc/{jurisdiction}/callback'>;

export const ssoStartUrl = (divisionCode: string) => `/api/v1/auth/oidc/${divisionCode}/start`;

export function useSsoProviders() {
  return useQuery({
    queryKey: ['identity', 'sso-providers'],
    queryFn: () => request<ApiOk<'/auth/oidc/providers'>>('/auth/oidc/providers', { redirectOn401: false }),
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
      request<ApiOk<'/auth/oidc/{jurisdiction}/link', 'post'>>(`/auth/oidc/${divisionCode}/link`, { method: 'POST' }),
    onSuccess: (r) => window.location.assign(r.authorizationUrl),
  });
}

export function useSsoLinks() {
  return useQuery({
    queryKey: ['identity', 'sso-links'],
    queryFn: () => request<ApiOk<'/auth/oidc/links'>>('/auth/oidc/links'),
  });
}

export function useRemoveSsoLink() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      request<ApiOk<'/auth/oidc/links/{id}/remove', 'post'>>(`/auth/oidc/links/${id}/remove`, { method: 'POST' }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['identity', 'sso-links'] }),
  });
}
