import { Component, Suspense, type ErrorInfo, type ReactNode } from 'react';
import { Spin } from 'antd';
import type { PageDef } from '../pages/types';
import { pageAllowed } from '../pages/types';
import { useOptionalSession } from './session';
import { ResultPage } from '../components/ResultPage';
import { ErrorAlert } from '../components/ErrorAlert';

export function PageSpinner() {
  return (
    <div style={{ display: 'flex', justifyContent: 'center', padding: 64 }}>
      <Spin size="large" />
    </div>
  );
}

/** Renders one registered page: coarse gating (403), lazy loading, and a render-error boundary. */
export function PageElement({ page }: { page: PageDef }) {
  const session = useOptionalSession();
  if (session && !pageAllowed(page, session.facts)) return <ResultPage status={403} />;
  const El = page.element;
  return (
    <PageBoundary>
      <Suspense fallback={<PageSpinner />}>
        <El />
      </Suspense>
    </PageBoundary>
  );
}

class PageBoundary extends Component<{ children: ReactNode }, { error: unknown }> {
  state = { error: null as unknown };
  static getDerivedStateFromError(error: unknown) {
    return { error };
  }
  componentDidCatch(error: unknown, info: ErrorInfo) {
    console.error(error, info.componentStack);
  }
  render() {
    return this.state.error ? <ErrorAlert error={this.state.error} /> : this.props.children;
  }
}
