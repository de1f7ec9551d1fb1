import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { request } from '../../api/request';
import type { ApiBody, ApiOk } from '../../api/types';

// ---- Types: generated from the server's views (web/src/api/schema.ts, `npm run api:types`; issue 13) ----
export type Profile = ApiOk<'/profile'>;
export type ProfileDef = Profile['profiles'][number];
export type ProfileParam = Profile['params'][number];
export type OverrideInput = ApiBody<'/profile/overrides'>;

// ---- Query-key factory ----
export const platformKeys = {
  all: ['platform'] as const,
  profile: () => [...platformKeys.all, 'profile'] as const,
};

// ---- Fetchers ----
export const platformApi = {
  profile: () => request<Profile>('/profile'),
  setOverride: (input: OverrideInput) =>
    request<ApiOk<'/profile/overrides', 'post'>>('/profile/overrides', { body: input }),
};

// ---- Hooks ----
export function useProfile() {
  return useQuery({ queryKey: platformKeys.profile(), queryFn: platformApi.profile });
}

export function useSetOverride() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: platformApi.setOverride,
    onSuccess: () => qc.invalidateQueries({ queryKey: platformKeys.profile() }),
  });
}
