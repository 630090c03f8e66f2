/**
 * The report's words (Vietnamese first, English variant) for the documents a
 * person reads: the DOCX and the print page say the same thing.
 */
import type { ReportContent } from '../../../shared/api/reports';
import { localDateOf } from '../../../shared/periods';
import { percentText, statusText } from './report-tables';
import { inSentence } from './summary-text';

export interface ReportText {
  nation: string;
  motto: string;
  title: string;
  recipientsLabel: string;
  number: string;
  placeDate: string;
  subject: string;
  paragraphs: string[];
  recipients: string[];
  signerTitle: string;
  signHint: string;
  signer: string;
  noRows: string;
  commentsTitle: string;
  comment: (c: ReportContent['comments'][number]) => string;
}

const pad2 = (n: number) => String(n).padStart(2, '0');
const num = (n: number, lang: 'vi' | 'en') => n.toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB');

export function reportText(rc: ReportContent, lang: 'vi' | 'en'): ReportText {
  const vi = lang === 'vi';
  const d = localDateOf(Date.parse(rc.generatedAt));
  const place = rc.organisation.place ?? '……';
  const short = rc.organisation.shortName ?? initials(rc.organisation.name.vi);
  const P = (x: number | null) => percentText(x, lang);
  const h = rc.headline;
  const iv = h.interval ? `${P(h.interval.low)} – ${P(h.interval.high)}` : '—';
  const ch = rc.responses.byChannel;
  const i766 = rc.decision766;
  const H = rc.integrity.H;
  const M = rc.integrity.M;
  const share = (x: typeof H) => (x.enough && x.shares ? P(x.shares.some + x.shares.many) : vi ? 'chưa đủ cỡ mẫu' : 'sample too small');
  const method = rc.indices.aggregation === 'pooled' ? (vi ? 'gộp mọi câu trả lời tiêu chí' : 'all criterion answers pooled') : vi ? 'trung bình các tiêu chí' : 'mean of the criteria';
  const elements = Object.entries(rc.indices.elements)
    .map(([k, v]) => `${k} ${P(v ?? null)}`)
    .join(', ');
  const excluded = Object.entries(rc.excluded.byReason)
    .map(([k, v]) => `${k}: ${num(v, lang)}`)
    .join('; ');
  const up = rc.kioskUptime;
  const worst = up.rows.find((x) => x.servicePointId === up.overall.longestOutageServicePointId)?.name ?? null;
  if (vi) {
    return {
      nation: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      motto: 'Độc lập - Tự do - Hạnh phúc',
      title: 'BÁO CÁO',
      recipientsLabel: 'Nơi nhận:',
      number: `Số: …/BC-${short}`,
      placeDate: `${place}, ${datePart(d)}`,
      subject: `Kết quả đo lường sự hài lòng của người dân, tổ chức ${inSentence(rc.period.label.vi)}${rc.scope.unitId ? ` — ${rc.scope.name.vi}` : ''}`,
      paragraphs: [
        rc.summary.vi,
        `1. Số phiếu: ${num(rc.responses.total, lang)} phiếu (tại quầy ${num(ch.kiosk, lang)}, mã QR ${num(ch.qr, lang)}, đường dẫn theo hồ sơ ${num(ch.link, lang)}); đã xác thực ${num(rc.responses.verified, lang)}, chưa xác thực ${num(rc.responses.unverified, lang)}${rc.headlineVerifiedOnly ? ' (tỷ lệ chung chỉ tính phiếu đã xác thực)' : ''}; ${num(rc.responses.comments, lang)} ý kiến góp ý.`,
        `2. Tỷ lệ hài lòng: ${P(h.rate)} trên ${num(h.n, lang)} lượt trả lời (khoảng tin cậy 95%: ${iv}); mục tiêu ${P(rc.target)}: ${statusText(h.status, lang).toLowerCase()}. ${rc.previous.period.label.vi}: ${P(rc.previous.rate)} (n = ${num(rc.previous.n, lang)}); ${inSentence(rc.lastYear.period.label.vi)} (cùng kỳ): ${P(rc.lastYear.rate)} (n = ${num(rc.lastYear.n, lang)}).`,
        `3. Chỉ số phục vụ: ${P(rc.indices.serviceIndex)} (${method}); theo yếu tố: ${elements || '—'}.`,
        `4. Tỷ lệ người trả lời có gặp sách nhiễu, gây phiền hà (H): ${share(H)}; phải trả chi phí ngoài quy định (M): ${share(M)}.`,
        `5. Chỉ tiêu 5.4 Quyết định 766/QĐ-TTg: ${i766.value === null ? 'chưa có số liệu hồ sơ' : `${P(i766.value)} trên ${num(i766.dossiers.settled, lang)} hồ sơ đã giải quyết`}; độ phủ đường dẫn đánh giá: ${i766.coverage?.value != null ? P(i766.coverage.value) : '—'}.`,
        `6. Phiếu bị loại khỏi số liệu: ${num(rc.excluded.count, lang)}${excluded ? ` (${excluded})` : ''}.`,
        `7. Thời gian hoạt động của kiosk trong giờ làm việc: ${up.available ? `${P(up.overall.share)}${up.overall.longestOutageMinutes ? `; gián đoạn dài nhất ${duration(up.overall.longestOutageMinutes, lang)}${worst ? ` (${worst.vi})` : ''}` : '; không có gián đoạn'}` : 'chưa có số liệu'}.`,
      ],
      recipients: ['- Sở Nội vụ;', '- Lãnh đạo cơ quan;', '- Lưu: VT.'],
      signerTitle: rc.organisation.signerTitle ?? 'THỦ TRƯỞNG CƠ QUAN',
      signHint: '(Ký, ghi rõ họ tên, đóng dấu)',
      signer: rc.organisation.signer ?? '',
      noRows: 'Không có số liệu.',
      commentsTitle: 'Một số ý kiến của người dân',
      comment: (c) => `“${c.text}” (${c.day.split('-').reverse().join('/')}${c.overall !== null ? `, ${c.overall} điểm` : ''})`,
    };
  }
  return {
    nation: 'SOCIALIST REPUBLIC OF VIET NAM',
    motto: 'Independence - Freedom - Happiness',
    title: 'REPORT',
    recipientsLabel: 'Recipients:',
    number: `No.: …/BC-${short}`,
    placeDate: `${place}, ${pad2(d.day)}/${pad2(d.month)}/${d.year}`,
    subject: `Citizen and business satisfaction, ${rc.period.label.en}${rc.scope.unitId ? ` — ${rc.scope.name.en}` : ''}`,
    paragraphs: [
      rc.summary.en,
      `1. Responses: ${num(rc.responses.total, lang)} (kiosk ${num(ch.kiosk, lang)}, counter QR ${num(ch.qr, lang)}, dossier link ${num(ch.link, lang)}); verified ${num(rc.responses.verified, lang)}, unverified ${num(rc.responses.unverified, lang)}${rc.headlineVerifiedOnly ? ' (the headline counts verified responses only)' : ''}; ${num(rc.responses.comments, lang)} comments.`,
      `2. Satisfaction rate: ${P(h.rate)} of ${num(h.n, lang)} answers (95% interval ${iv}); target ${P(rc.target)}: ${statusText(h.status, lang).toLowerCase()}. ${rc.previous.period.label.en}: ${P(rc.previous.rate)} (n = ${num(rc.previous.n, lang)}); ${rc.lastYear.period.label.en} (same period last year): ${P(rc.lastYear.rate)} (n = ${num(rc.lastYear.n, lang)}).`,
      `3. Service index: ${P(rc.indices.serviceIndex)} (${method}); by element: ${elements || '—'}.`,
      `4. Share reporting harassment (H): ${share(H)}; informal payments (M): ${share(M)}.`,
      `5. Decision 766 indicator 5.4: ${i766.value === null ? 'no dossier data' : `${P(i766.value)} over ${num(i766.dossiers.settled, lang)} settled dossiers`}; dossier-link coverage: ${i766.coverage?.value != null ? P(i766.coverage.value) : '—'}.`,
      `6. Responses excluded from the figures: ${num(rc.excluded.count, lang)}${excluded ? ` (${excluded})` : ''}.`,
      `7. Kiosk uptime during opening hours: ${up.available ? `${P(up.overall.share)}${up.overall.longestOutageMinutes ? `; longest outage ${duration(up.overall.longestOutageMinutes, lang)}${worst ? ` (${worst.en})` : ''}` : '; no outage'}` : 'not available'}.`,
    ],
    recipients: ['- Department of Home Affairs;', '- Office leadership;', '- Filed: archive.'],
    signerTitle: rc.organisation.signerTitle ?? 'HEAD OF OFFICE',
    signHint: '(Signature, full name, seal)',
    signer: rc.organisation.signer ?? '',
    noRows: 'No data.',
    commentsTitle: 'Some comments from citizens',
    comment: (c) => `“${c.text}” (${c.day.split('-').reverse().join('/')}${c.overall !== null ? `, rated ${c.overall}` : ''})`,
  };
}

/** "Sở Ngoại vụ tỉnh Hài Lòng (dữ liệu mẫu)" → "SNVTHL": the words' first letters, diacritics dropped (Đ kept). */
export function initials(name: string): string {
  return name
    .replace(/\(.*?\)/g, ' ')
    .split(/\s+/)
    .map((w) => w.replace(/[^\p{L}]/gu, '')[0] ?? '')
    .join('')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .slice(0, 10);
}

/** 95 → "1 giờ 35 phút" / "1 h 35 min" (opening-hours time). */
export function duration(minutes: number, lang: 'vi' | 'en'): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  const [H, M] = lang === 'vi' ? ['giờ', 'phút'] : ['h', 'min'];
  return h ? (m ? `${h} ${H} ${m} ${M}` : `${h} ${H}`) : `${m} ${M}`;
}

function datePart(d: { year: number; month: number; day: number }): string {
  return `ngày ${pad2(d.day)} tháng ${d.month < 3 ? pad2(d.month) : d.month} năm ${d.year}`;
}
