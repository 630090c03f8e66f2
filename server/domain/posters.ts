/**
 * Counter posters: the QR code of a counter link as SVG / PNG, and a
 * printable A4 page (office, counter, QR, short vi/en instructions).
 * Rendering only: the caller decides who may print and which URL to encode.
 */
import QRCode from 'qrcode';
import type { LocalText } from '../../shared/local-text';
import { fill, posterText } from '../../shared/i18n/survey';
import { QR_PNG_SIZES } from '../../shared/api/survey-links';

/**
 * M (15% recovery) survives a scratched or partly shaded print while keeping
 * modules large; the 4-module quiet zone is what the QR standard requires.
 */
const QR_OPTIONS = { errorCorrectionLevel: 'M', margin: 4 } as const;

/** The sizes a PNG may be asked in are part of the HTTP contract (the qr.png query). */
export { QR_PNG_SIZES };

export function qrSvg(text: string): Promise<string> {
  return QRCode.toString(text, { ...QR_OPTIONS, type: 'svg' });
}

export function qrPng(text: string, width: number = QR_PNG_SIZES.default): Promise<Buffer> {
  return QRCode.toBuffer(text, { ...QR_OPTIONS, type: 'png', width });
}

export async function qrPngDataUrl(text: string, width = 512): Promise<string> {
  return `data:image/png;base64,${(await qrPng(text, width)).toString('base64')}`;
}

const escapeHtml = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** An address a citizen's phone cannot reach: the server runs without PUBLIC_URL. */
export function isLocalAddress(url: string): boolean {
  const host = new URL(url).hostname;
  return host === 'localhost' || host.endsWith('.localhost') || host === '[::1]' || /^127\./.test(host) || host === '0.0.0.0';
}

export interface PosterInput {
  orgName: LocalText;
  counterName: LocalText;
  counterCode: string;
  /** The counter link the QR encodes. */
  url: string;
}

/** A self-contained A4 page (inline SVG and CSS, no external asset), ready for the browser's print dialog. */
/**
 * The print button's handler, as a file of its own: the Content-Security-Policy
 * allows no inline script or `onclick` (served by public.routes.ts).
 */
export const POSTER_SCRIPT_PATH = '/poster-print.js';
export const POSTER_SCRIPT = "document.querySelector('button.print')?.addEventListener('click', () => window.print());\n";

/** One counter's A4 sheet (the <main> of a poster page). */
async function posterSheet(p: PosterInput): Promise<string> {
  const vi = posterText.vi;
  const en = posterText.en;
  const e = escapeHtml;
  const svg = await qrSvg(p.url);
  const warning = isLocalAddress(p.url)
    ? `<p class="warning" role="alert">${e(fill(vi.localAddressWarning, { url: p.url }))}<br><span lang="en">${e(fill(en.localAddressWarning, { url: p.url }))}</span></p>`
    : '';
  const steps = (['step1', 'step2', 'step3'] as const)
    .map((k) => `<li><span lang="vi">${e(vi[k])}</span><span lang="en">${e(en[k])}</span></li>`)
    .join('');
  return `<main class="sheet">
  ${warning}
  <p class="org">${e(p.orgName.vi)}</p>
  <p class="org-en" lang="en">${e(p.orgName.en)}</p>
  <h1>${e(vi.heading)}</h1>
  <p class="h1-en" lang="en">${e(en.heading)}</p>
  <p class="lead">${e(vi.lead)} <span lang="en">${e(en.lead)}</span></p>
  <div class="counter">
    <div class="label">${e(vi.counter)} / ${e(en.counter)}</div>
    <div class="code">${e(p.counterCode)}</div>
    <div class="name">${e(p.counterName.vi)}</div>
    <div class="name-en" lang="en">${e(p.counterName.en)}</div>
  </div>
  <div class="qr" role="img" aria-label="QR: ${e(p.url)}">${svg}</div>
  <ol>${steps}</ol>
  <p class="anon">${e(vi.anonymous)}<br><span lang="en">${e(en.anonymous)}</span></p>
  <p class="url">${e(vi.orOpen)} / ${e(en.orOpen)} <b>${e(p.url)}</b></p>
</main>`;
}

