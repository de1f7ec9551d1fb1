import { useT } from '../../../i18n/I18nProvider';
import { formatDateTime } from '../../../utils/datetime';
import { DeskTable } from '../../supervision/components/DeskTable';
import { useEvaluations, type Evaluation } from '../api';
import { evaluationLink, ResultTag } from '../components/EvaluationCard';
import { evaluationStateLabel, resultLabel } from '../labels';

/** Annual evaluations (LAB-22): the evaluator's assigned labs, the authority's and the parties' evaluations. */
export default function EvaluationsPage() {
  const t = useT();
  const q = useEvaluations();
  return (
    <DeskTable<Evaluation>
      title={t('labs.evaluation.listTitle')}
      rows={q.data?.items ?? []}
      rowKey={(e) => e.id}
      loading={q.isLoading}
      error={q.error}
      fileName={t('labs.evaluation.exportName')}
      state={{ of: (e) => e.state, label: (s) => evaluationStateLabel(t, s) }}
      org={(e) => e.evaluator}
      columns={[
        { key: 'no', title: t('labs.evaluation.no'), text: (e) => e.evaluationNo, render: evaluationLink },
        { key: 'lab', title: t('labs.dossier.lab'), text: (e) => `${e.labNo} ${e.labName}` },
        { key: 'year', title: t('labs.evaluation.year'), text: (e) => String(e.year) },
        { key: 'ev', title: t('labs.evaluation.evaluator'), text: (e) => e.evaluator },
        { key: 'state', title: t('labs.col.state'), text: (e) => evaluationStateLabel(t, e.state) },
        { key: 'total', title: t('labs.evaluation.total'), text: (e) => (e.total === null ? '-' : String(e.total)) },
        {
          key: 'result',
          title: t('labs.evaluation.result'),
          text: (e) => resultLabel(t, e.result),
          render: (e) => <ResultTag result={e.result} />,
        },
        { key: 'at', title: t('labs.evaluation.concludedAt'), text: (e) => formatDateTime(e.concludedAt) },
      ]}
    />
  );
}
