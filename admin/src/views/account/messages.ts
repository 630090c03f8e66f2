/** The own-sessions screen's words, Vietnamese first (English typed from it). */
const vi = {
  account: {
    sessionsTitle: 'Phiên đăng nhập',
    intro: 'Các trình duyệt đang đăng nhập bằng tài khoản của Ông/Bà. Nếu thấy một phiên lạ, hãy đăng xuất phiên đó và báo quản trị viên.',
    session: 'Phiên',
    expires: 'Hết hạn',
    current: 'Phiên này (trình duyệt đang dùng)',
    other: 'Trình duyệt khác',
    signOut: 'Đăng xuất phiên đó',
    signOutTitle: 'Đăng xuất phiên đó?',
    signOutBody: 'Trình duyệt đó sẽ phải đăng nhập lại.',
    signedOut: 'Đã đăng xuất phiên đó.',
    failed: 'Không thực hiện được. Xin thử lại.',
    empty: 'Không có phiên nào.',
    loadFailed: 'Không tải được các phiên đăng nhập.',
    actions: 'Thao tác',
  },
};

export type AccountMessages = typeof vi;

const en: AccountMessages = {
  account: {
    sessionsTitle: 'Signed-in sessions',
    intro: 'The browsers signed in with your account. If you see one you do not know, sign it out and tell an administrator.',
    session: 'Session',
    expires: 'Expires',
    current: 'This session (this browser)',
    other: 'Another browser',
    signOut: 'Sign that session out',
    signOutTitle: 'Sign that session out?',
    signOutBody: 'That browser will have to log in again.',
    signedOut: 'That session is signed out.',
    failed: 'That did not work. Please try again.',
    empty: 'No sessions.',
    loadFailed: 'Could not load your sessions.',
    actions: 'Actions',
  },
};

export const accountMessages = { vi, en };
