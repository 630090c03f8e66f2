/**
 * The report as a printable A4 page (server-rendered, print CSS, no script:
 * the strict CSP allows none). Same shape as the DOCX.
 */
import type { ReportContent } from '../../../shared/api/reports';
import { cellText, reportTables } from './report-tables';
import { reportText } from './report-text';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const CSS = `
@page { size: A4; margin: 20mm 15mm 20mm 30mm; }
* { box-sizing: border-box; }
body { font-family: "Times New Roman", Times, serif; font-size: 13pt; line-height: 1.35; color: #000; margin: 0; background: #eee; }
.page { width: 210mm; min-height: 297mm; margin: 12px auto; padding: 20mm 15mm 20mm 30mm; background: #fff; box-shadow: 0 1px 4px rgba(0,0,0,.25); }
.two { display: grid; grid-template-columns: 2fr 3fr; column-gap: 12pt; text-align: center; }
/* The signature block never starts a page alone: it stays whole and goes with the end of what precedes it (the last comment or table rows). */
.two.sign { grid-template-columns: 1fr 1fr; margin-top: 18pt; break-inside: avoid; page-break-inside: avoid; break-before: avoid; page-break-before: avoid; }
.two.sign > div:first-child { text-align: left; font-size: 11pt; }
.b { font-weight: bold; } .i { font-style: italic; } .up { text-transform: uppercase; }
.rule { width: 40%; margin: 2pt auto 6pt; border-top: 1px solid #000; }
h1 { font-size: 14pt; text-align: center; margin: 18pt 0 0; }
h2 { font-size: 14pt; text-align: center; margin: 0 0 12pt; }
h3 { font-size: 13pt; margin: 12pt 0 4pt; break-after: avoid; page-break-after: avoid; }
p { text-align: justify; margin: 0 0 6pt; text-indent: 1cm; }
table.data { width: 100%; border-collapse: collapse; font-size: 11pt; }
table.data th, table.data td { border: 1px solid #000; padding: 2pt 4pt; vertical-align: top; }
table.data td.num { text-align: right; white-space: nowrap; }
table.data thead { display: table-header-group; }
table.data tr { page-break-inside: avoid; }
.note { font-style: italic; font-size: 11pt; text-indent: 0; }
.signer { margin-top: 60pt; }
@media print { body { background: #fff; } .page { margin: 0; padding: 0; width: auto; min-height: 0; box-shadow: none; } }
`;

export function reportHtml(rc: ReportContent, lang: 'vi' | 'en'): string {
  const T = reportText(rc, lang);
  const tables = reportTables(rc, lang)
    .map((t) => {
      if (!t.rows.length) return `<h3>${esc(t.title[lang])}</h3><p class="note">${esc(T.noRows)}</p>`;
      const head = `<thead><tr>${t.headers.map((h) => `<th>${esc(h[lang])}</th>`).join('')}</tr></thead>`;
      const rows = t.rows.map((r) => `<tr>${r.map((c) => `<td${'text' in c ? '' : ' class="num"'}>${esc(cellText(c, lang))}</td>`).join('')}</tr>`).join('');
      return `<h3>${esc(t.title[lang])}</h3><table class="data">${head}<tbody>${rows}</tbody></table>${t.note ? `<p class="note">${esc(t.note[lang])}</p>` : ''}`;
    })
    .join('\n');
  const title = `${lang === 'vi' ? 'Báo cáo' : 'Report'} — ${rc.period.label[lang]}`;
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title><style>${CSS}</style></head>
<body><main class="page">
<div class="two">
  <div>${rc.organisation.agencyParent ? `<div class="up">${esc(rc.organisation.agencyParent)}</div>` : ''}<div class="b up">${esc(rc.organisation.name[lang])}</div><div class="rule"></div><div>${esc(T.number)}</div></div>
  <div><div class="b">${esc(T.nation)}</div><div class="b">${esc(T.motto)}</div><div class="rule"></div><div class="i">${esc(T.placeDate)}</div></div>
</div>
<h1>${esc(T.title)}</h1>
<h2>${esc(T.subject)}</h2>
${T.paragraphs.map((p) => `<p>${esc(p)}</p>`).join('\n')}
${tables}
${rc.comments.length ? `<h3>${esc(T.commentsTitle)}</h3>${rc.comments.map((c) => `<p class="note">${esc(T.comment(c))}</p>`).join('')}` : ''}
<div class="two sign">
  <div><div class="b i">${esc(T.recipientsLabel)}</div>${T.recipients.map((r) => `<div>${esc(r)}</div>`).join('')}</div>
  <div><div class="b up">${esc(T.signerTitle)}</div><div class="i">${esc(T.signHint)}</div><div class="b signer">${esc(T.signer)}</div></div>
</div>
</main></body></html>`;
}
