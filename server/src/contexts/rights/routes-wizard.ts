import { requireAuthenticated, type App } from '../../kernel/http/server.js';
import type { Kernel } from '../../kernel/kernel.js';
import { PublicityView, publicityBoard } from './usecases/publicity.js';
import { RegistryChoicesView, registryChoices } from './usecases/registry-choices.js';

/**
 * The registration wizard's choices (issue 17): registries by name, rules profiles with their enabled types;
 * and the public board of registrations in publicity (no login: anyone may object, RA-13).
 */
export function registrationWizardRoutes(app: App, k: Kernel) {
  app.get(
    '/api/v1/rights-registries',
    { schema: { tags: ['rights'], response: { 200: RegistryChoicesView } } },
    async (req) => registryChoices(k, requireAuthenticated(req)),
  );
  app.get(
    '/api/v1/public/rights-publicity',
    { schema: { tags: ['rights'], response: { 200: PublicityView } } },
    async () => publicityBoard(k),
  );
}
