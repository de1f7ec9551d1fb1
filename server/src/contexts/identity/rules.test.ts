import { describe, expect, it } from 'vitest';
import { loadProfile } from '../../kernel/profiles/index.js';
import {
  IAM_03,
  IAM_04,
  IAM_06,
  IAM_07,
  IAM_09,
  IAM_14,
  LGN_02,
  PER_01,
  PER_OFFICER,
  type RoleGrantFacts,
} from './rules.js';

const profile = loadProfile('zhuhai');
const grant = (over: Partial<RoleGrantFacts>): RoleGrantFacts => ({
  actor: 'operator',
  blacklisted: false,
  incidentsInWindow: 0,
  otherActiveActors: [],
  grantorActor: 'authority',
  entityKind: 'enterprise',
  hasPrimarySecurityOfficer: true,
  ...over,
});
const code = (r: ReturnType<typeof IAM_06.check>) => (r.ok ? 'PASS' : r.code);

describe('IAM-03 USCC prefix vs entity kind', () => {
  it('asks for an acknowledgement when an enterprise carries an organ prefix', () => {
    expect(
      code(
        IAM_03.check(
          { entityKind: 'enterprise', uscc: '11440400MB2C123457', duplicateExists: false, today: new Date() },
          profile,
        ),
      ),
    ).toBe('USCC_KIND_MISMATCH');
    expect(
      code(
        IAM_03.check(
          {
            entityKind: 'enterprise',
            uscc: '11440400MB2C123457',
            duplicateExists: false,
            usccKindAcknowledged: true,
            today: new Date(),
          },
          profile,
        ),
      ),
    ).toBe('PASS');
    expect(
      code(
        IAM_03.check(
          { entityKind: 'gov_organ', uscc: '11440400MB2C123457', duplicateExists: false, today: new Date() },
          profile,
        ),
      ),
    ).toBe('PASS');
  });
});

describe('IAM-04 who grants which actor role', () => {
  it('lets the authority grant operator but not authority', () => {
    expect(code(IAM_04.check(grant({}), profile))).toBe('PASS');
    expect(code(IAM_04.check(grant({ actor: 'authority' }), profile))).toBe('ROLE_GRANTOR_NOT_ALLOWED');
    expect(code(IAM_04.check(grant({ actor: 'authority', grantorActor: 'platform_admin' }), profile))).toBe('PASS');
    expect(code(IAM_04.check(grant({ actor: 'collaborator', grantorActor: 'authority' }), profile))).toBe(
      'ROLE_GRANTOR_NOT_ALLOWED',
    );
  });
});

describe('IAM-06 blacklist', () => {
  it('refuses operator, collaborator and lab_partner to a blacklisted org, not buyer', () => {
    for (const actor of ['operator', 'collaborator', 'lab_partner'])
      expect(code(IAM_06.check(grant({ actor, blacklisted: true }), profile))).toBe('ORG_BLACKLISTED');
    expect(code(IAM_06.check(grant({ actor: 'buyer', blacklisted: true }), profile))).toBe('PASS');
    expect(code(IAM_06.check(grant({ blacklisted: false }), profile))).toBe('PASS');
  });
});

describe('IAM-07 incident-free years', () => {
  it('refuses operator with an incident in the window', () => {
    expect(code(IAM_07.check(grant({ incidentsInWindow: 1 }), profile))).toBe('ORG_INCIDENT_HISTORY');
    expect(code(IAM_07.check(grant({ incidentsInWindow: 0 }), profile))).toBe('PASS');
  });
});

describe('IAM-09 exchange exclusivity', () => {
  it('refuses exchange for an operator and buyer for an exchange', () => {
    expect(code(IAM_09.check(grant({ actor: 'exchange', otherActiveActors: ['operator'] }), profile))).toBe(
      'ROLE_CONFLICT',
    );
    expect(code(IAM_09.check(grant({ actor: 'buyer', otherActiveActors: ['exchange'] }), profile))).toBe(
      'ROLE_CONFLICT',
    );
    expect(code(IAM_09.check(grant({ actor: 'buyer', otherActiveActors: ['source_unit'] }), profile))).toBe('PASS');
  });
});

describe('PER-01 security officer', () => {
  it('refuses operator without a primary security officer', () => {
    expect(code(PER_01.check(grant({ hasPrimarySecurityOfficer: false }), profile))).toBe('SECURITY_OFFICER_MISSING');
    expect(code(PER_01.check(grant({ actor: 'buyer', hasPrimarySecurityOfficer: false }), profile))).toBe('PASS');
  });
  it('needs background check, NDA and MFA before adding security_officer', () => {
    const base = {
      actorUserId: 'a',
      targetUserId: 'b',
      addedRoles: ['security_officer'],
      allowedRoles: ['security_officer'],
    };
    expect(
      code(
        PER_OFFICER.check(
          { ...base, personnel: { backgroundPassed: false, ndaOnFile: true, mfaEnrolled: true } },
          profile,
        ),
      ),
    ).toBe('PERSONNEL_PREREQUISITE');
    expect(
      code(
        PER_OFFICER.check(
          { ...base, personnel: { backgroundPassed: true, ndaOnFile: true, mfaEnrolled: true } },
          profile,
        ),
      ),
    ).toBe('PASS');
  });
});

describe('IAM-14 no self role change', () => {
  it('refuses changing one’s own roles', () => {
    const f = {
      actorUserId: 'u1',
      targetUserId: 'u1',
      addedRoles: [],
      allowedRoles: [],
      personnel: { backgroundPassed: true, ndaOnFile: true, mfaEnrolled: true },
    };
    expect(code(IAM_14.check(f, profile))).toBe('SELF_ACTION_FORBIDDEN');
    expect(code(IAM_14.check({ ...f, targetUserId: 'u2' }, profile))).toBe('PASS');
  });
});

describe('LGN-02 password policy', () => {
  const check = (password: string, historyMatches = false) =>
    code(LGN_02.check({ password, loginName: 'zhangwei', mobile: '13912345678', historyMatches }, profile));
  it('accepts a long password of three classes', () => expect(check('Blue-river-2026')).toBe('PASS'));
  it.each([
    ['short', 'Ab1!short'],
    ['two classes', 'onlylowercase123'],
    ['login name inside', 'Zhangwei-2026-x'],
    ['mobile inside', 'Ab-13912345678'],
  ])('rejects %s', (_, p) => {
    expect(check(p)).toBe('PASSWORD_WEAK');
  });
  it('rejects a reused password', () => expect(check('Blue-river-2026', true)).toBe('PASSWORD_REUSED'));
});
