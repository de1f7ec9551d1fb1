import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { buildUrl, request } from '../../api/request';
import type { ApiBody, ApiItem, ApiOk, ApiQuery } from '../../api/types';

// ---- Types: generated from the server's views (web/src/api/schema.ts, `npm run api:types`; issue 13) ----
export type PublicCertificate = ApiItem<'/public/certificates'>;
export type PublicCertificatePage = ApiOk<'/public/certificates'>;
export type CertificateBundle = ApiOk<'/public/certificates/{number}'>;
export type VerifyResult = ApiOk<'/public/certificates/verify', 'post'>;
export type CertificateStatus = PublicCertificate['status'];
export type Registration = ApiItem<'/rights-registrations'>;
export type RegistrationDetail = ApiOk<'/rights-registrations/{id}'>;
export type RegistrationQuery = ApiQuery<'/rights-registrations'>;
export type RegistrationRole = NonNullable<RegistrationQuery['role']>;
export type Objection = ApiItem<'/rights-registrations/{id}/objections'>;
export type Transitioned = ApiOk<'/rights-registrations/{id}/accept', 'post'>;
export type RejectInput = ApiBody<'/rights-registrations/{id}/reject'>;
export type DecideInput = ApiBody<'/rights-registrations/{id}/decide'>;
export type CorrectionInput = ApiBody<'/rights-registrations/{id}/request-correction'>;
export type RefusalGround = NonNullable<RejectInput['grounds']>[number];
export type RegistryChoices = ApiOk<'/rights-registries'>;
export type ApplyInput = ApiBody<'/rights-registrations'>;
export type OwnProduct = ApiItem<'/products'>;
export type PublicityItem = ApiItem<'/public/rights-publicity'>;
export type ObjectionInput = ApiBody<'/rights-registrations/{id}/objections'>;

/** The registry's review actions (rights-assets.md RightsRegistration lifecycle), as POST path segments. */
export type ReviewAction = 'accept' | 'reject' | 'formal-review' | 'request-correction' | 'commission' | 'decide';
export type ReviewBody =
  | Record<string, never>
  | RejectInput
  | DecideInput
  | CorrectionInput
  | { evaluatorOrgId?: string };

// ---- Query-key factory: the only source of rights cache keys ----
export const rightsKeys = {
  all: ['rights'] as const,
  publicCertificates: (page: number, pageSize: number) =>
    [...rightsKeys.all, 'public-certificates', page, pageSize] as const,
  bundle: (number: string) => [...rightsKeys.all, 'bundle', number] as const,
  verify: (number: string) => [...rightsKeys.all, 'verify', number] as const,
  registrations: (q: RegistrationQuery) => [...rightsKeys.all, 'registrations', q] as const,
  registration: (id: string) => [...rightsKeys.all, 'registration', id] as const,
  objections: (id: string) => [...rightsKeys.all, 'objections', id] as const,
  orgNames: () => [...rightsKeys.all, 'org-names'] as const,
  registryChoices: () => [...rightsKeys.all, 'registry-choices'] as const,
  ownProducts: () => [...rightsKeys.all, 'own-products'] as const,
  publicity: () => [...rightsKeys.all, 'publicity'] as const,
};

// ---- Fetchers ----
export const rightsApi = {
  publicCertificates: (page: number, pageSize: number) =>
    request<PublicCertificatePage>('/public/certificates', { query: { page, pageSize }, redirectOn401: false }),
  bundle: (number: string) =>
    request<CertificateBundle>(`/public/certificates/${encodeURIComponent(number)}`, { redirectOn401: false }),
  /** Server-side check of a bundle (RA-23): a malformed or altered bundle answers 不通过, never an error. */
  verify: (bundle: unknown) =>
    request<VerifyResult>('/public/certificates/verify', { body: { bundle }, redirectOn401: false }),
  qrUrl: (number: string) => buildUrl(`/public/certificates/${encodeURIComponent(number)}/qr.png`),
  registrations: (q: RegistrationQuery) =>
    request<ApiOk<'/rights-registrations'>>('/rights-registrations', { query: { ...q } }),
  registration: (id: string) => request<RegistrationDetail>(`/rights-registrations/${id}`),
  objections: (id: string) =>
    request<ApiOk<'/rights-registrations/{id}/objections'>>(`/rights-registrations/${id}/objections`),
  review: (id: string, action: ReviewAction, body: ReviewBody) =>
    request<Transitioned>(`/rights-registrations/${id}/${action}`, { method: 'POST', body }),
  orgs: () => request<ApiOk<'/orgs'>>('/orgs', { query: { pageSize: 500 } }),
  /** The printable certificate (issue 17): PDF with the embedded Chinese font and the verifying QR code. */
  pdfUrl: (number: string) => buildUrl(`/public/certificates/${encodeURIComponent(number)}/certificate.pdf`),
  registryChoices: () => request<RegistryChoices>('/rights-registries'),
  /** The applicant's own products, to register one by name (products context's list, scoped to the caller). */
  ownProducts: () => request<ApiOk<'/products'>>('/products', { query: { pageSize: 200 } }),
  publicity: () => request<ApiOk<'/public/rights-publicity'>>('/public/rights-publicity', { redirectOn401: false }),
  object: (id: string, body: ObjectionInput) =>
    request<Objection>(`/rights-registrations/${id}/objections`, { method: 'POST', body }),
  apply: (body: ApplyInput) => request<Registration>('/rights-registrations', { method: 'POST', body }),
  submit: (id: string) => request<Transitioned>(`/rights-registrations/${id}/submit`, { method: 'POST', body: {} }),
};

