import { z } from 'zod';
import type { Clock } from './kernel/clock.js';
import { requireAuthenticated, type App } from './kernel/http/server.js';
import type { Kernel } from './kernel/kernel.js';

/**
 * The browser tests' clock (issue 17): a journey that waits out a publicity period (days of working days) moves
 * the server's clock forward instead of waiting. Only with SHUYUN_E2E_CLOCK=1 outside production; then the clock
 * is the wall clock plus an offset, and `POST /api/v1/e2e/clock/advance {days}` moves it and runs every
 * background task once (what the timers would have done by then).
 */
export const e2eClockWanted = () => process.env.SHUYUN_E2E_CLOCK === '1' && process.env.NODE_ENV !== 'production';

export class OffsetClock implements Clock {
  offsetMs = 0;
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
}

export function e2eClockRoutes(app: App, k: Kernel, clock: OffsetClock) {
  app.post(
    '/api/v1/e2e/clock/advance',
    {
      schema: {
        hide: true,
        body: z.object({ days: z.number().int().min(0).max(3650) }),
        response: { 200: z.object({ now: z.string(), failed: z.array(z.string()) }) },
      },
    },
    async (req) => {
      requireAuthenticated(req);
      clock.offsetMs += req.body.days * 86_400_000;
      const { TASKS } = await import('./jobs.js');
      const failed: string[] = [];
      for (const t of TASKS) await t.run(k).catch(() => failed.push(t.name));
      return { now: clock.now().toISOString(), failed };
    },
  );
}
