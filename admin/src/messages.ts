/**
 * Every word of the dashboard's frame and shared parts (sign-in, shell,
 * status words, tables, period picker, filters, forms, dialogs, toasts),
 * Vietnamese first, English second. Each screen keeps its own words in
 * views/<screen>/messages.ts. The English catalog is typed from the
 * Vietnamese one, so a missing key is a compile error as well as a lint
 * finding (test/helpers/lint-catalogs.ts). `{name}` marks a value filled in.
 */

const vi = {
  appName: 'Hài Lòng',
  documentTitle: 'Hài Lòng – Quản trị',
  /** The language toggle names the language it switches to, in that language. */
  switchLanguage: 'English',
  switchLanguageHint: 'Switch to English',
  loading: 'Đang tải…',
  login: {
    title: 'Đăng nhập',
    intro: 'Theo dõi sự hài lòng của người dân tại bộ phận một cửa.',
    email: 'E-mail',
    password: 'Mật khẩu',
    submit: 'Đăng nhập',
    working: 'Đang đăng nhập…',
    wrong: 'E-mail hoặc mật khẩu không đúng. Xin kiểm tra lại.',
    tooMany: 'Đã nhập sai quá nhiều lần. Xin đợi 15 phút rồi thử lại.',
    invalid: 'Xin nhập một địa chỉ e-mail hợp lệ và mật khẩu.',
    offline: 'Không kết nối được máy chủ. Xin kiểm tra mạng rồi thử lại.',
    failed: 'Máy chủ đang gặp lỗi. Xin thử lại sau ít phút.',
    expired: 'Phiên đăng nhập đã hết hạn. Xin đăng nhập lại.',
  },
  shell: {
    skipToContent: 'Bỏ qua, đến nội dung chính',
    navLabel: 'Các trang quản trị',
    logout: 'Đăng xuất',
    scopeOrg: 'Toàn cơ quan',
    signedInAs: 'Đang đăng nhập: {name}',
    roles: { admin: 'Quản trị viên', manager: 'Lãnh đạo, quản lý', 'unit-head': 'Trưởng bộ phận' },
  },
  views: {
    overview: 'Tổng quan',
  },
  live: {
    connecting: 'Đang kết nối…',
    live: 'Trực tiếp',
    offline: 'Mất kết nối, đang thử lại…',
    hint: 'Kết nối cập nhật trực tiếp',
  },
  status: {
    'no-data': 'Chưa có dữ liệu',
    meets: 'Đạt mục tiêu',
    below: 'Dưới mục tiêu',
    'significantly-below': 'Thấp hơn mục tiêu rõ rệt',
  },
  statusHint: {
    'no-data': 'Chưa có đánh giá nào.',
    meets: 'Tỷ lệ hài lòng bằng hoặc cao hơn mục tiêu.',
    below: 'Thấp hơn mục tiêu, nhưng số đánh giá chưa đủ để khẳng định (khoảng tin cậy vẫn chứa mục tiêu, hoặc còn ít đánh giá).',
    'significantly-below': 'Cả khoảng tin cậy 95% đều thấp hơn mục tiêu, với đủ số đánh giá.',
  },
  figures: {
    interval: 'Khoảng tin cậy 95%: {low} – {high}',
    intervalShort: 'KTC 95%: {low} – {high}',
  },
  /** The app-level data (organisation, units) could not be read. */
  store: {
    loadFailed: 'Không tải được thông tin cơ quan.',
    retry: 'Thử lại',
  },
  route: {
    loadFailed: 'Không tải được trang này. Xin kiểm tra mạng rồi thử lại.',
    retry: 'Thử lại',
  },
  table: {
    loading: 'Đang tải…',
    empty: 'Không có dữ liệu.',
    loadFailed: 'Không tải được bảng số liệu.',
    retry: 'Thử lại',
  },
  period: {
    label: 'Khoảng thời gian',
    choices: {
      today: 'Hôm nay',
      week: 'Tuần này',
      month: 'Tháng này',
      'last-month': 'Tháng trước',
      quarter: 'Quý này',
      half: '6 tháng',
      'nine-months': '9 tháng',
      year: 'Năm nay',
      custom: 'Tùy chọn',
    },
    from: 'Từ ngày',
    to: 'Đến ngày',
    range: '{from} – {to}',
    badRange: 'Ngày kết thúc phải bằng hoặc sau ngày bắt đầu.',
  },
  filters: {
    label: 'Bộ lọc',
    unit: 'Bộ phận',
    counter: 'Quầy',
    officer: 'Cán bộ',
    procedure: 'Thủ tục',
    channel: 'Kênh',
    verified: 'Xác thực',
    any: 'Tất cả',
    channels: { kiosk: 'Kiosk', qr: 'QR tại quầy', link: 'Đường dẫn hồ sơ' },
    verifiedChoices: { only: 'Chỉ đã xác thực', all: 'Mọi đánh giá', unverified: 'Chỉ chưa xác thực' },
    clear: 'Bỏ lọc',
  },
  form: {
    required: 'Bắt buộc',
    invalid: 'Giá trị này chưa hợp lệ.',
    someInvalid: 'Một số ô chưa hợp lệ. Xin sửa các ô được đánh dấu.',
    failed: 'Không lưu được. Xin thử lại.',
    offline: 'Không kết nối được máy chủ. Xin kiểm tra mạng rồi thử lại.',
    forbidden: 'Ông/Bà không có quyền thực hiện thao tác này.',
    conflict: 'Dữ liệu đã thay đổi ở nơi khác. Xin tải lại rồi thử lại.',
    notFound: 'Không tìm thấy mục này; có thể nó đã bị xóa.',
  },
  dialog: {
    confirm: 'Đồng ý',
    cancel: 'Hủy',
  },
  toast: {
    region: 'Thông báo',
    close: 'Đóng thông báo',
    saved: 'Đã lưu.',
  },
};

