/**
 * Build step for the installable kiosk: writes manifest.webmanifest and the
 * icons it names (Android's 192 and 512, a maskable 512, iOS's 180
 * apple-touch-icon, a 32 px favicon). index.html links them; the shell plugin
 * adds them to the service worker's cache so an installed kiosk starts offline.
 */
import type { Plugin } from 'vite';
import { BRAND, iconPng, type IconSpec } from './app-icons';

export const ICONS: (IconSpec & { file: string; purpose?: 'any' | 'maskable' })[] = [
  { file: 'icons/icon-192.png', size: 192, purpose: 'any' },
  { file: 'icons/icon-512.png', size: 512, purpose: 'any' },
  { file: 'icons/icon-maskable-512.png', size: 512, maskable: true, purpose: 'maskable' },
  { file: 'icons/apple-touch-icon.png', size: 180 },
  { file: 'icons/favicon-32.png', size: 32 },
];
export const MANIFEST_FILE = 'manifest.webmanifest';

/** Files of this plugin that belong in the offline shell. */
export const isInstallFile = (file: string): boolean => file === MANIFEST_FILE || file.startsWith('icons/');

export function kioskManifestPlugin(): Plugin {
  let base = '/';
  return {
    name: 'hai-long-kiosk-manifest',
    apply: 'build',
    configResolved(c) {
      base = c.base;
    },
    generateBundle() {
      for (const icon of ICONS) this.emitFile({ type: 'asset', fileName: icon.file, source: iconPng(icon) });
      const manifest = {
        id: base,
        name: 'Hài Lòng – Đánh giá sự hài lòng',
        short_name: 'Hài Lòng',
        description: 'Kiosk đánh giá sự hài lòng tại quầy · Counter satisfaction kiosk',
        lang: 'vi',
        start_url: base,
        scope: base,
        // Straight into the kiosk, without browser chrome; the counter decides the orientation on the device.
        display: 'fullscreen',
        display_override: ['fullscreen', 'standalone'],
        orientation: 'any',
        theme_color: BRAND,
        background_color: '#ffffff',
        icons: ICONS.filter((i) => i.purpose).map((i) => ({ src: base + i.file, sizes: `${i.size}x${i.size}`, type: 'image/png', purpose: i.purpose })),
      };
      this.emitFile({ type: 'asset', fileName: MANIFEST_FILE, source: JSON.stringify(manifest, null, 2) });
    },
  };
}

/** The admin console's favicon (the same face), so its pages stop asking for a missing /favicon.ico. */
export function faviconPlugin(): Plugin {
  return {
    name: 'hai-long-favicon',
    apply: 'build',
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: 'favicon-32.png', source: iconPng({ size: 32 }) });
      this.emitFile({ type: 'asset', fileName: 'apple-touch-icon.png', source: iconPng({ size: 180 }) });
    },
  };
}
