/** The posters screen's words, Vietnamese first (English typed from it). */
const vi = {
  posters: {
    intro: 'Mỗi quầy có một tờ dán mã QR: người dân quét bằng điện thoại để đánh giá. In khổ A4, dán ở nơi dễ thấy tại quầy.',
    printAll: 'In tất cả các quầy',
    printAllHint: 'Mở một trang in, mỗi quầy một tờ A4.',
    unit: 'Bộ phận',
    allUnits: 'Tất cả bộ phận',
    localWarnTitle: 'Mã QR đang trỏ tới máy này, điện thoại người dân không mở được',
    localWarn: 'Địa chỉ công khai (PUBLIC_URL) hiện là {url}. Xin đặt PUBLIC_URL là địa chỉ mà điện thoại người dân truy cập được (ví dụ https://hailong.tinh.gov.vn), khởi động lại máy chủ rồi mới in.',
    noPublicUrl: 'chưa đặt',
    publicUrl: 'Mã QR dẫn tới: {url}',
    listTitle: 'Các quầy',
    loadFailed: 'Không tải được danh sách quầy.',
    retry: 'Thử lại',
    loading: 'Đang tải…',
    empty: 'Chưa có quầy nào. Thêm quầy ở trang Danh mục.',
    qrAlt: 'Mã QR của quầy {code}',
    open: 'Xem và in',
    svg: 'Tải SVG',
    png: 'Tải PNG',
    openLabel: 'Xem và in tờ dán của quầy {code}',
    svgLabel: 'Tải mã QR của quầy {code} dạng SVG',
    pngLabel: 'Tải mã QR của quầy {code} dạng PNG',
  },
};

type PostersMessages = typeof vi;

const en: PostersMessages = {
  posters: {
    intro: 'Each counter has a QR poster: people scan it with their phone to rate. Print it on A4 and put it where it is easily seen at the counter.',
    printAll: 'Print all counters',
    printAllHint: 'Opens one print page, one A4 sheet per counter.',
    unit: 'Unit',
    allUnits: 'All units',
    localWarnTitle: 'The QR codes point at this machine: people’s phones cannot open them',
    localWarn: 'The public address (PUBLIC_URL) is now {url}. Set PUBLIC_URL to an address people’s phones can reach (e.g. https://hailong.province.gov.vn), restart the server, then print.',
    noPublicUrl: 'not set',
    publicUrl: 'The QR codes lead to: {url}',
    listTitle: 'Counters',
    loadFailed: 'Could not load the counters.',
    retry: 'Try again',
    loading: 'Loading…',
    empty: 'No counters yet. Add counters on the Structure page.',
    qrAlt: 'QR code of counter {code}',
    open: 'View and print',
    svg: 'Download SVG',
    png: 'Download PNG',
    openLabel: 'View and print the poster of counter {code}',
    svgLabel: 'Download the QR code of counter {code} as SVG',
    pngLabel: 'Download the QR code of counter {code} as PNG',
  },
};

export const postersMessages = { vi, en };
