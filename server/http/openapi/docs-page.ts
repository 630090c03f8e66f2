/**
 * The readable API documentation page, rendered on the server from the same
 * route table and OpenAPI document: plain HTML and one style sheet, no
 * script at all (the machine may be offline, and the page works under a CSP
 * that forbids inline script). Vietnamese first, English second.
 */
import { ROUTES, TAGS, type Auth, type RouteDoc } from './routes-table';
import type { OpenApiDocument } from './document';

type Json = Record<string, unknown>;

const esc = (s: unknown): string =>
  String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

const both = (t: { vi: string; en: string }, tag = 'span'): string => `${esc(t.vi)} <${tag} lang="en" class="en">${esc(t.en)}</${tag}>`;

const AUTH_TEXT: Record<Auth, { vi: string; en: string }> = {
  public: { vi: 'Công khai', en: 'Public' },
  session: { vi: 'Phiên đăng nhập quản trị (cookie hl_session)', en: 'Admin session (hl_session cookie)' },
  device: { vi: 'Khóa thiết bị: Authorization: Bearer <token>', en: 'Device token: Authorization: Bearer <token>' },
  'device-optional': { vi: 'Công khai; máy tại quầy gửi kèm khóa thiết bị', en: 'Public; a kiosk sends its device token' },
  'integration-key': { vi: 'Khóa tích hợp: Authorization: Bearer hlk_…', en: 'Integration key: Authorization: Bearer hlk_…' },
  officer: { vi: 'Khóa trang cán bộ (Bearer hlo_…) hoặc phiên đăng nhập quản trị', en: 'Officer page token (Bearer hlo_…) or an admin session' },
};

const refName = (ref: string): string => ref.replace('#/components/schemas/', '');

/** A compact, readable label for a schema; objects get a nested property table. */
function typeOf(js: Json | undefined, depth = 0): string {
  if (!js || Object.keys(js).length === 0) return '<span class="t">any</span>';
  if (typeof js.$ref === 'string') {
    const name = refName(js.$ref);
    return `<a class="ref" href="#schema-${esc(name)}">${esc(name)}</a>`;
  }
  const variants = (js.anyOf ?? js.oneOf) as Json[] | undefined;
  if (variants) return variants.map((v) => typeOf(v, depth)).join(' <span class="or">|</span> ');
  if (Array.isArray(js.enum)) return js.enum.map((v) => `<code>${esc(JSON.stringify(v))}</code>`).join(' <span class="or">|</span> ');
  if (js.const !== undefined) return `<code>${esc(JSON.stringify(js.const))}</code>`;
  const types = Array.isArray(js.type) ? (js.type as string[]) : js.type ? [js.type as string] : [];
  if (types.length === 1 && types[0] === 'null') return '<code>null</code>';
  const nullable = types.includes('null');
  const main = types.filter((t) => t !== 'null');
  let label: string;
  if (main[0] === 'array') {
    const prefix = js.prefixItems as Json[] | undefined;
    label = prefix
      ? `[${prefix.map((p) => typeOf(p, depth + 1)).join(', ')}]`
      : `<span class="t">array of</span> ${typeOf(js.items as Json | undefined, depth + 1)}${bounds(js)}`;
  } else if (main[0] === 'object' || js.properties) {
    label = js.properties ? propertiesTable(js, depth + 1) : recordLabel(js, depth);
  } else {
    const fmt = js.format ? ` <span class="fmt">(${esc(js.format)})</span>` : '';
    label = `<span class="t">${esc(main.join(' | ') || 'any')}</span>${fmt}${bounds(js)}`;
  }
  return nullable ? `${label} <span class="or">|</span> <code>null</code>` : label;
}

function recordLabel(js: Json, depth: number): string {
  const values = js.additionalProperties as Json | boolean | undefined;
  const keys = js.propertyNames as Json | undefined;
  const keyLabel = keys && (keys.enum || keys.$ref) ? typeOf(keys, depth + 1) : '<span class="t">string</span>';
  return `<span class="t">map</span> ${keyLabel} → ${typeof values === 'object' ? typeOf(values, depth + 1) : '<span class="t">any</span>'}`;
}

