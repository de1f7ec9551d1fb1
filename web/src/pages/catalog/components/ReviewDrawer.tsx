import { useState } from 'react';
import { App, Button, Descriptions, Drawer, Space } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { QueryError } from '../../../components/ResultPage';
import { useT } from '../../../i18n/I18nProvider';
import { formatDateTime } from '../../../utils/datetime';
import { catalogApi, catalogKeys, useResource } from '../api';
import { Dossier } from './Dossier';
import { DecisionModal, type Decision } from './DecisionModal';
import { gradeLabel, openLabel } from '../labels';

type Verdict = 'publish' | 'return';

/** The dossier of one classified resource with the reviewer's two decisions (CAT-02, CLS-01, CLS-05; issue 14). */
export function ReviewDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const t = useT();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const res = useResource(id ?? '');
  const [verdict, setVerdict] = useState<Verdict | null>(null);
  const act = useMutation({
    mutationFn: (v: { action: Verdict; reason?: string }) => catalogApi.action(id!, v.action, v.reason),
    onSuccess: async (_, v) => {
      await qc.invalidateQueries({ queryKey: catalogKeys.resources() }); // lists and details
      void message.success(
        t(v.action === 'publish' ? 'catalog.gradingReview.published' : 'catalog.gradingReview.returned'),
      ); // a toast: nothing waits for it to close
      setVerdict(null);
      onClose();
    },
  });
  const r = id ? res.data : undefined;
  const snap = r?.snapshots.find((s) => s.status === 'stored');
  const decisions: Record<Verdict, Decision> = {
    publish: {
      title: t('catalog.gradingReview.publishTitle'),
      okText: t('catalog.gradingReview.publish'),
      reasonRequired: false,
      reasonLabel: t('catalog.gradingReview.note'),
      summary: t('catalog.gradingReview.publishSummary', {
        name: r?.nameZh ?? '',
        grade: gradeLabel(t, r?.classification.grade),
        fields: r?.fields.length ?? 0,
        open: r ? openLabel(t, r.openClass) : '',
      }),
    },
    return: {
      title: t('catalog.gradingReview.returnTitle'),
      okText: t('catalog.gradingReview.return'),
      danger: true,
      reasonRequired: true,
      reasonLabel: t('catalog.gradingReview.returnReason'),
      summary: t('catalog.gradingReview.returnSummary', { name: r?.nameZh ?? '' }),
    },
  };
  return (
    <Drawer
      open={!!id}
      onClose={onClose}
      width={980}
      title={r ? t('catalog.gradingReview.dossierTitle', { name: r.nameZh }) : t('catalog.gradingReview.title')}
      loading={!!id && res.isLoading}
      extra={
        r && (
          <Space>
            {r.abilities.returnForRevision && (
              <Button danger onClick={() => setVerdict('return')}>
                {t('catalog.gradingReview.return')}
              </Button>
            )}
            {r.abilities.publish && (
              <Button type="primary" onClick={() => setVerdict('publish')}>
                {t('catalog.gradingReview.publish')}
              </Button>
            )}
          </Space>
        )
      }
    >
      {res.error ? (
        <QueryError error={res.error} />
      ) : (
        r && (
          <Space direction="vertical" style={{ width: '100%' }} size="middle">
            <Dossier
              showExamples
              r={{
                ...r,
                grade: r.classification.grade,
                category: r.classification.category,
                personalInfo: r.classification.personalInfo,
                sensitivePersonalInfo: r.classification.sensitivePersonalInfo,
                volumeRows: r.volume?.records ?? null,
              }}
              fields={r.fields.map((f) => ({
                id: f.id,
                nameZh: f.nameZh,
                valueType: f.valueType,
                grade: f.classification.grade,
                category: f.classification.category,
                personalInfo: f.classification.personalInfo,
                sensitivePersonalInfo: f.classification.sensitivePersonalInfo,
                sensitiveCategory: f.classification.sensitiveCategory,
                maskedExamples: f.maskedExamples,
              }))}
            />
            <Descriptions size="small" bordered column={2} title={t('catalog.gradingReview.evidence')}>
              <Descriptions.Item label={t('catalog.gradingReview.detections')}>
                {t('catalog.gradingReview.detectionCount', {
                  accepted: r.detections.filter((d) => d.status === 'accepted').length,
                  rejected: r.detections.filter((d) => d.status === 'rejected').length,
                })}
              </Descriptions.Item>
              <Descriptions.Item label={t('catalog.gradingReview.snapshot')}>
                {snap
                  ? t('catalog.gradingReview.snapshotInfo', {
                      v: snap.snapshotVersion,
                      rows: snap.rows ?? 0,
                      at: formatDateTime(snap.uploadedAt),
                    })
                  : '-'}
              </Descriptions.Item>
            </Descriptions>
          </Space>
        )
      )}
      <DecisionModal
        decision={verdict ? decisions[verdict] : null}
        onCancel={() => setVerdict(null)}
        pending={act.isPending}
        error={act.error}
        onOk={(v) => verdict && act.mutate({ action: verdict, reason: v.reason })}
      />
    </Drawer>
  );
}
