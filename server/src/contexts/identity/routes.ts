import { z } from 'zod';
import { AppError } from '../../kernel/http/errors.js';
import { pageOf } from '../../kernel/http/pagination.js';
import { Ok, TransitionView } from '../../kernel/http/responses.js';
import { requireAuthenticated, type App } from '../../kernel/http/server.js';
import type { Kernel } from '../../kernel/kernel.js';
import { createApiKey, listApiKeys, revokeApiKey } from './usecases/apikeys.js';
import { acceptInvitation, changePassword, inviteMember } from './usecases/users.js';
import { mfaMandatory } from './usecases/actors.js';
import * as m from './model.js';
import { clearSessionCookie, setSessionCookie } from './plugin.js';
import { auditDenied, orgSubject } from './policy.js';
import { listMembers, setMemberRoles } from './usecases/members.js';
import * as orgs from './usecases/organizations.js';
import { defineObjectReader } from '../../kernel/workflow/readers.js';
import { enrollTotp, login, logout, verifyTotp, resolveSession } from './usecases/sessions.js';
import * as store from './store.js';
import { listAuditEvents } from './usecases/audit-events.js';
import { orgPersonnel } from './usecases/personnel.js';
import {
  orgAbilities,
  presentActorRole,
  presentApiKey,
  presentJurisdiction,
  presentLogin,
  presentMember,
  presentOrg,
} from './present.js';
import { SESSION_COOKIE } from './plugin.js';
import { EndRoleInput, endActorRole } from './usecases/role-end.js';
import { RealNameInput, recordRealNameCheck } from './usecases/real-name.js';
import { PositionInput, recordPosition } from './usecases/compliance.js';
import { oidcRoutes } from './routes/oidc.js';
import { platformRoleRoutes } from './routes/platform-roles.js';

const tags = ['identity'];

