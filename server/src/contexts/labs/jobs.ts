import type { Kernel } from '../../kernel/kernel.js';
import { runLabClocks } from './usecases/duty-clock.js';

/** labs.md "Deadlines and clocks": lapse, quarterly reports, duty findings and expiry (usecases/duty-clock.ts). */
export const labTasks = [
  {
    name: 'lab-clocks',
    everyMs: 60_000,
    run: async (k: Kernel) => {
      if (!k.profile.get<boolean>('lab.enabled')) return;
      await runLabClocks(k);
    },
  },
];
