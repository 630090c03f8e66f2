/**
 * The counter kiosk. Registers the service worker that keeps the app shell,
 * so a server restart or a lost network never shows a browser error page.
 */
import { render } from 'preact';
import { App } from './app';
import { CRASH_RELOAD_MS, ErrorBoundary } from './ui/error-boundary';
import './styles.css';

// A crashed render reloads the page after a short notice; the outbox (IndexedDB) survives it.
const onCrash = () => setTimeout(() => location.reload(), CRASH_RELOAD_MS);
render(
  <ErrorBoundary onCrash={onCrash}>
    <App />
  </ErrorBoundary>,
  document.getElementById('app')!,
);

// Not under the vite dev server (import.meta.hot); import.meta.env.DEV is no test, builds run under vitest set it.
if (!import.meta.hot && 'serviceWorker' in navigator) {
  // Needs a secure context: https, or localhost. On plain http the kiosk still works, without the offline shell.
  navigator.serviceWorker.register(`${import.meta.env.BASE_URL}sw.js`, { scope: import.meta.env.BASE_URL }).catch(() => undefined);
}
