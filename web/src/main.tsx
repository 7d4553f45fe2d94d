import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { getTheme } from './lib/theme.ts';
import './styles.css';

document.documentElement.dataset.theme = getTheme();
performance.mark('judge:app-start');
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
