import { useMemo } from 'react';
import { Empty } from 'antd';
import { EChart } from '../../../components/EChart';
import { useT } from '../../../i18n/I18nProvider';
import type { FlowEdge } from '../api';
import { label } from '../labels';

// Each org sits in a column by its role in the edge, so an org that is a buyer and a source never closes a cycle
// (a Sankey must be acyclic): sources → processors (operators, workspace orgs) → buyers and egress recipients.
const ends = (e: FlowEdge): [string, string] =>
  e.kind === 'grant' ? [`src:${e.fromOrgId}`, `proc:${e.toOrgId}`] : [`proc:${e.fromOrgId}`, `${e.kind}:${e.toOrgId}`];

/** The flow map (supervision.md "What users see"): grants, egress and orders between organizations. */
export function FlowSankey({ edges }: { edges: FlowEdge[] }) {
  const t = useT();
  const option = useMemo(() => {
    const names = new Map<string, string>();
    const links = new Map<string, { source: string; target: string; value: number; kinds: Set<string> }>();
    for (const e of edges) {
      const [s, d] = ends(e);
      names.set(s, e.fromName);
      names.set(d, e.toName);
      const key = `${s}>${d}`;
      const l = links.get(key) ?? { source: s, target: d, value: 0, kinds: new Set<string>() };
      l.value += e.count;
      l.kinds.add(label(t, 'flowKind', e.kind));
      links.set(key, l);
    }
    return {
      tooltip: {
        trigger: 'item',
        formatter: (p: {
          dataType: string;
          name: string;
          data: { source?: string; target?: string; value: number; kinds?: string };
        }) =>
          p.dataType === 'edge'
            ? `${names.get(p.data.source ?? '')} → ${names.get(p.data.target ?? '')}<br/>${t('supervision.desk.flowTip', { kinds: p.data.kinds, n: p.data.value })}`
            : names.get(p.name),
      },
      series: [
        {
          type: 'sankey',
          left: 8,
          right: 160,
          nodeAlign: 'justify',
          emphasis: { focus: 'adjacency' },
          data: [...names.keys()].map((name) => ({ name })),
          links: [...links.values()].map((l) => ({ ...l, kinds: [...l.kinds].join(t('supervision.common.sep')) })),
          label: { formatter: (p: { name: string }) => names.get(p.name) ?? '' },
          lineStyle: { color: 'gradient', curveness: 0.5 },
        },
      ],
    };
  }, [edges, t]);
  if (!edges.length) return <Empty description={t('supervision.desk.flowsEmpty')} />;
  return <EChart option={option} height={Math.max(280, 40 * edges.length)} ariaLabel={t('supervision.desk.flows')} />;
}
