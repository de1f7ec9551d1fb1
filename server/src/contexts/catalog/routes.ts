import multipart from '@fastify/multipart';
import type { App } from '../../kernel/http/server.js';
import type { Kernel } from '../../kernel/kernel.js';
import { defineObjectReader } from '../../kernel/workflow/readers.js';
import { TASKS } from '../../jobs.js';
import { catalogListRoutes } from './routes/catalogs.js';
import { changeRoutes } from './routes/changes.js';
import { objectionRoutes } from './routes/objections.js';
import { publicRoutes, registrationRoutes } from './routes/registrations.js';
import { requestRoutes } from './routes/requests.js';
import { resourceRoutes } from './routes/resources.js';
import { taskRoutes } from './routes/tasks.js';
import { runCatalogClocks } from './usecases/catalog-clocks.js';
import { ensureDemoData } from './usecases/demo-data.js';
import * as reg from './usecases/registration.js';
import { runRequestClocks } from './usecases/request-steps.js';
import * as svc from './usecases/resources.js';

/** catalog.md API under /api/v1; multipart is registered in this plugin's scope only. */
export function catalogRoutes(app: App, k: Kernel) {
  // LED-13: a resource's ledger history is for its source unit and supervisors; a published
  // resource is open to all in the catalog, its history (drafts, reviews) is not.
  defineObjectReader('DataResource', svc.loadHistoryReadable);
  defineObjectReader('ResourceRegistration', reg.getRegistration);
  svc.setControlledRoot(k.dataDir);
  if (!TASKS.some((x) => x.name === 'catalog.registration-clocks'))
    TASKS.push({
      name: 'catalog.registration-clocks',
      everyMs: 60_000,
      run: async (kk) => void (await reg.runRegistrationClocks(kk)),
    });
  if (!TASKS.some((x) => x.name === 'catalog.request-clocks'))
    TASKS.push({
      name: 'catalog.request-clocks',
      everyMs: 60_000,
      run: async (kk) => void (await runRequestClocks(kk)),
    });
  if (!TASKS.some((x) => x.name === 'catalog.upkeep-clocks'))
    TASKS.push({
      name: 'catalog.upkeep-clocks',
      everyMs: 3_600_000,
      run: async (kk) => void (await runCatalogClocks(kk)),
    });
  app.addHook('onReady', async () => ensureDemoData(k));
  app.register(async (s: App) => {
    await s.register(multipart, {
      limits: { fileSize: k.profile.get<number>('upload.maxMB') * 1024 * 1024, files: 1 },
    });
    resourceRoutes(s, k);
    registrationRoutes(s, k);
    publicRoutes(s, k);
    requestRoutes(s, k);
    changeRoutes(s, k);
    taskRoutes(s, k);
    objectionRoutes(s, k);
    catalogListRoutes(s, k);
  });
}
