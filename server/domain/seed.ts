/**
 * The demo office: one Sở with two units, four counters, six officers, eight
 * procedures, a demo kiosk and ~3,000 responses over 90 days; the QR and
 * dossier-link ones answer the national questionnaire (19 criteria, H, M). Deterministic
 * (seeded PRNG) so screenshots and figures are reproducible. Overall lands
 * near 84%, and counter Q4 is clearly below target, so every screen has
 * something true to show. The kiosks' presence history (report uptime) is
 * seed-presence.ts.
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Device, Entities, Officer, Organisation, Procedure, ServicePoint, Unit } from './entities';
import type { SurveysService } from './surveys.service';
import { DEFAULT_HOURS } from './opening-hours';
import type { SurveyVersion } from '../../shared/survey';
import type { StoredResponse, CommitItem, Store } from '../store/types';
import { deltasFor } from './aggregation';
import { canonicalJson, sha256 } from './canonical';
import { DAY_MS, localClock, startOfLocalDay } from '../../shared/periods';
import { isOpenAt } from './opening-hours';
import { CRITERION_CODES } from '../../shared/sipas';
import { seedDemoPresence } from './seed-presence';
import { prng } from './prng';

const COMMENTS_LOW = [
  'Phải chờ quá lâu, không có ai hướng dẫn.',
  'Cán bộ trả lời chưa rõ ràng, phải đi lại nhiều lần.',
  'Thiếu ghế ngồi chờ, phòng nóng.',
  'Yêu cầu bổ sung giấy tờ không có trong danh mục niêm yết.',
  'Trả kết quả trễ hẹn 3 ngày.',
  'Máy lấy số thứ tự bị hỏng.',
  'The officer did not speak English and no one could help.',
];
const COMMENTS_HIGH = [
  'Cán bộ nhiệt tình, hướng dẫn chu đáo.',
  'Thủ tục nhanh gọn, cảm ơn Sở.',
  'Rất hài lòng, được hỗ trợ tận tình.',
  'Very helpful staff, thank you.',
  'Nhận kết quả đúng hẹn.',
];

export const DEMO_IDS = {
  units: ['unit-lanhsu', 'unit-hoptac'],
  servicePoints: ['sp-q1', 'sp-q2', 'sp-q3', 'sp-q4'],
  device: 'device-demo-q1',
};

export interface SeedDeps {
  entities: Entities;
  store: Store;
  surveys: SurveysService;
  log: Logger;
}

export async function seedDemo(ctx: SeedDeps, org: Organisation, survey: SurveyVersion, days = 90, total = 3000): Promise<void> {
  const units: Unit[] = [
    { id: 'unit-lanhsu', orgId: org.id, code: 'LS', name: { vi: 'Phòng Lãnh sự – Người Việt Nam ở nước ngoài', en: 'Consular Affairs Division' } },
    { id: 'unit-hoptac', orgId: org.id, code: 'HT', name: { vi: 'Phòng Hợp tác quốc tế', en: 'International Cooperation Division' } },
  ];
  const officers: Officer[] = [
    { id: 'off-lan', orgId: org.id, unitId: 'unit-lanhsu', name: 'Nguyễn Thị Lan', active: true, title: { vi: 'Chuyên viên', en: 'Officer' } },
    { id: 'off-minh', orgId: org.id, unitId: 'unit-lanhsu', name: 'Trần Văn Minh', active: true, title: { vi: 'Chuyên viên', en: 'Officer' } },
    { id: 'off-huong', orgId: org.id, unitId: 'unit-lanhsu', name: 'Lê Thu Hương', active: true, title: { vi: 'Chuyên viên chính', en: 'Senior officer' } },
    { id: 'off-tuan', orgId: org.id, unitId: 'unit-hoptac', name: 'Phạm Anh Tuấn', active: true, title: { vi: 'Chuyên viên', en: 'Officer' } },
    { id: 'off-mai', orgId: org.id, unitId: 'unit-hoptac', name: 'Vũ Ngọc Mai', active: true, title: { vi: 'Chuyên viên', en: 'Officer' } },
    { id: 'off-dung', orgId: org.id, unitId: 'unit-hoptac', name: 'Đỗ Quang Dũng', active: true, title: { vi: 'Chuyên viên', en: 'Officer' } },
  ];
  const sps: ServicePoint[] = [
    { id: 'sp-q1', orgId: org.id, unitId: 'unit-lanhsu', code: 'Q1', name: { vi: 'Quầy 1 – Hộ chiếu, thị thực', en: 'Counter 1 – Passports and visas' }, hours: DEFAULT_HOURS, officerOnDutyId: 'off-lan' },
    { id: 'sp-q2', orgId: org.id, unitId: 'unit-lanhsu', code: 'Q2', name: { vi: 'Quầy 2 – Hợp pháp hóa lãnh sự', en: 'Counter 2 – Consular legalisation' }, hours: DEFAULT_HOURS, officerOnDutyId: 'off-minh' },
    { id: 'sp-q3', orgId: org.id, unitId: 'unit-hoptac', code: 'Q3', name: { vi: 'Quầy 3 – Hội nghị, hội thảo quốc tế', en: 'Counter 3 – International conferences' }, hours: DEFAULT_HOURS, officerOnDutyId: 'off-tuan' },
    { id: 'sp-q4', orgId: org.id, unitId: 'unit-hoptac', code: 'Q4', name: { vi: 'Quầy 4 – Đoàn ra, đoàn vào', en: 'Counter 4 – Official delegations' }, hours: DEFAULT_HOURS, officerOnDutyId: 'off-dung' },
  ];
  const procs: Procedure[] = [
    ['1.001234', 'Cấp hộ chiếu ngoại giao, hộ chiếu công vụ', 'Issue of diplomatic and official passports', 'Lãnh sự', 'Consular'],
    ['1.001235', 'Gia hạn hộ chiếu ngoại giao, hộ chiếu công vụ', 'Extension of diplomatic and official passports', 'Lãnh sự', 'Consular'],
    ['1.002210', 'Chứng nhận lãnh sự giấy tờ, tài liệu', 'Consular certification of documents', 'Lãnh sự', 'Consular'],
    ['1.002211', 'Hợp pháp hóa lãnh sự giấy tờ, tài liệu', 'Consular legalisation of documents', 'Lãnh sự', 'Consular'],
    ['1.003310', 'Cho phép tổ chức hội nghị, hội thảo quốc tế', 'Permission for international conferences', 'Hợp tác quốc tế', 'International cooperation'],
    ['1.003311', 'Cho phép cử đoàn ra nước ngoài', 'Permission for official delegations abroad', 'Hợp tác quốc tế', 'International cooperation'],
    ['1.003312', 'Tiếp nhận đoàn vào', 'Reception of incoming delegations', 'Hợp tác quốc tế', 'International cooperation'],
    ['1.004400', 'Xác nhận thông tin thị thực', 'Visa information confirmation', 'Lãnh sự', 'Consular'],
  ].map(([code, vi, en, fvi, fen]) => ({ id: `proc-${code}`, orgId: org.id, code, name: { vi, en }, field: { vi: fvi, en: fen } }));

  for (const u of units) await ctx.entities.put('unit', u);
  for (const o of officers) await ctx.entities.put('officer', o);
  for (const s of sps) await ctx.entities.put('servicePoint', s);
  for (const p of procs) await ctx.entities.put('procedure', p);
  const device: Device = {
    id: DEMO_IDS.device,
    orgId: org.id,
    servicePointId: 'sp-q1',
    name: 'Kiosk Quầy 1 (demo)',
    tokenHash: null,
    enrolment: null,
    enrolledAt: null,
    revokedAt: null,
    lastSeenAt: null,
    status: null,
  };
  await ctx.entities.put('device', device);

  const rand = prng(20261122);
  const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)];
  // Per-counter chance of a 4–5 rating: Q4 is the weak one.
  const quality: Record<string, number> = { 'sp-q1': 0.88, 'sp-q2': 0.86, 'sp-q3': 0.85, 'sp-q4': 0.64 };
  const officersAt: Record<string, string[]> = { 'sp-q1': ['off-lan', 'off-huong'], 'sp-q2': ['off-minh', 'off-huong'], 'sp-q3': ['off-tuan', 'off-mai'], 'sp-q4': ['off-dung', 'off-mai'] };
  const procsAt: Record<string, Procedure[]> = {
    'sp-q1': [procs[0], procs[1], procs[7]],
    'sp-q2': [procs[2], procs[3]],
    'sp-q3': [procs[4]],
    'sp-q4': [procs[5], procs[6]],
  };
  const score = (q: number): number => {
    const x = rand();
    if (x < q) return rand() < 0.6 ? 5 : 4;
    const y = rand();
    return y < 0.5 ? 3 : y < 0.8 ? 2 : 1;
  };

  const today = startOfLocalDay(Date.now());
  const items: CommitItem[] = [];
  for (let i = 0; i < total; i++) {
    const day = today - Math.floor(rand() * days) * DAY_MS;
    let t = 0;
    for (let tries = 0; tries < 20; tries++) {
      t = day + Math.floor((7.5 + rand() * 9.5) * 3600_000);
      if (localClock(t).weekday !== 0 && localClock(t).weekday !== 6) break;
    }
    // Later today has not happened yet: that rating belongs to the same hour a week earlier.
    if (t > Date.now()) t -= 7 * DAY_MS;
    const sp = sps[rand() < 0.3 ? 0 : rand() < 0.45 ? 1 : rand() < 0.6 ? 2 : 3];
    const channel = rand() < 0.72 ? 'kiosk' : rand() < 0.6 ? 'qr' : 'link';
    const o = score(quality[sp.id]);
    const answers: Record<string, unknown> = { O: o };
    if (channel !== 'kiosk') {
      for (const c of CRITERION_CODES) answers[c] = rand() < 0.1 ? null : Math.min(5, Math.max(1, o + (rand() < 0.25 ? (rand() < 0.5 ? -1 : 1) : 0)));
      if (rand() < 0.6) answers.expect = [...new Set([pick(['attitude', 'digital', 'information', 'service']), pick(['capability', 'feedback', 'needs', 'facilities'])])];
      // H and M (SIPAS.md §3): mostly "none"; the weak counter Q4 draws more "some", and a rare "many".
      const integrity = (worse: number) => {
        const x = rand();
        return x < worse * 0.15 ? 'many' : x < worse ? 'some' : 'none';
      };
      if (rand() < 0.9) answers.H = integrity(sp.id === 'sp-q4' ? 0.2 : 0.05);
      if (rand() < 0.9) answers.M = integrity(sp.id === 'sp-q4' ? 0.12 : 0.03);
    }
    if (o <= 3) answers.reasons = [...new Set([pick(['A', 'P', 'C', 'R', 'F', 'other']), ...(rand() < 0.3 ? [pick(['P', 'C'])] : [])])];
    const comment = rand() < (o <= 2 ? 0.5 : 0.08) ? pick(o <= 3 ? COMMENTS_LOW : COMMENTS_HIGH) : null;
    const proc = rand() < 0.8 ? pick(procsAt[sp.id]) : null;
    const body = { id: randomUUID(), channel, answers, comment };
    const response: StoredResponse = {
      id: body.id,
      orgId: org.id,
      unitId: sp.unitId,
      servicePointId: sp.id,
      deviceId: channel === 'kiosk' && sp.id === 'sp-q1' ? device.id : null,
      officerId: pick(officersAt[sp.id]),
      procedureId: proc?.id ?? null,
      surveyVersionId: survey.id,
      channel,
      verified: channel !== 'qr',
      outsideHours: !isOpenAt(sp.hours, t),
      locale: rand() < 0.85 ? 'vi' : 'en',
      overall: o,
      answers,
      comment,
      clientTime: new Date(t).toISOString(),
      serverTime: new Date(t).toISOString(),
      bodyHash: sha256(canonicalJson(body)),
      excluded: null,
    };
    items.push({ response, deltas: deltasFor(response, survey.definition) });
  }
  for (let i = 0; i < items.length; i += 500) await ctx.store.commitResponses(items.slice(i, i + 500));
  await ctx.surveys.lockForUse(survey);
  // Every demo counter takes kiosk ratings, so each has a kiosk's presence history (report uptime).
  const presenceMarks = await seedDemoPresence(ctx, org, sps, days);
  ctx.log.info({ responses: items.length, presenceMarks, days }, 'demo data seeded');
}
