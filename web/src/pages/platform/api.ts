import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { request } from '../../api/request';

// ---- Types (mirror server/src/contexts/platform/routes.ts) ----
export interface ProfileDef {
  id: string;
  version: string;
  nameZh: string;
  parent?: string;
  source: string;
}
export interface ProfileParam {
  key: string;
  value: unknown;
  base: unknown;
  overridden: boolean;
}
export interface Profile {
  id: string;
  version?: string;
  chain: string[];
  profiles: ProfileDef[];
  params: ProfileParam[];
}
export interface OverrideInput {
  key: string;
  value: unknown;
  reason: string;
}

// ---- Query-key factory ----
export const platformKeys = {
  all: ['platform'] as const,
  profile: () => [...platformKeys.all, 'profile'] as const,
};

// ---- Fetchers ----
export const platformApi = {
  profile: () => request<Profile>('/profile'),
  setOverride: (input: OverrideInput) =>
    request<{ id: string; state: string; version: number }>('/profile/overrides', { body: input }),
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
