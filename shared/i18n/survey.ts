/**
 * Messages of the QR survey page and the counter poster, Vietnamese first.
 * Question texts are not here: they come from the survey definition. The
 * English catalogs are typed from the Vietnamese ones, so a missing key is a
 * compile error as well as a lint finding. `{name}` marks a placeholder.
 */

const surveyVi = {
  documentTitle: 'Khảo sát sự hài lòng',
  loading: 'Đang tải khảo sát…',
  /** The language switch names the language it switches to, in that language. */
  switchLanguage: 'English',
  switchLanguageLabel: 'Chuyển sang tiếng Anh',
  counter: 'Quầy',
  procedure: 'Thủ tục',
  intro: 'Khảo sát ẩn danh, khoảng 2 phút. Chỉ câu đầu tiên là bắt buộc.',
  draftRestored: 'Đã khôi phục các câu trả lời đang làm dở.',
  progressLabel: 'Tiến độ khảo sát',
  stepOf: 'Bước {n}/{total}',
  back: 'Quay lại',
  next: 'Tiếp tục',
  submit: 'Gửi đánh giá',
  sending: 'Đang gửi…',
  notApplicable: 'Không áp dụng',
  scaleHint: 'Chọn từ 1 (rất không hài lòng) đến 5 (rất hài lòng), hoặc «Không áp dụng».',
  overallRequired: 'Vui lòng chọn một mức đánh giá để tiếp tục.',
  integrityTitle: 'Phiền hà, sách nhiễu và chi phí ngoài quy định',
  integrityHint: 'Câu trả lời ẩn danh và chỉ được báo cáo gộp, không bao giờ theo từng người. Có thể bỏ qua.',
  moreTitle: 'Mong muốn của Ông/Bà',
  multiHint: 'Có thể chọn nhiều mục.',
  commentTitle: 'Góp ý thêm',
  commentLabel: 'Ý kiến, góp ý (không bắt buộc)',
  commentHint: 'Xin đừng ghi họ tên, số điện thoại hay số hồ sơ.',
  charsLeft: 'Còn {n} ký tự',
  retry: 'Thử lại',
  done: {
    title: 'Cảm ơn Ông/Bà!',
    body: 'Đánh giá của Ông/Bà đã được ghi nhận và sẽ giúp cơ quan phục vụ tốt hơn.',
  },
  used: {
    title: 'Hồ sơ này đã được đánh giá',
    body: 'Mỗi hồ sơ chỉ được đánh giá một lần. Cảm ơn Ông/Bà đã tham gia.',
  },
  expired: {
    title: 'Đường dẫn khảo sát đã hết hạn',
    body: 'Ông/Bà vẫn có thể đánh giá bằng mã QR dán tại quầy.',
  },
  inactive: {
    title: 'Quầy tạm ngừng',
    body: 'Quầy này tạm ngừng tiếp nhận nên chưa nhận đánh giá. Xin Ông/Bà quét mã QR tại quầy đang phục vụ.',
  },
  invalid: {
    title: 'Đường dẫn khảo sát không hợp lệ',
    body: 'Vui lòng quét lại mã QR trên giấy tiếp nhận hồ sơ, hoặc mã QR dán tại quầy.',
  },
  notFound: {
    title: 'Không tìm thấy quầy',
    body: 'Mã QR này không còn được sử dụng. Vui lòng hỏi cán bộ tại quầy.',
  },
  loadFailed: {
    title: 'Chưa tải được khảo sát',
    body: 'Vui lòng kiểm tra kết nối mạng rồi thử lại.',
  },
  errors: {
    offline: 'Chưa gửi được. Câu trả lời vẫn được lưu trên máy; vui lòng thử lại.',
    rateLimited: 'Thiết bị này đã gửi quá nhiều đánh giá cho quầy. Vui lòng thử lại sau.',
    rejected: 'Máy chủ chưa nhận đánh giá này. Vui lòng tải lại trang và thử lại.',
  },
};

export type SurveyPageText = typeof surveyVi;

