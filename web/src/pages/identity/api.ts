import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { csrf, request } from '../../api/request';
import type { ApiBody, ApiItem, ApiOk, ApiQuery, Refine } from '../../api/types';

// ---- Types: generated from the server's views (web/src/api/schema.ts, `npm run api:types`; issue 13) ----
export type Me = ApiOk<'/me'>;
export type LoginResult = ApiOk<'/auth/login', 'post'>;
export type Org = ApiOk<'/orgs/{id}'>;
export type OrgQuery = ApiQuery<'/orgs'>;
export type Member = ApiItem<'/orgs/{id}/members'>;
export type ApiKey = ApiItem<'/orgs/{id}/api-keys'>;
export type ScopeItem = ApiKey['scopes'][number];
export type CreateApiKeyInput = ApiBody<'/orgs/{id}/api-keys'>;
export type CreatedApiKey = ApiOk<'/orgs/{id}/api-keys', 'post'>;
export type Jurisdiction = ApiItem<'/jurisdictions'>;
/** The actor is the jsonb the server wrote with the event; `Refine` names the keys the page reads. */
export type AuditEvent = Refine<
  ApiItem<'/audit-events'>,
  { actor: { kind?: string; userId?: string; orgId?: string; loginName?: string; [k: string]: unknown } }
>;
export type AuditQuery = ApiQuery<'/audit-events'>;
export type Transitioned = ApiOk<'/orgs/{id}/verify', 'post'>;
export type OrgAction = 'verify' | 'suspend' | 'reactivate' | 'deactivate' | 'restore';
export type CreateOrgInput = ApiBody<'/orgs'>;
export type Contact = NonNullable<CreateOrgInput['contacts']>[number];

export type Personnel = ApiOk<'/orgs/{id}/personnel'>;
export type PersonnelMember = Personnel['items'][number];
export type InviteInput = ApiBody<'/orgs/{id}/members'>;
/** Server enums, as the routes declare them. */
export type ActorType = NonNullable<OrgQuery['actor']>;
export type EntityKind = CreateOrgInput['entityKind'];
export type OrgRole = InviteInput['roles'][number];
export type Invitation = ApiOk<'/orgs/{id}/members', 'post'>;
export type TotpEnrollment = ApiOk<'/auth/totp/enroll', 'post'>;

// ---- Query-key factory: the only source of identity cache keys ----
export const identityKeys = {
  all: ['identity'] as const,
  me: () => [...identityKeys.all, 'me'] as const,
  orgs: () => [...identityKeys.all, 'orgs'] as const,
  orgList: (q: OrgQuery) => [...identityKeys.orgs(), 'list', q] as const,
  orgDetail: (id: string) => [...identityKeys.orgs(), 'detail', id] as const,
  members: (orgId: string) => [...identityKeys.orgDetail(orgId), 'members'] as const,
  personnel: (orgId: string) => [...identityKeys.orgDetail(orgId), 'personnel'] as const,
  apiKeys: (orgId: string) => [...identityKeys.orgDetail(orgId), 'api-keys'] as const,
  jurisdictions: () => [...identityKeys.all, 'jurisdictions'] as const,
  audit: (q: AuditQuery) => [...identityKeys.all, 'audit', q] as const,
};

// ---- Fetchers ----
export const identityApi = {
  login: (username: string, password: string) =>
    request<LoginResult>('/auth/login', { body: { username, password }, redirectOn401: false }),
  verifyTotp: (code: string) =>
    request<ApiOk<'/auth/totp/verify', 'post'>>('/auth/totp/verify', { body: { code }, redirectOn401: false }),
  logout: () => request<ApiOk<'/auth/logout', 'post'>>('/auth/logout', { method: 'POST', redirectOn401: false }),
  me: () => request<Me>('/me', { redirectOn401: false }),
  orgs: (q: OrgQuery) => request<ApiOk<'/orgs'>>('/orgs', { query: { ...q } }),
  org: (id: string) => request<Org>(`/orgs/${id}`),
  createOrg: (input: CreateOrgInput) => request<Transitioned>('/orgs', { body: input }),
  orgAction: (id: string, action: OrgAction, reason?: string) =>
    request<Transitioned>(`/orgs/${id}/${action}`, { method: 'POST', body: reason ? { reason } : {} }),
  members: (orgId: string) => request<ApiOk<'/orgs/{id}/members'>>(`/orgs/${orgId}/members`),
  setMemberRoles: (orgId: string, memberId: string, roles: string[], version?: number) =>
    request<Transitioned>(`/orgs/${orgId}/members/${memberId}/roles`, { method: 'PUT', body: { roles, version } }),
  apiKeys: (orgId: string) => request<ApiOk<'/orgs/{id}/api-keys'>>(`/orgs/${orgId}/api-keys`),
  createApiKey: (orgId: string, input: CreateApiKeyInput) =>
    request<CreatedApiKey>(`/orgs/${orgId}/api-keys`, { body: input }),
  revokeApiKey: (orgId: string, keyId: string) =>
    request<Transitioned>(`/orgs/${orgId}/api-keys/${keyId}/revoke`, { method: 'POST' }),
  jurisdictions: () => request<ApiOk<'/jurisdictions'>>('/jurisdictions'),
  personnel: (orgId: string) => request<Personnel>(`/orgs/${orgId}/personnel`),
  invite: (orgId: string, input: InviteInput) => request<Invitation>(`/orgs/${orgId}/members`, { body: input }),
  acceptInvitation: (token: string, password: string) =>
    request<ApiOk<'/auth/invitations/accept', 'post'>>('/auth/invitations/accept', {
      body: { token, password },
      redirectOn401: false,
    }),
  enrollTotp: () => request<TotpEnrollment>('/auth/totp/enroll', { method: 'POST' }),
  changePassword: (oldPassword: string, newPassword: string) =>
    request<ApiOk<'/auth/password', 'post'>>('/auth/password', {
      body: { oldPassword, newPassword },
      redirectOn401: false,
    }),
  audit: (q: AuditQuery) =>
    request<Refine<ApiOk<'/audit-events'>, { items: AuditEvent[] }>>('/audit-events', { query: { ...q } }),
};