function bounds(js: Json): string {
  const parts: string[] = [];
  if (js.minimum !== undefined) parts.push(`≥ ${js.minimum}`);
  if (js.maximum !== undefined) parts.push(`≤ ${js.maximum}`);
  if (js.minLength !== undefined) parts.push(`min ${js.minLength}`);
  if (js.maxLength !== undefined) parts.push(`max ${js.maxLength}`);
  if (js.minItems !== undefined) parts.push(`${js.minItems}+ items`);
  if (js.maxItems !== undefined) parts.push(`≤ ${js.maxItems} items`);
  // A date's pattern is the regex spelling of its format: the format says it better.
  if (js.pattern !== undefined && !js.format) parts.push(`pattern <code>${esc(js.pattern)}</code>`);
  if (js.default !== undefined) parts.push(`default <code>${esc(JSON.stringify(js.default))}</code>`);
  return parts.length ? ` <span class="b">${parts.join(', ')}</span>` : '';
}

function propertiesTable(js: Json, depth: number): string {
  const props = (js.properties ?? {}) as Record<string, Json>;
  const required = new Set((js.required as string[] | undefined) ?? []);
  if (depth > 6) return '<span class="t">object</span>';
  const rows = Object.entries(props)
    .map(
      ([name, p]) =>
        `<tr><td><code>${esc(name)}</code>${required.has(name) ? ' <span class="req" title="bắt buộc / required">*</span>' : ''}</td>` +
        `<td>${typeOf(p, depth)}${p.description ? `<div class="d">${esc(p.description)}</div>` : ''}</td></tr>`,
    )
    .join('');
  return `<table class="props"><tbody>${rows || '<tr><td colspan="2"><em>{}</em></td></tr>'}</tbody></table>`;
}

function parametersOf(op: Json): string {
  const params = (op.parameters ?? []) as Json[];
  if (!params.length) return '';
  const rows = params
    .map(
      (p) =>
        `<tr><td><code>${esc(p.name)}</code>${p.required ? ' <span class="req">*</span>' : ''}</td><td>${esc(p.in)}</td>` +
        `<td>${typeOf(p.schema as Json)}${p.description ? `<div class="d">${esc(p.description)}</div>` : ''}</td></tr>`,
    )
    .join('');
  return `<h4>Tham số <span lang="en" class="en">Parameters</span></h4><table class="params"><thead><tr><th>tên / name</th><th>vị trí / in</th><th>kiểu / type</th></tr></thead><tbody>${rows}</tbody></table>`;
}

/** The request body, its fields shown in place: that is what a caller writes. */
function bodyOf(op: Json, schemas: Record<string, Json>): string {
  const body = op.requestBody as Json | undefined;
  if (!body) return '';
  const content = body.content as Record<string, Json>;
  const [media, m] = Object.entries(content)[0];
  const schema = m.schema as Json;
  const named = typeof schema.$ref === 'string' ? refName(schema.$ref) : null;
  const shown = named && schemas[named] ? `${typeOf(schema)}${typeOf({ ...schemas[named], $ref: undefined })}` : typeOf(schema);
  return `<h4>Nội dung gửi <span lang="en" class="en">Request body</span> <code>${esc(media)}</code>${body.required ? '' : ' <span class="b">(không bắt buộc / optional)</span>'}</h4><div class="schema">${shown}</div>`;
}

function responsesOf(op: Json): string {
  const responses = op.responses as Record<string, Json>;
  const rows = Object.entries(responses)
    .map(([status, r]) => {
      const content = r.content as Record<string, Json> | undefined;
      const [media, m] = content ? Object.entries(content)[0] : [null, null];
      const kind = Number(status) >= 400 ? 'err' : 'ok';
      return `<tr><td><span class="status ${kind}">${esc(status)}</span></td><td>${esc(r.description)}</td><td>${media ? `${media === 'application/json' ? '' : `<code>${esc(media)}</code> `}${typeOf(m!.schema as Json)}` : '—'}</td></tr>`;
    })
    .join('');
  return `<h4>Trả về <span lang="en" class="en">Responses</span></h4><table class="responses"><tbody>${rows}</tbody></table>`;
}

function operation(route: RouteDoc, doc: OpenApiDocument): string {
  const p = route.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
  const op = (doc.paths?.[p] as Record<string, Json> | undefined)?.[route.method] ?? {};
  const roles = route.auth === 'session' && route.roles ? ` · vai trò / roles: <code>${route.roles.map(esc).join('</code>, <code>')}</code>` : '';
  return `<article class="op" id="op-${esc(route.operationId)}">
<h3><span class="method ${route.method}">${route.method.toUpperCase()}</span> <code class="path">/api/v1${esc(p)}</code></h3>
<p class="summary">${both(route.summary, 'span')}</p>
<p class="auth">Xác thực <span lang="en" class="en">Auth</span>: ${both(AUTH_TEXT[route.auth])}${roles}</p>
${parametersOf(op)}${bodyOf(op, (doc.components?.schemas ?? {}) as Record<string, Json>)}${responsesOf(op)}
</article>`;
}

