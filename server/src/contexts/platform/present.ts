import { allKeys } from '../../kernel/profiles/index.js';
import type { ProfileView } from './model.js';
import type { describeProfile } from './service.js';

/** The profile as the API shows it: each key's effective value beside the profile's own. */
export function presentProfile(p: ReturnType<typeof describeProfile>): ProfileView {
  return {
    id: p.id,
    version: p.version,
    chain: p.chain,
    profiles: p.profiles,
    params: allKeys().map((key) => ({
      key,
      value: p.current.get(key),
      base: p.base.get(key),
      overridden: JSON.stringify(p.current.get(key)) !== JSON.stringify(p.base.get(key)),
    })),
  };
}
