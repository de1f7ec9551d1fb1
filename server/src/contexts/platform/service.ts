import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { ProfileOverrideTable } from '../../kernel/db/schema.js';
import { type Executor, type KernelTables, ownTables } from '../../kernel/db/tables.js';
import { registerMessages } from '../../kernel/http/messages.js';
import type { Kernel } from '../../kernel/kernel.js';
import { loadProfile, PROFILES } from '../../kernel/profiles/index.js';
import { actorRef, type Actor } from '../../kernel/workflow/actor.js';
import { transition } from '../../kernel/workflow/transition.js';
import { profileOverrideLifecycle } from './lifecycle.js';

registerMessages({
  PROFILE_VALUE_TYPE: {
    zh: '参数 {key} 的取值类型与默认值不一致',
    en: 'The value of {key} has a different type than its default',
  },
});

const platformSubject = { type: 'ProfileOverride' };

/** The deployment's profile: its id, the chain it extends, and every key's effective value. */
export function describeProfile(k: Kernel) {
  const base = loadProfile(k.profile.id);
  const chain: string[] = [];
  for (let p: string | undefined = k.profile.id; p; p = PROFILES[p]?.parent) chain.push(p);
  return {
    id: k.profile.id,
    version: PROFILES[k.profile.id]?.version,
    chain,
    profiles: Object.values(PROFILES),
    base,
    current: k.profile,
  };
}

/** The deployment's active override of one key, locked (profile_override is a kernel table the platform writes). */
async function activeOverride(db: Executor, key: string): Promise<Selectable<ProfileOverrideTable> | undefined> {
  return ownTables<KernelTables>(db)
    .selectFrom('profile_override')
    .selectAll()
    .where('scope', '=', 'deployment')
    .where('key', '=', key)
    .where('state', '=', 'active')
    .forUpdate()
    .executeTakeFirst();
}

function typeOf(v: unknown) {
  return v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v;
}

/** Sets (or replaces) a deployment override; the previous active one is withdrawn in the same transaction. */
export async function setOverride(k: Kernel, actor: Actor, key: string, value: unknown, reason: string) {
  const base = loadProfile(k.profile.id);
  const known = base.has(key);
  const facts = { key, known, sameType: known && (base.get(key) === null || typeOf(base.get(key)) === typeOf(value)) };
  const res = await k.db.transaction().execute(async (trx) => {
    const prev = await activeOverride(trx, key);
    if (prev)
      await transition(trx, k.workflow, {
        lifecycle: profileOverrideLifecycle,
        action: 'withdraw',
        actor,
        object: prev,
        subject: platformSubject,
        input: { reason },
      });
    return transition(trx, k.workflow, {
      lifecycle: profileOverrideLifecycle,
      action: 'set',
      actor,
      object: null,
      subject: platformSubject,
      facts,
      input: { key, value, reason },
      values: { id: randomUUID(), key, value: JSON.stringify(value), reason, set_by: JSON.stringify(actorRef(actor)) },
    });
  });
  await k.reloadProfile();
  return res;
}