/** identity.md API (all under /api/v1). Handlers are one service call each. */
export function identityRoutes(app: App, k: Kernel) {
  defineObjectReader('Organization', orgs.getOrganization); // LED-13: its GET's rule
  oidcRoutes(app, k); // LGN-06
  platformRoleRoutes(app, k); // IAM-14
  app.post(
    '/api/v1/auth/login',
    { schema: { tags, body: m.LoginInput, response: { 200: m.LoginView } } },
    async (req, reply) => {
      const r = await login(k, req.body, req.ip, req.headers['user-agent']);
      setSessionCookie(reply, r.token);
      return presentLogin(r);
    },
  );

  app.post('/api/v1/auth/logout', { schema: { tags, response: { 200: Ok } } }, async (req, reply) => {
    const actor = requireAuthenticated(req);
    if (req.sessionIdHash) await logout(k, req.sessionIdHash, actor);
    clearSessionCookie(reply);
    return { ok: true as const };
  });

  app.post('/api/v1/auth/totp/enroll', { schema: { tags, response: { 200: m.TotpEnrollmentView } } }, async (req) =>
    enrollTotp(k, requireAuthenticated(req), req.sessionStage),
  );

  app.post('/api/v1/auth/totp/verify', { schema: { tags, body: m.TotpInput, response: { 200: Ok } } }, async (req) => {
    requireAuthenticated(req);
    const s = await resolveSession(k, req.cookies[SESSION_COOKIE] ?? '', req.ip);
    if (!s) throw new AppError(401, 'UNAUTHENTICATED');
    await verifyTotp(k, s, req.body.code);
    return { ok: true as const };
  });

  app.get('/api/v1/me', { schema: { tags, response: { 200: m.MeView } } }, async (req) => {
    const a = requireAuthenticated(req);
    const [user, org, memberships] = await Promise.all([
      store.getUser(k.db, a.userId!),
      store.getOrg(k.db, a.orgId!),
      store.listMembershipsOfUser(k.db, a.userId!),
    ]);
    const windowMs = k.profile.get<number>('auth.mfaStepUpMinutes') * 60_000;
    return {
      user: {
        id: user!.id,
        loginName: user!.login_name,
        realName: user!.real_name,
        demo: user!.demo,
        totpEnrolled: !!user!.totp_secret_enc,
      },
      org: { id: org!.id, nameZh: org!.name_zh, entityKind: org!.entity_kind },
      roles: a.roles,
      actorRoles: a.actorRoles.map((r) => ({ actor: r.actor, jurisdictionId: r.jurisdictionId, status: r.status })),
      memberships: memberships.map((x) => ({ orgId: x.org_id, nameZh: x.org_name_zh ?? '' })),
      mfaRequired: mfaMandatory(a, k.profile.get<boolean>('auth.mfaRequiredForAll')),
      mfaFresh: !!a.mfaAt && k.clock.now().getTime() - new Date(a.mfaAt).getTime() <= windowMs,
    };
  });

  app.get(
    '/api/v1/jurisdictions',
    { schema: { tags, response: { 200: z.object({ items: z.array(m.JurisdictionView) }) } } },
    async (req) => {
      requireAuthenticated(req);
      const rows = await store.listJurisdictions(k.db);
      return { items: rows.map(presentJurisdiction) };
    },
  );

  app.get(
    '/api/v1/orgs',
    { schema: { tags, querystring: m.OrgListQuery, response: { 200: pageOf(m.OrgView) } } },
    async (req) => {
      const a = requireAuthenticated(req);
      const { rows, total } = await orgs.listOrganizations(k, a, req.query);
      return { items: rows.map((o) => presentOrg(o)), total, page: req.query.page, pageSize: req.query.pageSize };
    },
  );

  app.post(
    '/api/v1/orgs',
    { schema: { tags, body: m.CreateOrgInput, response: { 201: TransitionView } } },
    async (req, reply) => {
      const r = await orgs.createOrganization(k, requireAuthenticated(req), req.body);
      reply.status(201);
      return r;
    },
  );

  app.get('/api/v1/orgs/:id', { schema: { tags, params: m.IdParams, response: { 200: m.OrgView } } }, async (req) => {
    const a = requireAuthenticated(req);
    const { org, roles } = await orgs.getOrganization(k, a, req.params.id);
    return presentOrg(org, roles, orgAbilities(k, a, org));
  });

  for (const action of ['verify', 'suspend', 'reactivate', 'deactivate', 'restore'] as const) {
    app.post(
      `/api/v1/orgs/:id/${action}`,
      {
        schema: {
          tags,
          params: m.IdParams,
          body: m.ReasonInput.partial().optional(),
          response: { 200: TransitionView },
        },
      },
      async (req) => {
        const a = requireAuthenticated(req);
        try {
          return await orgs.changeOrgState(k, a, req.params.id, action, req.body?.reason);
        } catch (e) {
          const o = await store.getOrg(k.db, req.params.id);
          if (o) await auditDenied(k, a, `org.${action}`, orgSubject(o), e);
          throw e;
        }
      },
    );
  }

  app.get(
    '/api/v1/orgs/:id/actor-roles',
    { schema: { tags, params: m.IdParams, response: { 200: z.object({ items: z.array(m.ActorRoleView) }) } } },
    async (req) => {
      const { roles } = await orgs.getOrganization(k, requireAuthenticated(req), req.params.id);
      return { items: roles.map(presentActorRole) };
    },
  );

  app.post(
    '/api/v1/orgs/:id/actor-roles',
    { schema: { tags, params: m.IdParams, body: m.GrantRoleInput, response: { 201: TransitionView } } },
    async (req, reply) => {
      const r = await orgs.grantActorRole(k, requireAuthenticated(req), req.params.id, req.body);
      reply.status(201);
      return r;
    },
  );

  app.post(
    '/api/v1/orgs/:id/actor-roles/:roleId/end',
    {
      schema: {
        tags,
        params: z.object({ id: m.Uuid, roleId: m.Uuid }),
        body: EndRoleInput,
        response: { 200: TransitionView },
      },
    },
    async (req) => endActorRole(k, requireAuthenticated(req), req.params.id, req.params.roleId, req.body),
  );

  app.put(
    '/api/v1/orgs/:id/members/:memberId/real-name',
    {
      schema: {
        tags,
        params: z.object({ id: m.Uuid, memberId: m.Uuid }),
        body: RealNameInput,
        response: { 200: TransitionView },
      },
    },
    async (req) => recordRealNameCheck(k, requireAuthenticated(req), req.params.id, req.params.memberId, req.body),
  );

  app.put(
    '/api/v1/orgs/:id/members/:memberId/position',
    {
      schema: {
        tags,
        params: z.object({ id: m.Uuid, memberId: m.Uuid }),
        body: PositionInput,
        response: { 200: TransitionView },
      },
    },
    async (req) => recordPosition(k, requireAuthenticated(req), req.params.id, req.params.memberId, req.body),
  );

  app.get(
    '/api/v1/orgs/:id/members',
    { schema: { tags, params: m.IdParams, response: { 200: z.object({ items: z.array(m.MemberView) }) } } },
    async (req) => {
      const rows = await listMembers(k, requireAuthenticated(req), req.params.id);
      return { items: rows.map(presentMember) };
    },
  );

  app.post(
    '/api/v1/orgs/:id/members',
    {
      schema: {
        tags,
        params: m.IdParams,
        body: m.InviteInput,
        response: { 201: m.InvitationView },
      },
    },
    async (req, reply) => {
      const r = await inviteMember(k, requireAuthenticated(req), req.params.id, req.body);
      reply.status(201);
      return r;
    },
  );

  app.post(
    '/api/v1/auth/invitations/accept',
    {
      schema: {
        tags,
        body: m.AcceptInvitationInput,
        response: { 200: Ok },
      },
    },
    async (req) => {
      await acceptInvitation(k, req.body.token, req.body.password, req.ip);
      return { ok: true as const };
    },
  );

  app.post(
    '/api/v1/auth/password',
    {
      schema: {
        tags,
        body: m.ChangePasswordInput,
        response: { 200: Ok },
      },
    },
    async (req) => {
      await changePassword(k, requireAuthenticated(req), req.body.oldPassword, req.body.newPassword);
      return { ok: true as const };
    },
  );

  app.put(
    '/api/v1/orgs/:id/members/:memberId/roles',
    {
      schema: {
        tags,
        params: z.object({ id: m.Uuid, memberId: m.Uuid }),
        body: m.SetRolesInput,
        response: { 200: TransitionView },
      },
    },
    async (req) => setMemberRoles(k, requireAuthenticated(req), req.params.id, req.params.memberId, req.body.roles),
  );

  app.get(
    '/api/v1/orgs/:id/api-keys',
    { schema: { tags, params: m.IdParams, response: { 200: z.object({ items: z.array(m.ApiKeyView) }) } } },
    async (req) => {
      const rows = await listApiKeys(k, requireAuthenticated(req), req.params.id);
      return { items: rows.map(presentApiKey) };
    },
  );

  app.post(
    '/api/v1/orgs/:id/api-keys',
    { schema: { tags, params: m.IdParams, body: m.CreateApiKeyInput, response: { 201: m.ApiKeySecretView } } },
    async (req, reply) => {
      const r = await createApiKey(k, requireAuthenticated(req), req.params.id, req.body);
      reply.status(201);
      return r;
    },
  );

  app.post(
    '/api/v1/orgs/:id/api-keys/:keyId/revoke',
    { schema: { tags, params: z.object({ id: m.Uuid, keyId: m.Uuid }), response: { 200: TransitionView } } },
    async (req) => revokeApiKey(k, requireAuthenticated(req), req.params.id, req.params.keyId),
  );

  app.get(
    '/api/v1/audit-events',
    {
      schema: {
        tags,
        querystring: m.AuditEventQuery,
        response: { 200: pageOf(m.AuditEventView) },
      },
    },
    async (req) => listAuditEvents(k, requireAuthenticated(req), req.query),
  );

  app.get(
    '/api/v1/orgs/:id/personnel',
    { schema: { tags, params: m.IdParams, response: { 200: m.PersonnelView } } },
    async (req) => orgPersonnel(k, requireAuthenticated(req), req.params.id),
  );
}
