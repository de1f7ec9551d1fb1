// Development and tests run the TypeScript sources through tsx: a worker thread does not inherit the
// loader, so this registers it and then loads the sealing worker (sealer.ts). A release runs the
// compiled seal-worker.js directly.
import { register } from 'tsx/esm/api';

register();
await import('./seal-worker.ts');