// ---- Hooks ----
export const usePublicCertificates = (page: number, pageSize: number) =>
  useQuery({
    queryKey: rightsKeys.publicCertificates(page, pageSize),
    queryFn: () => rightsApi.publicCertificates(page, pageSize),
    placeholderData: keepPreviousData,
  });

export const useBundle = (number: string) =>
  useQuery({ queryKey: rightsKeys.bundle(number), queryFn: () => rightsApi.bundle(number), retry: false });

/** Verifies the fetched bundle with the server's verify endpoint once it has arrived. */
export const useBundleVerification = (number: string, bundle: CertificateBundle | undefined) =>
  useQuery({
    queryKey: rightsKeys.verify(number),
    queryFn: () => rightsApi.verify(bundle),
    enabled: bundle !== undefined,
    retry: false,
  });

export const useVerifyPasted = () => useMutation({ mutationFn: (bundle: unknown) => rightsApi.verify(bundle) });

export const useRegistrations = (q: RegistrationQuery) =>
  useQuery({
    queryKey: rightsKeys.registrations(q),
    queryFn: () => rightsApi.registrations(q),
    placeholderData: keepPreviousData,
  });

export const useRegistration = (id: string | null) =>
  useQuery({
    queryKey: rightsKeys.registration(id ?? ''),
    queryFn: () => rightsApi.registration(id ?? ''),
    enabled: !!id,
  });

export const useObjections = (id: string | null) =>
  useQuery({
    queryKey: rightsKeys.objections(id ?? ''),
    queryFn: () => rightsApi.objections(id ?? ''),
    enabled: !!id,
  });

export function useReviewAction() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (a: { id: string; action: ReviewAction; body: ReviewBody }) => rightsApi.review(a.id, a.action, a.body),
    onSuccess: () => qc.invalidateQueries({ queryKey: rightsKeys.all }),
  });
}

/**
 * Names for the org ids a registration carries: the orgs the caller may list. An id the caller may not read stays
 * unnamed (the page shows "another organisation"), never a raw id.
 */
export function useOrgNames() {
  const orgs = useQuery({ queryKey: rightsKeys.orgNames(), queryFn: rightsApi.orgs, retry: false });
  const names = new Map((orgs.data?.items ?? []).map((o) => [o.id, o.nameZh]));
  return (id: string | null | undefined) => (id ? names.get(id) : undefined);
}

export const useRegistryChoices = () =>
  useQuery({ queryKey: rightsKeys.registryChoices(), queryFn: rightsApi.registryChoices });

export const useOwnProducts = () =>
  useQuery({ queryKey: rightsKeys.ownProducts(), queryFn: rightsApi.ownProducts, retry: false });

/** Creates the draft and submits it in one go (the wizard's last step). */
export function useApplyAndSubmit() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (body: ApplyInput) => {
      const draft = await rightsApi.apply(body);
      const submitted = await rightsApi.submit(draft.id);
      return { ...draft, state: submitted.state };
    },
    onSuccess: () => qc.invalidateQueries({ queryKey: rightsKeys.all }),
  });
}

export const usePublicity = () => useQuery({ queryKey: rightsKeys.publicity(), queryFn: rightsApi.publicity });

/** A real-name objection during publicity (RA-13): the objector signs in; the registry sees it on its desk. */
export function useFileObjection() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (a: { id: string; body: ObjectionInput }) => rightsApi.object(a.id, a.body),
    onSuccess: () => qc.invalidateQueries({ queryKey: rightsKeys.all }),
  });
}
