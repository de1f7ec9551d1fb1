import { Collapse, Drawer } from 'antd';
import { Link } from 'react-router-dom';
import { useT } from '../../../i18n/I18nProvider';
import type { FlowEdge } from '../api';
import { label } from '../labels';
import { ObjectDossier } from './ObjectDossier';

const PAGE: Record<string, string> = { Grant: '/authorization/grants/', EgressRequest: '/sandbox/egress/' };

/** Drill-down from a flow: the objects behind it, each with its history and ledger evidence. */
export function FlowObjects({ edge, onClose }: { edge: FlowEdge | null; onClose: () => void }) {
  const t = useT();
  return (
    <Drawer
      open={!!edge}
      onClose={onClose}
      width={720}
      title={
        edge
          ? t('supervision.desk.objects', {
              kind: label(t, 'flowKind', edge.kind),
              from: edge.fromName,
              to: edge.toName,
            })
          : ''
      }
    >
      {edge && (
        <Collapse
          accordion
          items={edge.objectIds.map((id, n) => ({
            key: id,
            label: (
              <span>
                {t(`supervision.desk.objectType.${edge.objectType}`)} · {t('supervision.desk.objectN', { n: n + 1 })}{' '}
                {PAGE[edge.objectType] && (
                  <Link to={`${PAGE[edge.objectType]}${id}`} onClick={(e) => e.stopPropagation()}>
                    {t('supervision.common.detail')}
                  </Link>
                )}
              </span>
            ),
            children: <ObjectDossier objectType={edge.objectType} objectId={id} />,
          }))}
        />
      )}
    </Drawer>
  );
}
