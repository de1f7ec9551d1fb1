import type { Kernel } from './kernel/kernel.js';
import { ledgerTasks } from './contexts/ledger/jobs.js';
import { authorizationTasks } from './contexts/authorization/jobs.js';
import { sandboxTasks } from './contexts/sandbox/jobs.js';
import { productTasks } from './contexts/products/jobs.js';
import { rightsTasks } from './contexts/rights/usecases/clocks.js';
import { supervisionTasks } from './contexts/supervision/usecases/clocks.js';
import { labTasks } from './contexts/labs/jobs.js';

/** Background work of a running server: each context adds its periodic task here. */
export interface BackgroundTask {
  name: string;
  everyMs: number;
  run: (k: Kernel) => Promise<void>;
}

export const TASKS: BackgroundTask[] = [];
TASKS.push(...ledgerTasks);
TASKS.push(...authorizationTasks);
TASKS.push(...sandboxTasks);
TASKS.push(...productTasks);
TASKS.push(...rightsTasks);
TASKS.push(...supervisionTasks);
TASKS.push(...labTasks);

/**
 * Starts periodic tasks in-process. Each task runs at most once at a time; a failure is
 * logged and retried at the next tick, never crashing the server.
 */
export async function startBackground(k: Kernel): Promise<() => Promise<void>> {
  const timers: NodeJS.Timeout[] = [];
  const running = new Set<string>();
  for (const t of TASKS) {
    timers.push(
      setInterval(async () => {
        if (running.has(t.name)) return;
        running.add(t.name);
        try {
          await t.run(k);
        } catch (e) {
          console.error(`[job ${t.name}]`, (e as Error).message);
        } finally {
          running.delete(t.name);
        }
      }, t.everyMs),
    );
  }
  return async () => {
    timers.forEach(clearInterval);
    while (running.size) await new Promise((r) => setTimeout(r, 50));
  };
}
