import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { session } from './auth/session';
import './styles.css';

// A reload keeps the session (its refresh token is in this tab's storage) before the first route renders.
void session.resume().finally(() => {
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
});
