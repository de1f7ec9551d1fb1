import { Link, useParams } from 'react-router-dom';
import { Card, Space } from 'antd';
import { QueryError } from '../../../components/ResultPage';
import { useT } from '../../../i18n/I18nProvider';
import { ObjectDossier } from '../../supervision/components/ObjectDossier';
import { useEvaluation } from '../api';
import { EvaluationCard } from '../components/EvaluationCard';

/** One annual evaluation: the evaluator's workspace (declare, score) and the authority's conclusion. */
export default function EvaluationDetailPage() {
  const { id = '' } = useParams();
  const t = useT();
  const q = useEvaluation(id);
  if (q.error) return <QueryError error={q.error} />;
  const e = q.data;
  if (!e) return <Card loading />;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Link to="/labs/evaluations">{t('labs.evaluation.back')}</Link>
      <EvaluationCard e={e} showLab />
      <ObjectDossier objectType="LabEvaluation" objectId={e.id} />
    </Space>
  );
}
