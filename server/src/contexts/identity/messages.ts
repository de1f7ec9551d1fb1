import { registerMessages } from '../../kernel/http/messages.js';

registerMessages({
  USCC_INVALID: {
    zh: '统一社会信用代码不正确（校验位应为 {expectedCheck}）',
    en: 'Invalid unified social credit code (expected check character {expectedCheck})',
  },
  ID_NUMBER_INVALID: { zh: '身份证号码校验位或出生日期不正确', en: 'Invalid ID number (check digit or birth date)' },
  ORG_DUPLICATE: { zh: '该统一社会信用代码已登记', en: 'An organization with this USCC already exists' },
  USCC_KIND_MISMATCH: {
    zh: '统一社会信用代码前缀 {prefix} 与机构类型不符，请确认',
    en: 'USCC prefix {prefix} does not match the entity kind; acknowledge to continue',
  },
  ORG_BLACKLISTED: {
    zh: '该机构在失信名单中，不能授予此角色',
    en: 'The organization is on a blacklist and cannot receive this role',
  },
  ORG_BANNED: { zh: '该机构处于禁入期', en: 'The organization is banned' },
  ORG_INCIDENT_HISTORY: {
    zh: '该机构近 {years} 年内发生过网络或数据安全事件',
    en: 'The organization had a security incident within {years} years',
  },
  ORG_SUSPENDED: { zh: '机构已被暂停', en: 'The organization is suspended' },
  ORG_NOT_VERIFIED: {
    zh: '机构尚未通过核验，暂不能办理此项业务',
    en: 'The organization has not been verified yet',
  },
  ORG_DEACTIVATED: { zh: '机构已注销', en: 'The organization is deactivated' },
  ORG_MERGED: { zh: '机构已被合并，请以承继机构办理', en: 'The organization was merged; act as its successor' },
  ORG_IN_RECTIFICATION: {
    zh: '机构整改期间不得开展运营操作',
    en: 'Operating actions are denied while the organization is in rectification',
  },
  ROLE_GRANTOR_NOT_ALLOWED: { zh: '无权授予“{actor}”角色', en: 'This grantor may not grant the {actor} role' },
  ROLE_CONFLICT: {
    zh: '数据交易机构不得同时担任运营机构、协作单位或需求方',
    en: 'An exchange cannot also be operator, collaborator or buyer',
  },
  ENTITY_KIND_NOT_ALLOWED: { zh: '自然人不能担任“{actor}”角色', en: 'A natural person cannot hold the {actor} role' },
  SECURITY_OFFICER_MISSING: {
    zh: '机构缺少在岗的数据安全负责人',
    en: 'The organization has no active primary security officer',
  },
  PERSONNEL_PREREQUISITE: { zh: '人员条件未满足：{missing}', en: 'Personnel prerequisites missing: {missing}' },
  ROLE_NOT_ALLOWED: { zh: '该机构类型不能设置角色：{roles}', en: 'Roles not allowed for this organization: {roles}' },
  PASSWORD_WEAK: {
    zh: '密码强度不足（至少 12 位，包含三类字符，且不含用户名或手机号）',
    en: 'Password too weak (≥12 chars, 3 classes, no login name or mobile)',
  },
  PASSWORD_REUSED: { zh: '不能使用最近用过的密码', en: 'This password was used recently' },
  LOGIN_FAILED: { zh: '用户名或密码错误，或账户已锁定', en: 'Wrong login name or password, or the account is locked' },
  LOGIN_THROTTLED: { zh: '登录尝试过于频繁，请稍后再试', en: 'Too many login attempts; try later' },
  NO_MEMBERSHIP: { zh: '您不是该机构的成员', en: 'You are not a member of that organization' },
  KEY_IN_URL: {
    zh: 'API 密钥不能放在 URL 中，该密钥已被吊销',
    en: 'API keys must not be sent in the URL; the key was revoked',
  },
  KEY_INVALID: { zh: 'API 密钥无效', en: 'Invalid API key' },
  KEY_EXPIRED: { zh: 'API 密钥已过期', en: 'The API key has expired' },
  KEY_SUSPENDED: { zh: 'API 密钥已暂停或吊销', en: 'The API key is suspended or revoked' },
  IP_NOT_ALLOWED: { zh: '来源 IP 不在允许列表中', en: 'Source IP is not in the allow-list' },
  SCOPE_DENIED: { zh: '超出 API 密钥的授权范围', en: 'Outside the API key scope' },
  KEY_SCOPE_INVALID: {
    zh: 'API 密钥必须限定到具体的授权、订单或产品',
    en: 'API key scopes must name specific grants, orders or products',
  },
  KEY_NOT_ALLOWED: {
    zh: '只有需求方、运营机构或交易机构可以创建 API 密钥',
    en: 'Only buyer, operator or exchange orgs may create API keys',
  },
  KEY_LIFETIME_EXCEEDED: {
    zh: 'API 密钥有效期不能超过 {maxDays} 天',
    en: 'API key lifetime cannot exceed {maxDays} days',
  },
  IP_ALLOW_LIST_REQUIRED: { zh: '必须设置 IP 允许列表', en: 'An IP allow-list is required' },
  CIDR_INVALID: { zh: 'IP 地址段格式不正确：{cidr}', en: 'Invalid CIDR: {cidr}' },
  JURISDICTION_UNKNOWN: { zh: '辖区不存在', en: 'Unknown jurisdiction' },
  ORG_HAS_OPEN_AGREEMENT: {
    zh: '该机构仍是 {count} 份未结束协议的当事方（{agreements}），不能注销',
    en: 'The organization is party to {count} open agreement(s) ({agreements}) and cannot be deactivated',
  },
  REASON_REQUIRED: { zh: '须填写理由', en: 'A reason is required' },
  COMPLIANCE_OFFICER_COUNT: {
    zh: '数据交易机构须有且仅有一名在岗合规负责人（变更后为 {count} 名）',
    en: 'An exchange needs exactly one active compliance officer ({count} after this change)',
  },
  COMPLIANCE_OFFICER_POSITION_MISSING: {
    zh: '合规负责人须登记高级管理人员职务及任职文件',
    en: 'The compliance officer needs a recorded senior-management position and appointment document',
  },
  DATA_ACCESS_PREREQUISITE: {
    zh: '人员尚不满足数据访问条件：{missing}',
    en: 'Personnel prerequisites for data access missing: {missing}',
  },
  IDENTITY_NOT_VERIFIED: { zh: '实名核验未完成：{missing}', en: 'Real-name verification missing: {missing}' },
  OPERATION_AGREEMENT_REQUIRED: {
    zh: '授予运营机构角色须关联该辖区内有效的授权运营协议',
    en: 'The operator role needs a linked operation agreement in force in this jurisdiction',
  },
  LOGIN_NAME_TAKEN: { zh: '该用户名已被使用', en: 'This login name is taken' },
  INVITATION_INVALID: { zh: '邀请链接无效或已过期', en: 'The invitation link is invalid or expired' },
  TOTP_NOT_ENROLLED: { zh: '尚未绑定动态口令', en: 'TOTP is not enrolled' },
  TOTP_ALREADY_ENROLLED: {
    zh: '已绑定动态口令，请先输入动态口令完成登录后再重新绑定',
    en: 'TOTP is already enrolled; finish the login with a code before re-enrolling',
  },
  // LGN-06: OIDC single sign-on per jurisdiction
  OIDC_NOT_CONFIGURED: {
    zh: '该辖区未开通统一身份认证登录',
    en: 'Single sign-on is not enabled for this jurisdiction',
  },
  OIDC_STATE_INVALID: {
    zh: '统一身份认证登录请求无效或已使用，请重新发起登录',
    en: 'The sign-on request is invalid or was already used; start again',
  },
  OIDC_STATE_EXPIRED: {
    zh: '统一身份认证登录请求已过期，请重新发起登录',
    en: 'The sign-on request expired; start again',
  },
  OIDC_ISSUER_MISMATCH: {
    zh: '身份令牌的签发方与该辖区配置的认证平台不符',
    en: 'The token issuer does not match the identity provider configured for this jurisdiction',
  },
  OIDC_TOKEN_INVALID: { zh: '身份令牌校验未通过', en: 'The identity token failed validation' },
  OIDC_TOKEN_EXPIRED: { zh: '身份令牌已过期', en: 'The identity token has expired' },
  OIDC_PROVIDER_ERROR: {
    zh: '统一身份认证平台拒绝了登录（{error}）',
    en: 'The identity provider refused the sign-on ({error})',
  },
  OIDC_PROVIDER_UNAVAILABLE: {
    zh: '暂时无法连接统一身份认证平台，请稍后再试',
    en: 'The identity provider cannot be reached; try later',
  },
  OIDC_NOT_LINKED: {
    zh: '该统一身份认证账号尚未绑定平台用户。请先用账号密码登录，再在个人设置中绑定',
    en: 'This identity-provider account is not linked to a platform user. Log in with your password and link it first',
  },
  OIDC_USER_INACTIVE: {
    zh: '绑定的平台账户不可用（已停用、锁定或已离开机构）',
    en: 'The linked platform account is not active (disabled, locked or no longer a member)',
  },
  OIDC_JURISDICTION_MISMATCH: {
    zh: '该辖区的统一身份认证不能登录本辖区以外的机构',
    en: "This jurisdiction's identity provider cannot sign in to an organization outside it",
  },
  OIDC_ORG_MISMATCH: {
    zh: '身份令牌中的机构代码与所属机构的统一社会信用代码不一致',
    en: "The organization code in the token does not match the organization's USCC",
  },
  OIDC_LINK_EXISTS: {
    zh: '该统一身份认证账号已绑定其他平台用户',
    en: 'This identity-provider account is already linked to a platform user',
  },
  OIDC_CONFIG_INVALID: { zh: '统一身份认证配置不正确：{field}', en: 'Invalid single sign-on configuration: {field}' },
  // IAM-14: platform role requests (三员分立)
  PLATFORM_ROLE_REQUEST_REQUIRED: {
    zh: '平台管理角色（{roles}）须由系统管理员申请、安全管理员审批后变更',
    en: 'Platform roles ({roles}) change only through a sys_admin request approved by a security_admin',
  },
  PLATFORM_ROLES_EXCLUSIVE: {
    zh: '三员分立：该用户已担任 {held}，不能再担任 {role}',
    en: 'Separation of duties: the user already holds {held} and cannot also hold {role}',
  },
  PLATFORM_ROLE_ALREADY_HELD: { zh: '该用户已担任 {role}', en: 'The user already holds {role}' },
  PLATFORM_ROLE_NOT_HELD: { zh: '该用户未担任 {role}', en: 'The user does not hold {role}' },
  PLATFORM_ROLE_LAST_HOLDER: { zh: '不能撤销最后一名 {role}', en: 'The last {role} cannot be revoked' },
  PLATFORM_ROLE_TARGET_INVALID: {
    zh: '平台管理角色只能授予平台运营机构的在岗成员',
    en: 'Platform roles go only to active members of the platform organization',
  },
  PLATFORM_ROLE_REQUEST_PENDING: {
    zh: '该用户已有待审批的平台角色申请',
    en: 'A platform role request for this user is already pending',
  },
  OIDC_SECRET_MISSING: {
    zh: '统一身份认证的客户端密钥未配置',
    en: 'The client secret of the identity provider is not set',
  },
});
