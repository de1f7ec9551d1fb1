import { z } from 'zod';
import type { Kernel } from '../../../kernel/kernel.js';
import { loadProfile, PROFILES } from '../../../kernel/profiles/index.js';
import { rightsParams } from '../../../kernel/profiles/params/rights.js';
import type { Actor } from '../../../kernel/workflow/actor.js';
import { publicBodiesActingAs } from '../../identity/service.js';

/**
 * What the registration wizard offers (issue 17, rights-assets.md "Registration wizard per type and right type"):
 * the registries by name and the registration rules (profiles) with the types and right types each enables.
 * The profiles are the ones the rights parameters name (data, not code: a new profile appears here by itself).
 */
export const RegistryChoicesView = z.object({
  registries: z.array(z.object({ orgId: z.string(), name: z.string() })),
  profiles: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      regTypes: z.array(z.string()),
      rightTypes: z.array(z.string()),
    }),
  ),
});
export type RegistryChoicesView = z.infer<typeof RegistryChoicesView>;

const rightsProfileIds = () => Object.keys(rightsParams).filter((id) => id !== 'national-2025' && PROFILES[id]);

/** Any signed-in organization may apply (rights-assets.md actors), so any signed-in actor may see the choices. */
export async function registryChoices(k: Kernel, _actor: Actor): Promise<RegistryChoicesView> {
  const registries = (await publicBodiesActingAs(k, 'registry')).map((o) => ({ orgId: o.id, name: o.name }));
  const profiles = rightsProfileIds().map((id) => {
    const p = loadProfile(id);
    return {
      id,
      name: PROFILES[id]!.nameZh,
      regTypes: p.get<string[]>('reg.types'),
      rightTypes: p.get<string[]>('reg.rightTypes'),
    };
  });
  return { registries, profiles };
}
