import { registerMessages } from '../../../kernel/http/messages.js';

// sandbox.md "Bad input and abuse" (PSI-01…05): messages name the rule and the limit, never an item.
registerMessages({
  PSI_NOT_ALLOWED: {
    zh: '该服务不允许隐私求交（{reason}）',
    en: 'Private set intersection is not allowed for this service ({reason})',
  },
  PSI_MODE_NOT_ALLOWED: {
    zh: '授权与合同不允许以 {mode} 模式求交',
    en: 'The Grant and Contract do not allow the {mode} mode',
  },
  PSI_LIST_SIZE: { zh: '名单条数须在 {min} 到 {max} 之间', en: 'The list must hold between {min} and {max} items' },
  PSI_SESSION_CAP: {
    zh: '今日对该服务的求交次数已达上限 {max} 次',
    en: 'Daily limit of {max} sessions on this service reached',
  },
  PSI_DIFFERENCING: {
    zh: '名单与此前提交的名单差异少于 {k} 条，已拒绝',
    en: 'The list differs from an earlier list by fewer than {k} items and is refused',
  },
  PSI_SESSION_NOT_OPEN: { zh: '求交会话已结束（{state}）', en: 'The PSI session is {state}' },
  PSI_UPLOAD_ORDER: {
    zh: '盲化数据须按顺序上传，应从第 {expected} 条开始',
    en: 'Blinded items must be sent in order, starting at {expected}',
  },
  PSI_UPLOAD_OVERFLOW: { zh: '上传条数超过会话声明的 {size} 条', en: 'More items than the declared {size}' },
  PSI_POINT_INVALID: {
    zh: '第 {index} 条不是 P-256 曲线上的点',
    en: 'Item {index} is not a point on P-256',
  },
  PSI_NOT_READY: { zh: '盲化数据尚未全部上传', en: 'The blinded list is not complete yet' },
});
