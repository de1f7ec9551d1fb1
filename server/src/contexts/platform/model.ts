import { z } from 'zod';
import { TransitionView } from '../../kernel/http/responses.js';

// Request and response schemas of the platform API (profiles and their overrides).

export const OverrideInput = z.object({
  key: z.string().min(3).max(100),
  value: z.unknown(),
  reason: z.string().min(2).max(500),
});

export const ProfileDefView = z.object({
  id: z.string(),
  version: z.string(),
  nameZh: z.string(),
  parent: z.string().optional(),
  source: z.string(),
});

/** One parameter: its effective value, the profile's own value, and whether an override changed it. */
export const ProfileParamView = z.object({
  key: z.string(),
  value: z.unknown(),
  base: z.unknown(),
  overridden: z.boolean(),
});

/** GET /profile: the deployment's profile, the chain it extends, every known profile and every parameter. */
export const ProfileView = z.object({
  id: z.string(),
  version: z.string().optional(),
  chain: z.array(z.string()),
  profiles: z.array(ProfileDefView),
  params: z.array(ProfileParamView),
});
export type ProfileView = z.infer<typeof ProfileView>;

/** POST /profile/overrides answers the `set` transition of the new override. */
export const OverrideSetView = TransitionView.extend({ eventId: z.string(), from: z.string() });
