/**
 * Every word the counter kiosk shows, Vietnamese first, English second.
 * Survey wording (the question, the reason chips) comes with the survey
 * version in the kiosk config; the scale labels come from the SIPAS model so
 * they can never drift from the figures. `{name}` marks a value filled in.
 */
import { SCALE_LABELS } from '../sipas';

const vi = {
  /** The language toggle names the language it switches to. */
  switchLanguage: 'English',
  switchLanguageHint: 'Switch to English',
  officerOnDuty: 'Cán bộ phục vụ',
  scale: { '1': SCALE_LABELS[1].vi, '2': SCALE_LABELS[2].vi, '3': SCALE_LABELS[3].vi, '4': SCALE_LABELS[4].vi, '5': SCALE_LABELS[5].vi },
  pleaseWait: 'Xin mời Ông/Bà đợi trong giây lát',
  followUp: {
    title: 'Điều gì chưa tốt?',
    hint: 'Chọn một hoặc nhiều mục (không bắt buộc)',
    /**
     * The chips in plain words (SIPAS.md §3), keyed by the SIPAS element code
     * stored as the answer: A access, P procedure, C civil servants, R result,
     * F feedback handling.
     */
    reasons: {
      A: 'Chỉ dẫn, nơi chờ',
      P: 'Giấy tờ, phí',
      C: 'Thái độ, hướng dẫn của cán bộ',
      R: 'Kết quả, thời hạn',
      F: 'Góp ý, phản ánh',
      other: 'Khác',
    },
    commentLabel: 'Góp ý thêm (không bắt buộc)',
    commentPlaceholder: 'Nhập góp ý của Ông/Bà',
    send: 'Gửi đánh giá',
    skip: 'Bỏ qua',
  },
  thanks: {
    title: 'Cảm ơn Ông/Bà!',
    body: 'Đánh giá của Ông/Bà đã được ghi nhận. Chúc Ông/Bà một ngày tốt lành.',
  },
  enrol: {
    title: 'Kết nối kiosk',
    intro: 'Nhập mã kích hoạt gồm 8 ký tự do quản trị viên cung cấp.',
    codeLabel: 'Mã kích hoạt',
    submit: 'Kết nối',
    working: 'Đang kết nối…',
    badCode: 'Mã không đúng, đã dùng hoặc đã hết hạn. Xin quản trị viên cấp mã mới.',
    offline: 'Không kết nối được máy chủ. Kiểm tra mạng rồi thử lại.',
    tooMany: 'Thử quá nhiều lần. Xin đợi vài phút rồi thử lại.',
    revoked: 'Kiosk này đã bị thu hồi. Nhập mã mới để kết nối lại.',
  },
  unavailable: {
    title: 'Kiosk tạm ngưng nhận đánh giá',
    body: 'Xin Ông/Bà vui lòng liên hệ cán bộ tại quầy.',
  },
  starting: 'Đang khởi động…',
  staff: {
    online: 'Trực tuyến',
    offline: 'Ngoại tuyến',
    queued: 'Chờ gửi: {n}',
    oldest: 'lâu nhất {age}',
    lastSync: 'Đồng bộ lúc {time}',
    neverSynced: 'Chưa đồng bộ',
    dropped: 'Bị từ chối: {n}',
    seconds: '{n} giây',
    minutes: '{n} phút',
    hours: '{n} giờ',
  },
};

export type KioskMessages = typeof vi;

const en: KioskMessages = {
  switchLanguage: 'Tiếng Việt',
  switchLanguageHint: 'Chuyển sang tiếng Việt',
  officerOnDuty: 'Officer on duty',
  scale: { '1': SCALE_LABELS[1].en, '2': SCALE_LABELS[2].en, '3': SCALE_LABELS[3].en, '4': SCALE_LABELS[4].en, '5': SCALE_LABELS[5].en },
  pleaseWait: 'Please wait a moment',
  followUp: {
    title: 'What went wrong?',
    hint: 'Choose one or more (optional)',
    reasons: {
      A: 'Signs, waiting area',
      P: 'Documents, fees',
      C: 'Staff attitude, guidance',
      R: 'Result, deadline',
      F: 'Feedback, complaints',
      other: 'Other',
    },
    commentLabel: 'Anything to add? (optional)',
    commentPlaceholder: 'Type your comment',
    send: 'Send',
    skip: 'Skip',
  },
  thanks: {
    title: 'Thank you!',
    body: 'Your rating has been recorded. Have a good day.',
  },
  enrol: {
    title: 'Connect this kiosk',
    intro: 'Enter the 8-character activation code from your administrator.',
    codeLabel: 'Activation code',
    submit: 'Connect',
    working: 'Connecting…',
    badCode: 'This code is wrong, already used or expired. Ask the administrator for a new one.',
    offline: 'Cannot reach the server. Check the network and try again.',
    tooMany: 'Too many attempts. Wait a few minutes and try again.',
    revoked: 'This kiosk was disconnected by the administrator. Enter a new code to connect it again.',
  },
  unavailable: {
    title: 'This kiosk is not taking ratings right now',
    body: 'Please ask the officer at the counter.',
  },
  starting: 'Starting…',
  staff: {
    online: 'Online',
    offline: 'Offline',
    queued: 'Queued: {n}',
    oldest: 'oldest {age}',
    lastSync: 'Synced at {time}',
    neverSynced: 'Not synced yet',
    dropped: 'Rejected: {n}',
    seconds: '{n} s',
    minutes: '{n} min',
    hours: '{n} h',
  },
};

export const kioskMessages = { vi, en };
