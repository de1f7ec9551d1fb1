import type { Kernel } from '../kernel.js';
import type { Actor } from './actor.js';

/**
 * How an object type decides who may see one object: the owning context's own read check
 * (the service behind its GET), which throws 404 when the actor may not see it. The ledger's
 * timeline and evidence package ask it, so a ledger view of an object is visible to exactly
 * those who may open the object itself (LED-13; security by default: one read rule per type).
 */
export type ObjectReader = (k: Kernel, actor: Actor, id: string) => Promise<unknown>;

const readers = new Map<string, ObjectReader>();

export function defineObjectReader(objectType: string, read: ObjectReader): void {
  readers.set(objectType, read);
}

export function objectReaderFor(objectType: string): ObjectReader | undefined {
  return readers.get(objectType);
}
