import { Alert, List, Space, Tag, Typography } from 'antd';
import { ApiError } from '../api/request';
import { useI18n, useT } from '../i18n/I18nProvider';

/** The server's message for the current language. */
export function errorMessage(err: unknown, lang: string): string {
  if (err instanceof ApiError) return (lang === 'zh-CN' ? err.message_zh : err.message_en) || err.code;
  return err instanceof Error ? err.message : String(err);
}

/**
 * Shows an error beside a form. A 422/409 lists `details.failures` with the rule ID as a tag (style.md §8).
 * Renders nothing when there is no error, so it can sit permanently above a form.
 */
export function ErrorAlert({
  error,
  style,
  fieldLabels,
}: {
  error: unknown;
  style?: React.CSSProperties;
  fieldLabels?: Record<string, string>;
}) {
  const { lang } = useI18n();
  const t = useT();
  if (!error) return null;
  const failures = error instanceof ApiError ? error.failures : [];
  // 400 VALIDATION_FAILED lists the offending fields instead of rule failures.
  const issues =
    error instanceof ApiError && Array.isArray(error.details?.issues)
      ? (error.details.issues as { path: string; message: string; message_zh?: string; message_en?: string }[])
      : [];
  // A 400 issue names its field by the page's label for it (`/summary` → 摘要) and says what is wrong in the UI language (issue 14).
  const fieldOf = (path: string) => {
    const segs = path.split(/[/.]/).filter(Boolean);
    const key = segs.filter((x) => !/^\d+$/.test(x)).pop() ?? '';
    return fieldLabels?.[segs.join('.')] ?? fieldLabels?.[key] ?? path ?? '(body)';
  };
  const code = error instanceof ApiError ? error.code : undefined;
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      style={{ marginBottom: 16, ...style }}
      message={
        <Space>
          {errorMessage(error, lang)}
          {code && (
            <Typography.Text type="secondary" code>
              {code}
            </Typography.Text>
          )}
        </Space>
      }
      description={
        issues.length > 0 && failures.length === 0 ? (
          <ul style={{ margin: 0, paddingInlineStart: 18 }}>
            {issues.map((i, n) => {
              const label = fieldOf(i.path || '');
              const text = (lang === 'zh-CN' ? i.message_zh : i.message_en) ?? i.message;
              return (
                <li key={n}>
                  {label !== i.path ? (
                    <Typography.Text strong>{label}</Typography.Text>
                  ) : (
                    <Typography.Text code>{i.path || '(body)'}</Typography.Text>
                  )}{' '}
                  {text}
                </li>
              );
            })}
          </ul>
        ) : (
          failures.length > 0 && (
            <div>
              <Typography.Text strong>{t('app.error.failures')}</Typography.Text>
              <List
                size="small"
                dataSource={failures}
                renderItem={(f) => (
                  <List.Item style={{ paddingInline: 0 }}>
                    <Space align="start">
                      <Tag color="red" data-rule-id={f.ruleId}>
                        {f.ruleId}
                      </Tag>
                      <span>{(lang === 'zh-CN' ? f.message : (f.message_en ?? f.message)) ?? f.code}</span>
                    </Space>
                  </List.Item>
                )}
              />
            </div>
          )
        )
      }
    />
  );
}
