import { requireAuthenticated, type App } from '../../kernel/http/server.js';
import type { Kernel } from '../../kernel/kernel.js';
import { RegistryChoicesView, registryChoices } from './usecases/registry-choices.js';

/** The registration wizard's choices (issue 17): registries by name, rules profiles with their enabled types. */
export function registrationWizardRoutes(app: App, k: Kernel) {
  app.get(
    '/api/v1/rights-registries',
    { schema: { tags: ['rights'], response: { 200: RegistryChoicesView } } },
    async (req) => registryChoices(k, requireAuthenticated(req)),
  );
}
