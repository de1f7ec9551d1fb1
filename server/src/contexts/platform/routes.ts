import { z } from 'zod';
import { requireAuthenticated, type App } from '../../kernel/http/server.js';
import type { Kernel } from '../../kernel/kernel.js';
import { allKeys } from '../../kernel/profiles/index.js';
import { assertAllowed } from '../identity/service.js';
import { describeProfile, setOverride } from './service.js';

const tags = ['platform'];

/** Profiles: read the effective parameters; platform sys_admin overrides one key (an event). */
export function platformRoutes(app: App, k: Kernel) {
  app.get('/api/v1/profile', { schema: { tags } }, async (req) => {
    const actor = requireAuthenticated(req);
    assertAllowed(k, actor, 'profile.read', { type: 'ProfileOverride' });
    const p = describeProfile(k);
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
  });

  app.post(
    '/api/v1/profile/overrides',
    {
      schema: {
        tags,
        body: z.object({ key: z.string().min(3).max(100), value: z.unknown(), reason: z.string().min(2).max(500) }),
      },
    },
    async (req, reply) => {
      const r = await setOverride(k, requireAuthenticated(req), req.body.key, req.body.value, req.body.reason);
      reply.status(201);
      return r;
    },
  );
}
