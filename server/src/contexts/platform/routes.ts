import { requireAuthenticated, type App } from '../../kernel/http/server.js';
import type { Kernel } from '../../kernel/kernel.js';
import { assertAllowed } from '../identity/service.js';
import { OverrideInput, OverrideSetView, ProfileView } from './model.js';
import { presentProfile } from './present.js';
import { describeProfile, setOverride } from './service.js';

const tags = ['platform'];

/** Profiles: read the effective parameters; platform sys_admin overrides one key (an event). */
export function platformRoutes(app: App, k: Kernel) {
  app.get('/api/v1/profile', { schema: { tags, response: { 200: ProfileView } } }, async (req) => {
    const actor = requireAuthenticated(req);
    assertAllowed(k, actor, 'profile.read', { type: 'ProfileOverride' });
    return presentProfile(describeProfile(k));
  });

  app.post(
    '/api/v1/profile/overrides',
    { schema: { tags, body: OverrideInput, response: { 201: OverrideSetView } } },
    async (req, reply) => {
      const r = await setOverride(k, requireAuthenticated(req), req.body.key, req.body.value, req.body.reason);
      reply.status(201);
      return r;
    },
  );
}
