import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClientProvider } from '@tanstack/react-query';
import { queryClient } from './api.ts';
import { App } from './app.tsx';
import { LanguageProvider } from './i18n/i18n.tsx';
import { LiveAnnouncer } from './ui/live-announcer.tsx';
import './styles/app.css';
import { z } from 'zod';

// zod probes for eval support with `new Function`, which our Content-Security-Policy forbids: every
// page load would log a blocked eval. Its interpreted path is fast enough for forms.
z.config({ jitless: true });

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <LanguageProvider>
        <LiveAnnouncer>
          <App />
        </LiveAnnouncer>
      </LanguageProvider>
    </QueryClientProvider>
  </StrictMode>,
);
