/** The alert rules screen's words, Vietnamese first (English typed from it). */
const vi = {
  alertRules: {
    intro: 'Mỗi quy tắc quyết định khi nào hệ thống mở một cảnh báo. Cảnh báo hiện ở trang Tổng quan và được gửi qua webhook (trang Tích hợp) nếu đã cấu hình.',
    loadFailed: 'Không tải được các quy tắc cảnh báo.',
    retry: 'Thử lại',
    enabled: 'Bật quy tắc này',
    on: 'Đang bật',
    off: 'Đang tắt',
    save: 'Lưu các quy tắc',
    saving: 'Đang lưu…',
    saved: 'Đã lưu các quy tắc cảnh báo.',
    adminOnly: 'Chỉ quản trị viên sửa được các quy tắc; Ông/Bà đang xem.',
    noPreview: 'Chưa có chức năng xem trước các cảnh báo sẽ mở trong 7 ngày qua.',
    officeDefault: 'Để trống: theo cấu hình cơ quan ({value}).',
    lowSatisfaction: {
      title: 'Tỷ lệ hài lòng thấp hơn mục tiêu rõ rệt',
      meaning: 'Mở cảnh báo khi tỷ lệ hài lòng trong {days} ngày gần nhất thấp hơn mục tiêu {target} một cách có ý nghĩa thống kê (có ít nhất {n} đánh giá). Cảnh báo tự đóng khi tỷ lệ trở lại từ {clear} trở lên.',
      windowDays: 'Số ngày tính',
      target: 'Mục tiêu (%)',
      minSample: 'Số đánh giá tối thiểu',
      clearMargin: 'Biên đóng cảnh báo (điểm %)',
      clearMarginHint: 'Tránh cảnh báo bật tắt liên tục quanh mục tiêu.',
      scopes: 'Xét theo',
      scopeNames: { org: 'cả cơ quan', unit: 'từng bộ phận', sp: 'từng quầy', officer: 'từng cán bộ' },
    },
    lowRatingComment: {
      title: 'Đánh giá rất không hài lòng kèm góp ý',
      meaning: 'Mở cảnh báo khi có người chấm {score} điểm trở xuống và để lại góp ý, để lãnh đạo đọc và xử lý ngay.',
      maxScore: 'Điểm cao nhất tính là rất không hài lòng',
    },
    kioskSilent: {
      title: 'Máy đánh giá mất liên lạc',
      meaning: 'Mở cảnh báo khi một máy đánh giá không gửi tín hiệu quá {minutes} phút trong giờ quầy mở cửa.',
      minutes: 'Số phút',
    },
    burst: {
      title: 'Quá nhiều đánh giá trong thời gian ngắn',
      meaning: 'Mở cảnh báo khi một máy hoặc một mã QR nhận hơn {max} đánh giá trong {seconds} giây — có thể có người bấm hàng loạt.',
      maxRatings: 'Số đánh giá tối đa',
      windowSeconds: 'Trong (giây)',
    },
    suspiciousTopRatings: {
      title: 'Nhiều điểm 5 đáng ngờ',
      meaning: 'Mở cảnh báo khi một máy nhận {count} đánh giá 5 điểm trong {seconds} giây lúc không có hồ sơ nào đang được phục vụ.',
      count: 'Số đánh giá 5 điểm',
      windowSeconds: 'Trong (giây)',
    },
  },
};

type AlertRulesMessages = typeof vi;

const en: AlertRulesMessages = {
  alertRules: {
    intro: 'Each rule decides when the system opens an alert. Alerts show on the Overview and are sent to the webhook (Integrations page) when one is set.',
    loadFailed: 'Could not load the alert rules.',
    retry: 'Try again',
    enabled: 'Use this rule',
    on: 'On',
    off: 'Off',
    save: 'Save the rules',
    saving: 'Saving…',
    saved: 'Alert rules saved.',
    adminOnly: 'Only an administrator can change the rules; you are viewing them.',
    noPreview: 'There is no preview yet of what would have fired over the last 7 days.',
    officeDefault: 'Empty: the office setting ({value}).',
    lowSatisfaction: {
      title: 'Satisfaction significantly below target',
      meaning: 'Opens an alert when satisfaction over the last {days} days is significantly below the {target} target (with at least {n} ratings). It closes itself when the rate is back at {clear} or above.',
      windowDays: 'Days counted',
      target: 'Target (%)',
      minSample: 'Minimum ratings',
      clearMargin: 'Closing margin (% points)',
      clearMarginHint: 'Keeps an alert from flapping around the target.',
      scopes: 'Checked for',
      scopeNames: { org: 'the whole office', unit: 'each unit', sp: 'each counter', officer: 'each officer' },
    },
    lowRatingComment: {
      title: 'A very dissatisfied rating with a comment',
      meaning: 'Opens an alert when someone rates {score} or lower and leaves a comment, so a manager reads and acts on it at once.',
      maxScore: 'Highest score counted as very dissatisfied',
    },
    kioskSilent: {
      title: 'A kiosk out of touch',
      meaning: 'Opens an alert when a kiosk sends no signal for more than {minutes} minutes while its counter is open.',
      minutes: 'Minutes',
    },
    burst: {
      title: 'Too many ratings in a short time',
      meaning: 'Opens an alert when one kiosk or QR code gets more than {max} ratings within {seconds} seconds — someone may be pressing repeatedly.',
      maxRatings: 'Most ratings allowed',
      windowSeconds: 'Within (seconds)',
    },
    suspiciousTopRatings: {
      title: 'Suspicious runs of top ratings',
      meaning: 'Opens an alert when one kiosk gets {count} ratings of 5 within {seconds} seconds while no dossier is being served.',
      count: 'Ratings of 5',
      windowSeconds: 'Within (seconds)',
    },
  },
};

export const alertRulesMessages = { vi, en };
