/**
 * The SIPAS method as data: the answer scale, the five elements and the 19
 * criteria of the national service questionnaire, and the two categorical
 * questions H and M (../shared/SIPAS.md §2–3). Codes are stable identifiers
 * stored with every answer, so reports stay comparable across survey
 * versions: a code never changes meaning (see shared/survey.ts).
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

/** The 19 criteria of the national service questionnaire (SIPAS.md §3), element by element. */
export const CRITERION_CODES = [
  'A1', 'A2', 'A3', 'A4',
  'P1', 'P2', 'P3', 'P4',
  'C1', 'C2', 'C3', 'C4', 'C5',
  'R1', 'R2', 'R3',
  'F1', 'F2', 'F3',
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

/** The five elements and their criteria, worded as the national form (condensed) in SIPAS.md §3. */
export const ELEMENTS: readonly ElementInfo[] = [
  {
    code: 'A',
    name: { vi: 'Tiếp cận dịch vụ hành chính công', en: 'Access to public administrative services' },
    criteria: [
      { code: 'A1', text: { vi: 'Thông tin về giải quyết thủ tục hành chính được cung cấp theo nhiều hình thức, dễ tiếp cận, dễ hiểu', en: 'Information on procedures in many forms, easy to reach and understand' } },
      { code: 'A2', text: { vi: 'Trụ sở có biển hiệu, hướng dẫn rõ ràng, dễ thấy', en: 'Clear, visible signs and directions' } },
      { code: 'A3', text: { vi: 'Trụ sở sạch sẽ, văn minh', en: 'Premises clean and orderly' } },
      { code: 'A4', text: { vi: 'Trang thiết bị đầy đủ, chất lượng tốt', en: 'Equipment sufficient and in good order' } },
    ],
  },
  {
    code: 'P',
    name: { vi: 'Thủ tục hành chính', en: 'Administrative procedures' },
    criteria: [
      { code: 'P1', text: { vi: 'Thủ tục hành chính được niêm yết công khai, dễ thấy, dễ hiểu', en: 'Procedure posted publicly, easy to see and understand' } },
      { code: 'P2', text: { vi: 'Thành phần hồ sơ phải nộp đúng quy định', en: 'Documents required are as prescribed' } },
      { code: 'P3', text: { vi: 'Phí, lệ phí phải nộp đúng quy định', en: 'Fees as prescribed' } },
      { code: 'P4', text: { vi: 'Thời hạn giải quyết đúng quy định', en: 'Processing time as prescribed' } },
    ],
  },
  {
    code: 'C',
    name: { vi: 'Công chức trực tiếp giải quyết công việc', en: 'Civil servants handling the matter' },
    criteria: [
      { code: 'C1', text: { vi: 'Thái độ giao tiếp lịch sự, tôn trọng', en: 'Polite and respectful' } },
      { code: 'C2', text: { vi: 'Cung cấp thông tin, trả lời kịp thời, đầy đủ', en: 'Answers questions promptly and fully' } },
      { code: 'C3', text: { vi: 'Hướng dẫn dễ hiểu, hoàn thiện hồ sơ sau một lần hướng dẫn', en: 'Clear guidance: the dossier is complete after one explanation' } },
      { code: 'C4', text: { vi: 'Tuân thủ đúng quy định khi giải quyết công việc', en: 'Follows the rules' } },
      { code: 'C5', text: { vi: 'Tận tình trong quá trình giải quyết công việc', en: 'Attentive and dedicated' } },
    ],
  },
  {
    code: 'R',
    name: { vi: 'Kết quả giải quyết thủ tục hành chính', en: 'Result of the procedure' },
    criteria: [
      { code: 'R1', text: { vi: 'Kết quả được trả đúng hẹn', en: 'Result delivered on time' } },
      { code: 'R2', text: { vi: 'Kết quả có thông tin đầy đủ, chính xác', en: 'Result complete and accurate' } },
      { code: 'R3', text: { vi: 'Kết quả bảo đảm công bằng', en: 'Result fair' } },
    ],
  },
  {
    code: 'F',
    name: { vi: 'Tiếp nhận, xử lý ý kiến góp ý, phản ánh, kiến nghị', en: 'Handling of feedback and complaints' },
    criteria: [
      { code: 'F1', text: { vi: 'Có bố trí hình thức tiếp nhận góp ý, phản ánh, kiến nghị; dễ phản ánh', en: 'An easy way to give feedback or complain' } },
      { code: 'F2', text: { vi: 'Tiếp nhận, xử lý góp ý, phản ánh, kiến nghị đúng quy định', en: 'Feedback handled as prescribed' } },
      { code: 'F3', text: { vi: 'Thông báo kết quả xử lý góp ý, phản ánh, kiến nghị kịp thời', en: 'Outcome of feedback reported promptly' } },
    ],
  },
];

/**
 * The two categorical questions of the national form (SIPAS.md §3): not on
 * the 5-point scale, reported only as shares of none / some / many (with n),
 * never folded into a rate, and only in aggregate with n ≥ the minimum sample.
 */
export const INTEGRITY_CODES = ['H', 'M'] as const;
export type IntegrityCode = (typeof INTEGRITY_CODES)[number];
export const INTEGRITY_ANSWERS = ['none', 'some', 'many'] as const;
export type IntegrityAnswer = (typeof INTEGRITY_ANSWERS)[number];

export interface IntegrityInfo {
  code: IntegrityCode;
  text: LocalText;
  answers: Record<IntegrityAnswer, LocalText>;
}

export const INTEGRITY_QUESTIONS: readonly IntegrityInfo[] = [
  {
    code: 'H',
    text: {
      vi: 'Khi giải quyết thủ tục, có công chức nào gây phiền hà, sách nhiễu Ông/Bà không?',
      en: 'While your matter was handled, did any civil servant harass you or make improper demands?',
    },
    answers: {
      none: { vi: 'Không có công chức nào gây phiền hà, sách nhiễu', en: 'No civil servant harassed me or made improper demands' },
      some: { vi: 'Một số công chức gây phiền hà, sách nhiễu', en: 'Some civil servants harassed me or made improper demands' },
      many: { vi: 'Nhiều công chức gây phiền hà, sách nhiễu', en: 'Many civil servants harassed me or made improper demands' },
    },
  },
  {
    code: 'M',
    text: {
      vi: 'Theo Ông/Bà, có người dân nào phải đưa tiền ngoài quy định khi giải quyết thủ tục không?',
      en: 'As far as you know, do people have to pay money beyond the prescribed fees to get their matter handled?',
    },
    answers: {
      none: { vi: 'Không có người dân nào phải đưa tiền ngoài quy định', en: 'Nobody has to pay beyond the prescribed fees' },
      some: { vi: 'Một số người dân phải đưa tiền ngoài quy định', en: 'Some people have to pay beyond the prescribed fees' },
      many: { vi: 'Nhiều người dân phải đưa tiền ngoài quy định', en: 'Many people have to pay beyond the prescribed fees' },
    },
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
