import type { Kernel } from '../../kernel/kernel.js';
import { runAuthorizationClocks } from './usecases/clocks.js';

/** Periodic authorization clocks: expiries, lapses, escalations, drills (authorization.md "Deadlines and clocks"). */
export const authorizationTasks = [
  {
    name: 'authorization-clocks',
    everyMs: 60_000,
    run: async (k: Kernel) => {
      await runAuthorizationClocks(k);
    },
  },
];
