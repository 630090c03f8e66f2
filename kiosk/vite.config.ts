import { defineConfig } from 'vite';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { kioskShellPlugin } from './src/sw/shell-plugin';
import { isInstallFile, kioskManifestPlugin } from './build/manifest-plugin';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const { version } = JSON.parse(readFileSync(here('../package.json'), 'utf8')) as { version: string };

/**
 * The counter kiosk (index.html), the QR survey page (survey.html), the
 * officer page (officer.html, served at /officer/), the survey-version preview
 * for the admin (preview.html, issue 11) and the waiting-room screen
 * (screen.html, served at /screen/<code>), built
 * into dist/kiosk and served under /kiosk/. The kiosk also gets sw.js (its
 * offline app shell) and a gzip size report against its 30 KB budget.
 */
export default defineConfig({
  root: here('.'),
  base: '/kiosk/',
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  define: { __APP_VERSION__: JSON.stringify(version) },
  plugins: [kioskManifestPlugin(), kioskShellPlugin({ serviceWorkerSource: here('src/sw/service-worker.ts'), extra: isInstallFile })],
  build: {
    outDir: here('../dist/kiosk'),
    emptyOutDir: true,
    target: 'es2019',
    rollupOptions: { input: { index: here('index.html'), survey: here('survey.html'), officer: here('officer.html'), preview: here('preview.html'), screen: here('screen.html') } },
  },
});