export async function posterHtml(p: PosterInput): Promise<string> {
  return postersHtml([p], fill(posterText.vi.documentTitle, { counter: p.counterName.vi }));
}

/**
 * Every given counter's poster in one document, one A4 page each (a page
 * break after each sheet), for "print all counters" in one go.
 */
export async function postersHtml(posters: PosterInput[], title: string): Promise<string> {
  const vi = posterText.vi;
  const en = posterText.en;
  const e = escapeHtml;
  const sheets = (await Promise.all(posters.map(posterSheet))).join('\n');
  return `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(title)}</title>
<style>
  @page { size: A4 portrait; margin: 12mm; }
  * { box-sizing: border-box; }
  html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  body { margin: 0; font-family: "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif; color: #111; background: #e8ebef; }
  .sheet { width: 210mm; min-height: 297mm; margin: 8mm auto; padding: 12mm 16mm; background: #fff;
           display: flex; flex-direction: column; align-items: center; text-align: center; }
  .org { font-size: 15pt; font-weight: 600; margin: 0; }
  .org-en { font-size: 11pt; color: #444; margin: 1mm 0 0; }
  h1 { font-size: 30pt; margin: 6mm 0 0; color: #0a4a8f; text-transform: uppercase; letter-spacing: .5pt; }
  .h1-en { font-size: 17pt; margin: 1mm 0 0; color: #0a4a8f; }
  .lead { font-size: 12pt; margin: 3mm 0 0; color: #333; }
  .counter { margin: 5mm 0 0; padding: 2.5mm 8mm; border: 1mm solid #0a4a8f; border-radius: 4mm; }
  .counter .label { font-size: 10pt; text-transform: uppercase; letter-spacing: .5pt; color: #444; }
  .counter .code { font-size: 28pt; font-weight: 700; line-height: 1.1; }
  .counter .name { font-size: 14pt; }
  .counter .name-en { font-size: 11pt; color: #444; }
  /* About 3 mm a module: scans from an arm's length, and from a queue seat with a good camera. */
  .qr { width: 95mm; height: 95mm; margin: 4mm 0 0; }
  .qr svg { width: 100%; height: 100%; display: block; }
  ol { list-style: none; counter-reset: step; margin: 4mm 0 0; padding: 0; text-align: left; width: 150mm; }
  li { counter-increment: step; display: grid; grid-template-columns: 10mm 1fr; column-gap: 3mm; margin: 0 0 2.5mm; }
  li::before { content: counter(step); grid-row: span 2; width: 9mm; height: 9mm; border-radius: 50%; background: #0a4a8f;
               color: #fff; font-weight: 700; font-size: 13pt; display: flex; align-items: center; justify-content: center; }
  li [lang="vi"] { font-size: 13pt; font-weight: 600; }
  li [lang="en"] { font-size: 11pt; color: #444; }
  .anon { font-size: 10.5pt; color: #333; margin: 3mm 0 0; }
  .url { font-size: 10.5pt; margin: auto 0 0; padding-top: 3mm; color: #333; word-break: break-all; }
  .url b { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-weight: 600; color: #111; }
  .print { position: fixed; top: 4mm; right: 4mm; font: inherit; font-size: 12pt; padding: 2.5mm 5mm; border: 0; border-radius: 2mm;
           background: #0a4a8f; color: #fff; cursor: pointer; }
  .warning { margin: 0 0 6mm; padding: 3mm 4mm; border: 0.6mm solid #b3261e; border-radius: 2mm; color: #b3261e; font-size: 11pt; font-weight: 600; }
  .print:focus-visible { outline: 3px solid #f5a000; outline-offset: 2px; }
  @media print {
    body { background: #fff; }
    /* Fills the printable area (A4 less the @page margins) so the address sits at the foot; never taller. */
    .sheet { margin: 0; width: auto; min-height: 0; height: 272mm; padding: 0; overflow: hidden; }
    .print { display: none; }
    /* "Print all": one A4 per counter. */
    .sheet { break-after: page; }
    .sheet:last-of-type { break-after: auto; }
  }
</style>
</head>
<body>
<button class="print" type="button">${e(vi.print)} / ${e(en.print)}</button>
${sheets}
<script src="${POSTER_SCRIPT_PATH}" defer></script>
</body>
</html>`;
}