export type AdminMessages = typeof vi;

const en: AdminMessages = {
  appName: 'Hài Lòng',
  documentTitle: 'Hài Lòng – Admin',
  switchLanguage: 'Tiếng Việt',
  switchLanguageHint: 'Chuyển sang tiếng Việt',
  loading: 'Loading…',
  login: {
    title: 'Sign in',
    intro: 'Follow citizen satisfaction at the one-stop desk.',
    email: 'E-mail',
    password: 'Password',
    submit: 'Sign in',
    working: 'Signing in…',
    wrong: 'Wrong e-mail or password. Please check and try again.',
    tooMany: 'Too many failed attempts. Please wait 15 minutes and try again.',
    invalid: 'Please enter a valid e-mail address and a password.',
    offline: 'Cannot reach the server. Check the network and try again.',
    failed: 'The server has a problem. Please try again in a few minutes.',
    expired: 'Your session has ended. Please sign in again.',
  },
  shell: {
    skipToContent: 'Skip to main content',
    navLabel: 'Admin pages',
    logout: 'Sign out',
    scopeOrg: 'Whole office',
    signedInAs: 'Signed in: {name}',
    roles: { admin: 'Administrator', manager: 'Manager', 'unit-head': 'Unit head' },
  },
  views: {
    overview: 'Overview',
  },
  live: {
    connecting: 'Connecting…',
    live: 'Live',
    offline: 'Connection lost, retrying…',
    hint: 'Live update connection',
  },
  status: {
    'no-data': 'No data yet',
    meets: 'Meets target',
    below: 'Below target',
    'significantly-below': 'Significantly below target',
  },
  statusHint: {
    'no-data': 'No ratings yet.',
    meets: 'The satisfaction rate is at or above the target.',
    below: 'Below the target, but not conclusively: the confidence interval still includes the target, or there are few ratings.',
    'significantly-below': 'The whole 95% confidence interval is below the target, with enough ratings.',
  },
  figures: {
    interval: '95% confidence interval: {low} – {high}',
    intervalShort: '95% CI: {low} – {high}',
  },
  store: {
    loadFailed: 'Could not load the office’s details.',
    retry: 'Try again',
  },
  route: {
    loadFailed: 'Could not load this page. Check the network and try again.',
    retry: 'Try again',
  },
  table: {
    loading: 'Loading…',
    empty: 'No data.',
    loadFailed: 'Could not load the table.',
    retry: 'Try again',
  },
  period: {
    label: 'Period',
    choices: {
      today: 'Today',
      week: 'This week',
      month: 'This month',
      'last-month': 'Last month',
      quarter: 'This quarter',
      half: '6 months',
      'nine-months': '9 months',
      year: 'This year',
      custom: 'Custom',
    },
    from: 'From',
    to: 'To',
    range: '{from} – {to}',
    badRange: 'The end date must be on or after the start date.',
  },
  filters: {
    label: 'Filters',
    unit: 'Unit',
    counter: 'Counter',
    officer: 'Officer',
    procedure: 'Procedure',
    channel: 'Channel',
    verified: 'Verification',
    any: 'All',
    channels: { kiosk: 'Kiosk', qr: 'Counter QR', link: 'Dossier link' },
    verifiedChoices: { only: 'Verified only', all: 'All ratings', unverified: 'Unverified only' },
    clear: 'Clear filters',
  },
  form: {
    required: 'Required',
    invalid: 'This value is not valid.',
    someInvalid: 'Some fields are not valid. Please correct the marked fields.',
    failed: 'Could not save. Please try again.',
    offline: 'Cannot reach the server. Check the network and try again.',
    forbidden: 'You are not allowed to do this.',
    conflict: 'This was changed elsewhere. Please reload and try again.',
    notFound: 'This item was not found; it may have been deleted.',
  },
  dialog: {
    confirm: 'Confirm',
    cancel: 'Cancel',
  },
  toast: {
    region: 'Notifications',
    close: 'Close notification',
    saved: 'Saved.',
  },
};

export const adminMessages = { vi, en };
