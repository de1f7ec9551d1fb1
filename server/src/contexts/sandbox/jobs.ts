import type { Kernel } from '../../kernel/kernel.js';
import { expireReleases, syncWorkspacesWithGrants, warmServices } from './service.js';

let warmed = false;

/** Background work (sandbox.md clocks): follow Grant state (SBX-13/14), expire unused links (EGR-10), warm services. */
export const sandboxTasks = [
  { name: 'sandbox.grant-sync', everyMs: 60_000, run: (k: Kernel) => syncWorkspacesWithGrants(k) },
  { name: 'sandbox.release-expiry', everyMs: 300_000, run: (k: Kernel) => expireReleases(k) },
  {
    name: 'sandbox.warm-services',
    everyMs: 5_000,
    run: async (k: Kernel) => {
      if (!warmed) {
        warmed = true;
        await warmServices(k);
      }
    },
  },
];
