import { createContext, useContext, useMemo, type ReactNode } from 'react';
import type { Me } from '../pages/identity/api';
import type { SessionFacts } from '../pages/types';

interface SessionValue {
  me: Me;
  facts: SessionFacts;
}
const SessionContext = createContext<SessionValue | null>(null);

export function SessionProvider({ me, children }: { me: Me; children: ReactNode }) {
  const value = useMemo(
    () => ({
      me,
      facts: { roles: me.roles, actors: me.actorRoles.filter((r) => r.status === 'active').map((r) => r.actor) },
    }),
    [me],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

/** The logged-in user, org, roles and active actor types. Only inside the app layout. */
export function useSession(): SessionValue {
  const v = useContext(SessionContext);
  if (!v) throw new Error('useSession outside the app layout');
  return v;
}

/** Same, but null on public pages. */
export function useOptionalSession(): SessionValue | null {
  return useContext(SessionContext);
}
