import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp } from 'antd';
import { I18nProvider } from './i18n/I18nProvider';
import { queryClient } from './api/queryClient';
import { App } from './App';
import './global.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <I18nProvider>
        <AntApp>
          <App />
        </AntApp>
      </I18nProvider>
    </QueryClientProvider>
  </StrictMode>,
);
