/**
 * One catalog of error messages keyed by code (style.md §5). Contexts add their codes with
 * registerMessages() at import time, so each context owns its wording.
 */
export interface Message {
  zh: string;
  en: string;
}

const catalog = new Map<string, Message>();

export function registerMessages(entries: Record<string, Message>): void {
  for (const [code, m] of Object.entries(entries)) catalog.set(code, m);
}

export function messageFor(code: string, params: Record<string, unknown> = {}): Message {
  const m = catalog.get(code) ?? { zh: `操作失败（${code}）`, en: `Request failed (${code})` };
  return { zh: fill(m.zh, params), en: fill(m.en, params) };
}

export function knownCodes(): string[] {
  return [...catalog.keys()];
}

function fill(text: string, params: Record<string, unknown>): string {
  return text.replace(/\{(\w+)\}/g, (_, k) => (params[k] === undefined ? `{${k}}` : String(params[k])));
}

registerMessages({
  VALIDATION_FAILED: { zh: '请求参数不合法：{fields}', en: 'Invalid request: {fields}' },
  NOT_FOUND: { zh: '对象不存在或无权查看', en: 'Not found' },
  FORBIDDEN: { zh: '无权执行此操作（{reason}）', en: 'Forbidden ({reason})' },
  CROSS_TENANT_FORBIDDEN: { zh: '不能处理其他辖区的对象', en: 'Objects of another jurisdiction cannot be acted on' },
  SELF_ACTION_FORBIDDEN: {
    zh: '不能对本人创建或本人账户执行此操作',
    en: 'You cannot act on your own record or account',
  },
  UNAUTHENTICATED: { zh: '请先登录', en: 'Login required' },
  MFA_REQUIRED: { zh: '需要验证动态口令（TOTP）', en: 'A fresh TOTP verification is required' },
  TOTP_REPLAY: { zh: '该动态口令已使用过', en: 'This TOTP code was already used' },
  TOTP_INVALID: { zh: '动态口令不正确', en: 'The TOTP code is wrong' },
  CSRF: { zh: '缺少或错误的 CSRF 令牌', en: 'Missing or wrong x-csrf-token' },
  INVALID_TRANSITION: {
    zh: '当前状态“{from}”不允许执行“{action}”',
    en: 'Action "{action}" is not allowed from state "{from}"',
  },
  STALE_OBJECT: {
    zh: '对象已被他人修改，请刷新后重试',
    en: 'The object was changed by someone else; reload and retry',
  },
  RULE_FAILED: { zh: '未通过规则校验', en: 'Rule checks failed' },
  INTERNAL: { zh: '服务器内部错误', en: 'Internal server error' },
  RATE_LIMITED: { zh: '请求过于频繁，请稍后再试', en: 'Too many requests' },
  PAYLOAD_TOO_LARGE: { zh: '上传内容过大', en: 'Payload too large' },
  // The HTTP edge (0058): framework and parser refusals, in the same shape, echoing no input.
  URL_MALFORMED: { zh: '请求地址编码不正确', en: 'The request URL is not correctly encoded' },
  URI_TOO_LONG: { zh: '请求地址过长', en: 'The request URL is too long' },
  HEADERS_TOO_LARGE: { zh: '请求头或地址过长', en: 'Request headers or URL too large' },
  UNSUPPORTED_MEDIA_TYPE: { zh: '不支持的内容类型', en: 'Unsupported content type' },
  METHOD_NOT_ALLOWED: { zh: '不支持的请求方法', en: 'Method not allowed' },
  NOT_ACCEPTABLE: { zh: '无法按请求的格式答复', en: 'Not acceptable' },
  REQUEST_TIMEOUT: { zh: '请求超时', en: 'Request timeout' },
  BAD_REQUEST: { zh: '请求格式不正确', en: 'Malformed request' },
  NUL_CHARACTER: {
    zh: '输入中不能包含空字符（\\u0000）：{fields}',
    en: 'Input must not contain the NUL character (\\u0000): {fields}',
  },
});
