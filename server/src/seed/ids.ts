import { sm3 } from '../kernel/crypto/sm3.js';

/** Stable ids for demo objects, so a re-seeded demo keeps its links. */
export function demoId(name: string): string {
  const h = sm3(`shuyun-demo:${name}`).toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
