/** The preview's own few words (the screens it shows speak through their real catalogs). */
import type { Locale } from '../../../shared/local-text';

const vi = {
  banner: 'Xem trước — không gửi đánh giá nào',
  kiosk: 'Máy tại quầy',
  qr: 'Trang quét mã QR',
  counter: 'Quầy (xem trước)',
  loadFailed: 'Không tải được phiên bản phiếu này.',
  noKioskForm: 'Phiên bản này không có câu hỏi chung cho máy tại quầy.',
  back: 'Quay lại màn hình đầu',
  step: 'Bước',
};
export type PreviewWords = typeof vi;
const en: PreviewWords = {
  banner: 'Preview — no rating is sent',
  kiosk: 'Counter kiosk',
  qr: 'QR page',
  counter: 'Counter (preview)',
  loadFailed: 'This survey version could not be loaded.',
  noKioskForm: 'This version has no overall question for the kiosk.',
  back: 'Back to the start screen',
  step: 'Step',
};
export const previewWords = (l: Locale): PreviewWords => (l === 'en' ? en : vi);