const START = `<section id="start">
<h2>Bắt đầu <span lang="en" class="en">Getting started</span></h2>
<p>Dành cho đơn vị cung cấp phần mềm một cửa: cấp cho mỗi hồ sơ một đường dẫn khảo sát dùng một lần (kèm mã QR để in trên giấy tiếp nhận và hẹn trả kết quả).
<span lang="en" class="en">For one-stop software vendors: issue a single-use survey link per dossier (with a QR code to print on the dossier receipt).</span></p>
<ol>
<li>Quản trị viên tạo khóa tích hợp trong trang quản trị (<code>POST /api/v1/integration-keys</code>); khóa <code>hlk_…</code> chỉ hiện một lần.
<span lang="en" class="en">An admin creates an integration key in the dashboard; the <code>hlk_…</code> key is shown once.</span></li>
<li>Phần mềm gọi <a href="#op-issueSurveyLink"><code>POST /api/v1/survey-links</code></a> với <code>Authorization: Bearer hlk_…</code> và <code>{ counter, procedureCode, dossierRef }</code>; in <code>url</code> hoặc <code>qrSvg</code>/<code>qrPng</code> lên giấy hẹn.
<span lang="en" class="en">The software calls it with the key and the counter code, procedure code (mã TTHC) and dossier number; print the url or QR code on the receipt.</span></li>
<li>Người dân quét mã và trả lời một lần; câu trả lời được tính là <em>đã xác thực</em>.
<span lang="en" class="en">The citizen scans and answers once; the answer counts as <em>verified</em>.</span></li>
</ol>
<p>Mọi lỗi có dạng <code>{ "error": { "code", "message", "details"? } }</code>; <code>code</code> ổn định, <code>details</code> nêu từng trường sai. Thời điểm theo ISO 8601; ngày <code>YYYY-MM-DD</code> tính theo giờ Việt Nam (Asia/Ho_Chi_Minh).
<span lang="en" class="en">Every error is <code>{ "error": { "code", "message", "details"? } }</code>; codes are stable and <code>details</code> names each bad field. Times are ISO 8601; <code>YYYY-MM-DD</code> days are Vietnam days (Asia/Ho_Chi_Minh).</span></p>
<p>Tài liệu máy đọc được: <a href="/api/v1/openapi.json">/api/v1/openapi.json</a> (OpenAPI 3.1). <span lang="en" class="en">Machine-readable document: OpenAPI 3.1.</span></p>
</section>`;

export function renderDocsPage(doc: OpenApiDocument): string {
  const tags = Object.entries(TAGS) as [keyof typeof TAGS, { vi: string; en: string }][];
  const byTag = tags.map(([tag, text]) => ({ tag, text, routes: ROUTES.filter((r) => r.tags[0] === tag) })).filter((t) => t.routes.length);
  const nav = byTag
    .map(
      (t) =>
        `<li><a href="#tag-${t.tag}">${both(t.text)}</a><ul>${t.routes
          .map((r) => `<li><a href="#op-${esc(r.operationId)}"><span class="method ${r.method}">${r.method.toUpperCase()}</span> ${esc(r.path)}</a></li>`)
          .join('')}</ul></li>`,
    )
    .join('');
  const sections = byTag
    .map((t) => `<section id="tag-${t.tag}"><h2>${both(t.text)}</h2>${t.routes.map((r) => operation(r, doc)).join('\n')}</section>`)
    .join('\n');
  const schemas = Object.entries((doc.components?.schemas ?? {}) as Record<string, Json>)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, js]) => `<article class="schema-def" id="schema-${esc(name)}"><h3>${esc(name)}</h3>${js.description ? `<p class="d">${esc(js.description)}</p>` : ''}<div class="schema">${typeOf({ ...js, $ref: undefined } as Json)}</div></article>`)
    .join('\n');
  return `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Tài liệu API Hài Lòng — Hài Lòng API</title>
<link rel="stylesheet" href="/api/v1/docs/style.css">
</head>
<body>
<header>
<h1>Tài liệu API Hài Lòng <span lang="en" class="en">Hài Lòng API reference</span></h1>
<p class="meta">Phiên bản <span lang="en" class="en">version</span> <code>${esc(doc.info.version)}</code> · OpenAPI ${esc(doc.openapi)} · <a href="/api/v1/openapi.json">openapi.json</a></p>
</header>
<div class="layout">
<nav aria-label="Mục lục / Contents"><ul><li><a href="#start">Bắt đầu <span lang="en" class="en">Getting started</span></a></li>${nav}<li><a href="#schemas">Kiểu dữ liệu <span lang="en" class="en">Schemas</span></a></li></ul></nav>
<main>
${START}
${sections}
<section id="schemas"><h2>Kiểu dữ liệu <span lang="en" class="en">Schemas</span></h2>
<p>Dấu <span class="req">*</span>: bắt buộc. <span lang="en" class="en"><span class="req">*</span> marks a required field.</span></p>
${schemas}
</section>
</main>
</div>
</body>
</html>`;
}

