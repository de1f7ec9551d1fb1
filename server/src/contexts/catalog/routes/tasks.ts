import { TransitionView } from '../../../kernel/http/responses.js';
import { requireAuthenticated, type App } from '../../../kernel/http/server.js';
import type { Kernel } from '../../../kernel/kernel.js';
import { CatalogTaskView, IdParams, listOf } from '../model.js';
import { closeTask, listTasks, TaskQuery } from '../usecases/tasks.js';

const tags = ['catalog'];

/** The unit's catalog tasks (rectification, class review, change filing, reminders) and closing one. */
export function taskRoutes(app: App, k: Kernel) {
  app.get(
    '/api/v1/catalog-tasks',
    { schema: { tags, querystring: TaskQuery, response: { 200: listOf(CatalogTaskView) } } },
    async (req) => listTasks(k, requireAuthenticated(req), req.query),
  );
  app.post(
    '/api/v1/catalog-tasks/:id/close',
    { schema: { tags, params: IdParams, response: { 200: TransitionView } } },
    async (req) => closeTask(k, requireAuthenticated(req), req.params.id),
  );
}
