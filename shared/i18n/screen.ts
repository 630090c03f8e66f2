/**
 * The public waiting-room screen (/screen/<code>): Vietnamese first, English
 * second. Read from across a room: short words, no jargon.
 */
const vi = {
  title: 'Kết quả đánh giá sự hài lòng',
  subtitle: 'Công khai, minh bạch — do người dân đánh giá tại quầy và qua mã QR',
  wholeOffice: 'Toàn cơ quan',
  today: 'Hôm nay',
  month: 'Tháng {month}',
  satisfied: 'hài lòng',
  ratings: '{n} lượt đánh giá',
  target: 'Mục tiêu {target}',
  meets: 'Đạt mục tiêu {target}',
  below: 'Chưa đạt mục tiêu {target}',
  notEnough: 'Chưa đủ đánh giá',
  cellNotEnough: 'Chưa đủ đánh giá',
  notEnoughLong: 'Chưa đủ đánh giá để tính tỷ lệ (cần ít nhất {min} lượt)',
  noRatings: 'Chưa có đánh giá',
  counters: 'Theo từng quầy',
  counter: 'Quầy',
  noCounters: 'Chưa có quầy nào.',
  pageOf: 'Trang {page}/{pages}',
  updated: 'Cập nhật lúc {time}',
  live: 'Đang cập nhật trực tiếp',
  reconnecting: 'Mất kết nối — đang kết nối lại…',
  loading: 'Đang tải…',
  failed: 'Chưa tải được số liệu. Đang thử lại…',
  switchLanguage: 'English',
  switchLanguageHint: 'Switch to English',
  footer: 'Hài lòng = đánh giá "Hài lòng" hoặc "Rất hài lòng". Không hiển thị ý kiến hay thông tin cá nhân.',
};

export type ScreenMessages = typeof vi;

const en: ScreenMessages = {
  title: 'Citizen satisfaction results',
  subtitle: 'Public and open — rated by citizens at the counters and by QR code',
  wholeOffice: 'Whole office',
  today: 'Today',
  month: 'Month {month}',
  satisfied: 'satisfied',
  ratings: '{n} ratings',
  target: 'Target {target}',
  meets: 'Meets the {target} target',
  below: 'Below the {target} target',
  notEnough: 'Not enough ratings yet',
  cellNotEnough: 'Too few ratings',
  notEnoughLong: 'Not enough ratings yet for a rate (at least {min} needed)',
  noRatings: 'No ratings yet',
  counters: 'By counter',
  counter: 'Counter',
  noCounters: 'No counters yet.',
  pageOf: 'Page {page} of {pages}',
  updated: 'Updated at {time}',
  live: 'Updating live',
  reconnecting: 'Connection lost — reconnecting…',
  loading: 'Loading…',
  failed: 'Could not load the figures yet. Trying again…',
  switchLanguage: 'Tiếng Việt',
  switchLanguageHint: 'Chuyển sang tiếng Việt',
  footer: 'Satisfied = rated "Satisfied" or "Very satisfied". No comments or personal data are shown.',
};

export const screenMessages = { vi, en };
