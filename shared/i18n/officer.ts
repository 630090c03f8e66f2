/**
 * The officer page (/officer/): the officer invites the citizen just served
 * to rate at the counter's kiosk. Vietnamese first, English second. The page
 * never shows how anyone rated.
 */
const vi = {
  title: 'Mời đánh giá',
  appName: 'Hài Lòng – Trang cán bộ',
  switchLanguage: 'English',
  switchLanguageHint: 'Switch to English',
  signIn: {
    title: 'Đăng nhập cán bộ',
    intro: 'Nhập mã quầy và mã PIN do quản trị viên cấp.',
    counter: 'Mã quầy',
    pin: 'Mã PIN cán bộ',
    submit: 'Đăng nhập',
    withAdmin: 'Dùng tài khoản quản trị đang đăng nhập',
    working: 'Đang đăng nhập…',
    wrong: 'Mã quầy hoặc mã PIN không đúng.',
    tooMany: 'Thử quá nhiều lần tại quầy này. Xin thử lại sau 15 phút.',
    noAdmin: 'Chưa đăng nhập trang quản trị, hoặc tài khoản không được mở quầy này.',
    offline: 'Không kết nối được máy chủ. Kiểm tra mạng rồi thử lại.',
  },
  counter: 'Quầy',
  officer: 'Cán bộ',
  admin: 'Tài khoản quản trị',
  procedure: 'Thủ tục vừa giải quyết',
  noProcedure: '— Không chọn thủ tục —',
  invite: 'Mời đánh giá',
  inviteHint: 'Bấm khi vừa phục vụ xong một công dân. Máy tại quầy sẽ hiện các mặt đánh giá trong 60 giây.',
  invited: 'Đã mời. Máy tại quầy đang hiện màn hình đánh giá.',
  alwaysMode: 'Quầy này đang ở chế độ luôn hiện đánh giá, không cần mời. Quản trị viên có thể chuyển sang "sau khi phục vụ".',
  failed: 'Chưa mời được. Kiểm tra mạng rồi bấm lại.',
  signedOut: 'Phiên đăng nhập đã hết. Xin đăng nhập lại.',
  signOut: 'Đăng xuất',
  loading: 'Đang tải…',
};

export type OfficerMessages = typeof vi;

const en: OfficerMessages = {
  title: 'Invite rating',
  appName: 'Hài Lòng – Officer page',
  switchLanguage: 'Tiếng Việt',
  switchLanguageHint: 'Chuyển sang tiếng Việt',
  signIn: {
    title: 'Officer sign-in',
    intro: 'Enter the counter code and the PIN your administrator gave you.',
    counter: 'Counter code',
    pin: 'Officer PIN',
    submit: 'Sign in',
    withAdmin: 'Use the admin account signed in on this browser',
    working: 'Signing in…',
    wrong: 'Wrong counter code or PIN.',
    tooMany: 'Too many attempts at this counter. Try again in 15 minutes.',
    noAdmin: 'Not signed in to the admin console, or this account may not open this counter.',
    offline: 'Cannot reach the server. Check the network and try again.',
  },
  counter: 'Counter',
  officer: 'Officer',
  admin: 'Admin account',
  procedure: 'Procedure just handled',
  noProcedure: '— No procedure —',
  invite: 'Invite rating',
  inviteHint: 'Press when you have finished serving a citizen. The counter kiosk shows the rating faces for 60 seconds.',
  invited: 'Invited. The counter kiosk is showing the rating screen.',
  alwaysMode: 'This counter always shows the rating faces; no invitation is needed. An administrator can switch it to "after service".',
  failed: 'Not invited. Check the network and press again.',
  signedOut: 'Your sign-in has ended. Please sign in again.',
  signOut: 'Sign out',
  loading: 'Loading…',
};

export const officerMessages = { vi, en };
