import type { Rule } from './rules.js';

/** The pseudo-state of an object that does not exist yet. */
export const NEW = '(new)';

export interface TransitionDef {
  from: readonly string[];
  to: string;
  permission: string;
  rules?: readonly Rule<unknown>[];
  /** Defaults to `<ObjectType>.<action>`. */
  eventType?: string;
}

/**
 * An object's states and transitions as data (architecture §4). `table` holds the object
 * with columns id, state, version; the kernel writes state and version, nothing else decides.
 */
export interface LifecycleDef {
  /** Canonical object name used in events, e.g. `ScenarioApplication`. */
  objectType: string;
  table: string;
  log?: 'main' | 'audit';
  /**
   * ledger.md LED-14 retention class of every entry of the object ('business' if unset). A function when the class
   * depends on the object: a statutory valuation keeps 30 years, another 15 (rights-assets.md RA-32).
   */
  retentionClass?: string | ((row: Readonly<Record<string, unknown>>) => string);
  states: readonly string[];
  transitions: Record<string, TransitionDef>;
}

const lifecycles = new Map<string, LifecycleDef>();

export function defineLifecycle<T extends LifecycleDef>(def: T): T {
  for (const [action, t] of Object.entries(def.transitions)) {
    for (const s of [...t.from.filter((f) => f !== NEW), t.to]) {
      if (!def.states.includes(s)) throw new Error(`${def.objectType}.${action}: unknown state ${s}`);
    }
  }
  lifecycles.set(def.objectType, def);
  return def;
}

/** The retention class of an object's entries: `row` is the row as the transition leaves it. */
export function retentionClassOf(def: LifecycleDef, row: Readonly<Record<string, unknown>>): string {
  const c = def.retentionClass;
  return typeof c === 'function' ? c(row) : (c ?? 'business');
}

/** Every lifecycle defined so far (the ledger audit checks each table against its entries). */
export function allLifecycles(): LifecycleDef[] {
  return [...lifecycles.values()];
}