const surveyEn: SurveyPageText = {
  documentTitle: 'Satisfaction survey',
  loading: 'Loading the survey…',
  switchLanguage: 'Tiếng Việt',
  switchLanguageLabel: 'Switch to Vietnamese',
  counter: 'Counter',
  procedure: 'Procedure',
  intro: 'Anonymous, about 2 minutes. Only the first question is required.',
  draftRestored: 'Your unfinished answers were restored.',
  progressLabel: 'Survey progress',
  stepOf: 'Step {n} of {total}',
  back: 'Back',
  next: 'Next',
  submit: 'Send',
  sending: 'Sending…',
  notApplicable: 'Not applicable',
  scaleHint: 'Choose from 1 (very dissatisfied) to 5 (very satisfied), or "Not applicable".',
  overallRequired: 'Please choose a rating to continue.',
  integrityTitle: 'Harassment and unofficial payments',
  integrityHint: 'Anonymous, and only ever reported as totals, never per person. You may skip these.',
  moreTitle: 'Your expectations',
  multiHint: 'You may choose several.',
  commentTitle: 'Anything else?',
  commentLabel: 'Comments or suggestions (optional)',
  commentHint: 'Please do not write names, phone numbers or dossier numbers.',
  charsLeft: '{n} characters left',
  retry: 'Try again',
  done: {
    title: 'Thank you!',
    body: 'Your answers have been recorded and will help the office serve you better.',
  },
  used: {
    title: 'This survey has already been answered',
    body: 'Each dossier can be rated once. Thank you for taking part.',
  },
  expired: {
    title: 'This survey link has expired',
    body: 'You can still rate the service with the QR code at the counter.',
  },
  inactive: {
    title: 'This counter is closed for now',
    body: 'This counter is not serving at the moment, so it takes no ratings. Please scan the QR code at a counter that is open.',
  },
  invalid: {
    title: 'This survey link is not valid',
    body: 'Please scan the QR code on your dossier receipt again, or the one at the counter.',
  },
  notFound: {
    title: 'Counter not found',
    body: 'This QR code is no longer in use. Please ask at the counter.',
  },
  loadFailed: {
    title: 'Could not load the survey',
    body: 'Please check your connection and try again.',
  },
  errors: {
    offline: 'Not sent yet. Your answers are kept on this phone; please try again.',
    rateLimited: 'This device has sent too many responses for this counter. Please try again later.',
    rejected: 'The server did not accept these answers. Please reload the page and try again.',
  },
};

export const surveyPageText = { vi: surveyVi, en: surveyEn };

/** The printed counter poster shows both languages at once, Vietnamese first. */
const posterVi = {
  documentTitle: 'Áp phích khảo sát – {counter}',
  allTitle: 'Áp phích khảo sát – {n} quầy',
  heading: 'Đánh giá sự hài lòng',
  lead: 'Ý kiến của Ông/Bà giúp chúng tôi phục vụ tốt hơn.',
  counter: 'Quầy',
  step1: 'Mở camera điện thoại, quét mã QR.',
  step2: 'Trả lời các câu hỏi (khoảng 2 phút).',
  step3: 'Bấm «Gửi đánh giá».',
  anonymous: 'Ẩn danh: không cần đăng nhập, không thu thập thông tin cá nhân.',
  orOpen: 'Hoặc mở địa chỉ:',
  print: 'In áp phích',
  localAddressWarning: 'Mã QR đang trỏ tới «{url}», điện thoại của người dân không mở được. Hãy đặt PUBLIC_URL trước khi in.',
};

export type PosterText = typeof posterVi;

const posterEn: PosterText = {
  documentTitle: 'Survey poster – {counter}',
  allTitle: 'Survey posters – {n} counters',
  heading: 'Rate our service',
  lead: 'Your opinion helps us serve you better.',
  counter: 'Counter',
  step1: 'Open your phone camera and scan the QR code.',
  step2: 'Answer the questions (about 2 minutes).',
  step3: 'Tap "Send".',
  anonymous: 'Anonymous: no login, no personal data collected.',
  orOpen: 'Or open:',
  print: 'Print poster',
  localAddressWarning: 'The QR code points to "{url}", which citizens\' phones cannot open. Set PUBLIC_URL before printing.',
};

export const posterText = { vi: posterVi, en: posterEn };

/** Fills `{name}` placeholders. */
export function fill(template: string, vars: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m));
}
