import { AppError } from '../http/errors.js';
import { registerMessages } from '../http/messages.js';
import { PROFILES } from './definitions.js';
import { PARAM_TABLES } from './params/index.js';

export { PROFILES } from './definitions.js';

registerMessages({
  PROFILE_KEY_UNKNOWN: { zh: '未知的策略参数：{key}', en: 'Unknown profile parameter: {key}' },
  PROFILE_UNKNOWN: { zh: '未知的策略配置：{profileId}', en: 'Unknown profile: {profileId}' },
});

/** Reads policy parameters; rules receive one and never use literals (architecture §5). */
export interface Profile {
  readonly id: string;
  get<T = unknown>(key: string): T;
  has(key: string): boolean;
}

function merged(profileId: string): Map<string, unknown> {
  const chain: string[] = [];
  for (let p: string | undefined = profileId; p; p = PROFILES[p]?.parent) {
    if (!PROFILES[p]) throw new AppError(500, 'PROFILE_UNKNOWN', { profileId: p });
    chain.unshift(p);
  }
  const out = new Map<string, unknown>();
  for (const id of chain) for (const t of PARAM_TABLES) for (const [k, v] of Object.entries(t[id] ?? {})) out.set(k, v);
  return out;
}

const cache = new Map<string, Map<string, unknown>>();

/** A profile with deployment overrides applied on top (overrides are events, see service). */
export function loadProfile(profileId: string, overrides: Record<string, unknown> = {}): Profile {
  let base = cache.get(profileId);
  if (!base) cache.set(profileId, (base = merged(profileId)));
  const values = new Map(base);
  for (const [k, v] of Object.entries(overrides)) values.set(k, v);
  return {
    id: profileId,
    has: (key) => values.has(key),
    get<T>(key: string): T {
      if (!values.has(key)) throw new AppError(500, 'PROFILE_KEY_UNKNOWN', { key });
      return values.get(key) as T;
    },
  };
}

/** All keys of national-2025, the base every profile extends. */
export function allKeys(): string[] {
  return [...merged('national-2025').keys()].sort();
}
