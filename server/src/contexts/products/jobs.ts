import type { Kernel } from '../../kernel/kernel.js';
import { runProductClocks } from './usecases/clocks.js';

/** Periodic products-market clocks: publicity end, caps in force, filings effective, review expiry, disclosures. */
export const productTasks = [
  {
    name: 'products-clocks',
    everyMs: 60_000,
    run: async (k: Kernel) => {
      await runProductClocks(k);
    },
  },
];
