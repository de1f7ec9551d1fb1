/** One actor role an org holds in a jurisdiction (identity.md OrgActorRole). */
export interface ActorRoleGrant {
  actor: string;
  jurisdictionId: string;
  /** Ids from the national root down to jurisdictionId. */
  jurisdictionPath: string[];
  status: string;
}

/**
 * Who is asking: a user acting for one org, an API key of an org, a system job, or the
 * public. Built once per request by the identity context's auth hook.
 */
export interface Actor {
  kind: 'user' | 'api_key' | 'system' | 'public';
  userId?: string;
  loginName?: string;
  orgId?: string;
  orgUscc?: string;
  orgStatus?: string;
  /** OrgRoles of the user in orgId (identity.md OrgRole). */
  roles: string[];
  actorRoles: ActorRoleGrant[];
  /** Jurisdictions whose subtree this actor may read (authority, registry, regulator roles). */
  readableJurisdictionIds: string[];
  mfaAt?: Date | null;
  demo?: boolean;
  apiKeyId?: string;
  sessionId?: string;
  ip?: string;
  userAgent?: string;
  /** Deny flags set by supervision: rectification (IAM-15). */
  inRectification?: boolean;
  system?: string;
}

export const publicActor = (ip?: string): Actor => ({
  kind: 'public',
  roles: [],
  actorRoles: [],
  readableJurisdictionIds: [],
  ip,
});

export const systemActor = (job: string): Actor => ({
  kind: 'system',
  system: job,
  roles: ['system'],
  actorRoles: [],
  readableJurisdictionIds: [],
});

/** How an actor appears in events and ledger headers (ledger.md LedgerEntry.actor). */
export type ActorRef = ReturnType<typeof actorRef>;
export function actorRef(a: Actor) {
  return {
    userId: a.kind === 'system' ? `system:${a.system}` : (a.userId ?? null),
    orgId: a.orgId ?? null,
    orgUscc: a.orgUscc ?? null,
    role: a.roles[0] ?? null,
    apiKeyId: a.apiKeyId ?? null,
  };
}

export function activeActorRoles(a: Actor, actor?: string): ActorRoleGrant[] {
  return a.actorRoles.filter((r) => r.status === 'active' && (!actor || r.actor === actor));
}
