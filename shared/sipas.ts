/**
 * The SIPAS method as data: the answer scale, the five elements and their
 * default criteria (../shared/SIPAS.md §2–3). Codes are stable identifiers
 * stored with every answer, so reports stay comparable across survey versions.
 */
import type { LocalText } from './local-text';

export const SCALE_VALUES = [1, 2, 3, 4, 5] as const;
export type ScaleValue = (typeof SCALE_VALUES)[number];

/** Satisfied means 4 (Hài lòng) or 5 (Rất hài lòng). */
export const isSatisfied = (v: number): boolean => v >= 4;

/** A three-level counter scale is stored as 5 / 4 / 2 so figures stay comparable. */
export const THREE_LEVEL_STORED = [5, 4, 2] as const;

export const ELEMENT_CODES = ['A', 'P', 'C', 'R', 'F'] as const;
export type ElementCode = (typeof ELEMENT_CODES)[number];

export const CRITERION_CODES = [
  'A1', 'A2', 'A3', 'P1', 'P2', 'P3', 'P4', 'C1', 'C2', 'C3', 'C4', 'R1', 'R2', 'F1', 'F2',
] as const;
export type CriterionCode = (typeof CRITERION_CODES)[number];
/** `O` is the overall question behind the headline rate. */
export type RatingCode = CriterionCode | 'O';
export const RATING_CODES: readonly RatingCode[] = ['O', ...CRITERION_CODES];

export const elementOf = (code: CriterionCode): ElementCode => code[0] as ElementCode;

export interface ElementInfo {
  code: ElementCode;
  name: LocalText;
  criteria: { code: CriterionCode; text: LocalText }[];
}

export const ELEMENTS: readonly ElementInfo[] = [
  {
    code: 'A',
    name: { vi: 'Tiếp cận dịch vụ', en: 'Access to the service' },
    criteria: [
      { code: 'A1', text: { vi: 'Nơi tiếp nhận có biển chỉ dẫn rõ ràng, dễ tìm', en: 'Clear signs, easy to find' } },
      { code: 'A2', text: { vi: 'Có đủ chỗ ngồi chờ, bàn ghi chép', en: 'Enough seats and writing desks' } },
      { code: 'A3', text: { vi: 'Trang thiết bị đầy đủ, dễ sử dụng', en: 'Adequate, easy-to-use equipment' } },
    ],
  },
  {
    code: 'P',
    name: { vi: 'Thủ tục hành chính', en: 'Administrative procedures' },
    criteria: [
      { code: 'P1', text: { vi: 'Thủ tục được niêm yết công khai, đầy đủ, chính xác', en: 'Procedure posted publicly, fully and accurately' } },
      { code: 'P2', text: { vi: 'Thành phần hồ sơ đúng quy định', en: 'Documents required are as prescribed' } },
      { code: 'P3', text: { vi: 'Phí, lệ phí đúng quy định', en: 'Fees as prescribed' } },
      { code: 'P4', text: { vi: 'Thời hạn giải quyết đúng quy định', en: 'Processing time as prescribed' } },
    ],
  },
  {
    code: 'C',
    name: { vi: 'Sự phục vụ của công chức', en: 'Service of civil servants' },
    criteria: [
      { code: 'C1', text: { vi: 'Thái độ lịch sự, tôn trọng', en: 'Polite and respectful' } },
      { code: 'C2', text: { vi: 'Chú ý lắng nghe, trả lời đầy đủ', en: 'Listened and answered fully' } },
      { code: 'C3', text: { vi: 'Hướng dẫn tận tình, dễ hiểu', en: 'Guidance thorough and clear' } },
      { code: 'C4', text: { vi: 'Không gây phiền hà, sách nhiễu', en: 'No harassment or improper demands' } },
    ],
  },
  {
    code: 'R',
    name: { vi: 'Kết quả giải quyết', en: 'Result of the procedure' },
    criteria: [
      { code: 'R1', text: { vi: 'Kết quả đúng quy định, thông tin chính xác', en: 'Result correct, information accurate' } },
      { code: 'R2', text: { vi: 'Nhận kết quả đúng hẹn', en: 'Result delivered on time' } },
    ],
  },
  {
    code: 'F',
    name: { vi: 'Tiếp nhận, xử lý góp ý, phản ánh, kiến nghị', en: 'Handling of feedback and complaints' },
    criteria: [
      { code: 'F1', text: { vi: 'Có hình thức tiếp nhận góp ý thuận tiện', en: 'Convenient way to give feedback' } },
      { code: 'F2', text: { vi: 'Góp ý được tiếp nhận, xử lý và trả lời kịp thời', en: 'Feedback handled and answered promptly' } },
    ],
  },
];

export const SCALE_LABELS: Record<ScaleValue, LocalText> = {
  1: { vi: 'Rất không hài lòng', en: 'Very dissatisfied' },
  2: { vi: 'Không hài lòng', en: 'Dissatisfied' },
  3: { vi: 'Bình thường', en: 'Neutral' },
  4: { vi: 'Hài lòng', en: 'Satisfied' },
  5: { vi: 'Rất hài lòng', en: 'Very satisfied' },
};

export const OVERALL_TEXT: LocalText = {
  vi: 'Ông/Bà hài lòng thế nào với sự phục vụ hôm nay?',
  en: 'How satisfied are you with the service today?',
};
