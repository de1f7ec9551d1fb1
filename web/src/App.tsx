import { BrowserRouter, Route, Routes } from 'react-router-dom';
import { AppLayout } from './layouts/AppLayout';
import { PublicLayout } from './layouts/PublicLayout';
import { PageElement } from './layouts/PageElement';
import { ResultPage } from './components/ResultPage';
import { PAGES } from './pages/pages';

const layoutOf = (l?: string) => l ?? 'app';

/** Routes come only from the page registry (pages/registry.tsx). */
export function App() {
  const route = (p: (typeof PAGES)[number]) => <Route key={p.path} path={p.path} element={<PageElement page={p} />} />;
  return (
    <BrowserRouter>
      <Routes>
        {PAGES.filter((p) => layoutOf(p.layout) === 'bare').map(route)}
        <Route element={<PublicLayout />}>
          {PAGES.filter((p) => layoutOf(p.layout) === 'public').map(route)}
          <Route path="/public/*" element={<ResultPage status={404} />} />
        </Route>
        <Route element={<AppLayout />}>
          {PAGES.filter((p) => layoutOf(p.layout) === 'app').map(route)}
          <Route path="*" element={<ResultPage status={404} />} />
        </Route>
      </Routes>
    </BrowserRouter>
  );
}
