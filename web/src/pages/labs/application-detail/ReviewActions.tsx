import { useState } from 'react';
import { Button, Checkbox, Form, Input, InputNumber, Modal, Space } from 'antd';
import { useT } from '../../../i18n/I18nProvider';
import { labsApi, useLabMutation, type Application } from '../api';

type Dialog = 'return' | 'not-select' | 'shortlist' | 'note' | null;

/**
 * The authority's decisions on a whole dossier: accept for review, the "not a duplicate" note (LAB-04), return or
 * not-select with a reason, shortlist with the director attestation (LAB-06). Buttons follow the server's abilities.
 */
export function ReviewActions({ a, onError }: { a: Application; onError: (e: unknown) => void }) {
  const t = useT();
  const [open, setOpen] = useState<Dialog>(null);
  const [form] = Form.useForm();
  const can = (x: string) => a.abilities.includes(x);
  const done = () => {
    setOpen(null);
    form.resetFields();
    onError(null);
  };
  const accept = useLabMutation(() => labsApi.review(a.id, 'accept'), done);
  const decide = useLabMutation((v: Record<string, unknown>) => {
    if (open === 'note') return labsApi.noteNotDuplicate(a.id, String(v.note));
    if (open === 'shortlist')
      return labsApi.shortlist(a.id, {
        directorAttested: Boolean(v.directorAttested),
        comment: String(v.comment ?? ''),
        round: Number(v.round ?? 1),
      });
    return labsApi.review(a.id, open === 'return' ? 'return' : 'not-select', String(v.reason));
  }, done);
  const required = [{ required: true, message: t('labs.form.required') }];
  const titles: Record<Exclude<Dialog, null>, string> = {
    return: t('labs.review.return'),
    'not-select': t('labs.review.notSelect'),
    shortlist: t('labs.review.shortlist'),
    note: t('labs.review.note'),
  };
  return (
    <>
      <Space wrap>
        {can('accept') && (
          <Button type="primary" loading={accept.isPending} onClick={() => accept.mutate(undefined, { onError })}>
            {t('labs.review.accept')}
          </Button>
        )}
        {can('note') && a.similar.length > 0 && !a.duplicateNote && (
          <Button onClick={() => setOpen('note')}>{titles.note}</Button>
        )}
        {can('shortlist') && (
          <Button type="primary" onClick={() => setOpen('shortlist')}>
            {titles.shortlist}
          </Button>
        )}
        {can('return') && <Button onClick={() => setOpen('return')}>{titles.return}</Button>}
        {can('not_select') && (
          <Button danger onClick={() => setOpen('not-select')}>
            {titles['not-select']}
          </Button>
        )}
      </Space>
      <Modal
        open={open !== null}
        title={open ? titles[open] : ''}
        okText={t('labs.common.confirm')}
        cancelText={t('labs.common.cancel')}
        confirmLoading={decide.isPending}
        onCancel={() => setOpen(null)}
        onOk={() => form.submit()}
        destroyOnClose
      >
        <Form
          form={form}
          layout="vertical"
          preserve={false}
          onFinish={(v) =>
            decide.mutate(v, {
              onError: (e) => {
                setOpen(null);
                onError(e);
              },
            })
          }
        >
          {open === 'shortlist' && (
            <>
              <Form.Item name="directorAttested" valuePropName="checked">
                <Checkbox>{t('labs.review.directorAttested')}</Checkbox>
              </Form.Item>
              <Form.Item name="round" label={t('labs.review.round')} initialValue={1}>
                <InputNumber min={1} />
              </Form.Item>
              <Form.Item name="comment" label={t('labs.review.comment')}>
                <Input.TextArea rows={3} maxLength={2000} />
              </Form.Item>
            </>
          )}
          {open === 'note' && (
            <Form.Item name="note" label={t('labs.review.noteText')} rules={required}>
              <Input.TextArea rows={3} maxLength={2000} />
            </Form.Item>
          )}
          {(open === 'return' || open === 'not-select') && (
            <Form.Item name="reason" label={t('labs.dossier.reason')} rules={required}>
              <Input.TextArea rows={3} maxLength={2000} />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </>
  );
}