export const DOCS_CSS = `:root { color-scheme: light; --ink: #1b1f24; --muted: #57606a; --line: #d0d7de; --bg: #fff; --soft: #f6f8fa; --accent: #0b5cad; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; color: var(--ink); background: var(--bg); }
header { padding: 16px 24px; border-bottom: 1px solid var(--line); background: var(--soft); }
h1 { margin: 0 0 4px; font-size: 24px; }
h2 { margin: 32px 0 12px; padding-bottom: 4px; border-bottom: 2px solid var(--line); font-size: 20px; }
h3 { margin: 0 0 6px; font-size: 16px; }
h4 { margin: 12px 0 4px; font-size: 14px; }
.en { color: var(--muted); font-weight: normal; }
p .en, li .en { display: block; }
h1 .en, h2 .en, h4 .en, nav .en { display: inline; }
h1 .en::before, h2 .en::before, h4 .en::before, nav .en::before { content: "· "; }
a { color: var(--accent); }
code { font: 13px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: var(--soft); padding: 0 3px; border-radius: 3px; }
.layout { display: grid; grid-template-columns: 300px 1fr; }
nav { position: sticky; top: 0; align-self: start; max-height: 100vh; overflow: auto; padding: 16px; border-right: 1px solid var(--line); font-size: 13px; }
nav ul { list-style: none; margin: 0; padding: 0; }
nav ul ul { margin: 2px 0 10px 8px; }
nav a { text-decoration: none; display: inline-block; min-height: 24px; line-height: 24px; } /* WCAG 2.2 target size: 24 px */
main { padding: 0 24px 48px; max-width: 1100px; min-width: 0; }
.op, .schema-def { margin: 0 0 18px; padding: 12px 14px; border: 1px solid var(--line); border-radius: 6px; }
.summary { margin: 0 0 4px; }
.summary .en { display: block; }
.auth { margin: 4px 0; color: var(--muted); font-size: 13px; }
.auth .en, .meta .en { display: inline; }
.auth .en::before { content: "/ "; }
td:first-child { white-space: nowrap; }
.method { display: inline-block; min-width: 56px; padding: 1px 6px; border-radius: 4px; color: #fff; font: bold 12px/1.6 ui-monospace, monospace; text-align: center; }
.method.get { background: #1f6feb; } .method.post { background: #1a7f37; } .method.put { background: #9a6700; } .method.patch { background: #8250df; } .method.delete { background: #cf222e; }
nav .method { min-width: 48px; font-size: 10px; }
table { border-collapse: collapse; width: 100%; margin: 2px 0; font-size: 13px; }
td, th { border: 1px solid var(--line); padding: 3px 6px; text-align: left; vertical-align: top; }
th { background: var(--soft); font-weight: 600; }
table.props table.props { margin: 4px 0 0; }
.t { color: #0550ae; font-family: ui-monospace, monospace; font-size: 12px; }
.fmt, .b { color: var(--muted); font-size: 12px; }
.or { color: var(--muted); }
.req { color: #cf222e; font-weight: bold; }
.d { color: var(--muted); font-size: 12px; }
.status { font: bold 12px ui-monospace, monospace; }
.status.ok { color: #1a7f37; } .status.err { color: #cf222e; }
@media (max-width: 800px) { .layout { display: block; } nav { position: static; max-height: none; border-right: 0; border-bottom: 1px solid var(--line); } }
@media print { nav { display: none; } .layout { display: block; } }
`;