// ---- Hooks ----
export function useMe() {
  return useQuery({ queryKey: identityKeys.me(), queryFn: identityApi.me, staleTime: 60_000, retry: false });
}

export function useLogin() {
  return useMutation({
    mutationFn: ({ username, password }: { username: string; password: string }) =>
      identityApi.login(username, password),
    onSuccess: (r) => csrf.set(r.csrfToken),
  });
}

export function useVerifyTotp() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (code: string) => identityApi.verifyTotp(code),
    onSuccess: () => qc.invalidateQueries({ queryKey: identityKeys.me() }),
  });
}

export function useLogout() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: identityApi.logout,
    onSettled: () => {
      csrf.clear();
      qc.clear();
    },
  });
}

export function useOrgs(q: OrgQuery) {
  return useQuery({
    queryKey: identityKeys.orgList(q),
    queryFn: () => identityApi.orgs(q),
    placeholderData: keepPreviousData,
  });
}

export function useOrg(id: string) {
  return useQuery({ queryKey: identityKeys.orgDetail(id), queryFn: () => identityApi.org(id) });
}

export function useCreateOrg() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: identityApi.createOrg,
    onSuccess: () => qc.invalidateQueries({ queryKey: identityKeys.orgs() }),
  });
}

export function useOrgAction(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ action, reason }: { action: OrgAction; reason?: string }) =>
      identityApi.orgAction(id, action, reason),
    onSuccess: () => qc.invalidateQueries({ queryKey: identityKeys.orgs() }),
  });
}

export function useMembers(orgId: string) {
  return useQuery({ queryKey: identityKeys.members(orgId), queryFn: () => identityApi.members(orgId) });
}

export function useSetMemberRoles(orgId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { memberId: string; roles: string[]; version?: number }) =>
      identityApi.setMemberRoles(orgId, v.memberId, v.roles, v.version),
    onSuccess: () => qc.invalidateQueries({ queryKey: identityKeys.members(orgId) }),
  });
}

export function useApiKeys(orgId: string | undefined) {
  return useQuery({
    queryKey: identityKeys.apiKeys(orgId ?? ''),
    queryFn: () => identityApi.apiKeys(orgId!),
    enabled: !!orgId,
  });
}

export function useCreateApiKey(orgId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateApiKeyInput) => identityApi.createApiKey(orgId, input),
    onSuccess: () => qc.invalidateQueries({ queryKey: identityKeys.apiKeys(orgId) }),
  });
}

export function useRevokeApiKey(orgId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (keyId: string) => identityApi.revokeApiKey(orgId, keyId),
    onSuccess: () => qc.invalidateQueries({ queryKey: identityKeys.apiKeys(orgId) }),
  });
}

export function useJurisdictions() {
  return useQuery({ queryKey: identityKeys.jurisdictions(), queryFn: identityApi.jurisdictions, staleTime: 300_000 });
}

export function useAuditEvents(q: AuditQuery, enabled = true) {
  return useQuery({
    queryKey: identityKeys.audit(q),
    queryFn: () => identityApi.audit(q),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function usePersonnel(orgId: string) {
  return useQuery({
    queryKey: identityKeys.personnel(orgId),
    queryFn: () => identityApi.personnel(orgId),
    retry: false,
  });
}

export function useInviteMember(orgId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: InviteInput) => identityApi.invite(orgId, input),
    onSuccess: () => qc.invalidateQueries({ queryKey: identityKeys.orgDetail(orgId) }),
  });
}

export function useAcceptInvitation() {
  return useMutation({
    mutationFn: ({ token, password }: { token: string; password: string }) =>
      identityApi.acceptInvitation(token, password),
  });
}

export function useEnrollTotp() {
  return useMutation({ mutationFn: identityApi.enrollTotp });
}

/** The server revokes every session of the user (LGN-05), so the caller sends them to the login page. */
export function useChangePassword() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ oldPassword, newPassword }: { oldPassword: string; newPassword: string }) =>
      identityApi.changePassword(oldPassword, newPassword),
    onSuccess: () => {
      csrf.clear();
      qc.clear();
    },
  });
}
