// The page's words (issue 16). Staff-facing, so Vietnamese only (shared/STYLE.md).

/** The header's title while central has no CENTRAL_PROVINCE_NAME (or before it answers). */
export const PROVINCE_TITLE_PLACEHOLDER = 'Sở Nội vụ';

export const views = [
  { id: 'province', label: 'Toàn tỉnh' },
  { id: 'units', label: 'Đơn vị' },
  { id: 'officers', label: 'Cán bộ' },
  { id: 'reports', label: 'Báo cáo' },
  { id: 'alerts', label: 'Cảnh báo' },
] as const;
export type ViewId = (typeof views)[number]['id'];

export const text = {
  product: 'Đánh giá mức độ hài lòng',
  signInTitle: 'Đăng nhập',
  signInIntro: 'Dành cho cán bộ Sở Nội vụ và các đơn vị được cấp tài khoản.',
  username: 'Tên đăng nhập',
  password: 'Mật khẩu',
  signIn: 'Đăng nhập',
  signingIn: 'Đang đăng nhập…',
  needBoth: 'Hãy nhập tên đăng nhập và mật khẩu.',
  signOut: 'Đăng xuất',
  loading: 'Đang tải…',
  navigation: 'Các mục',
  signedInAs: 'Đang đăng nhập:',
  sessionEnded: 'Phiên làm việc đã hết. Hãy đăng nhập lại.',
  unitsTitle: 'Các đơn vị',
  unassigned: 'Đơn vị một cửa chưa xếp vào đơn vị nào',
  noUnits: 'Chưa có đơn vị nào. Thêm bằng lệnh "central unit import" trên máy chủ.',
  offices: (n: number) => `${n} bộ phận một cửa`,
  devices: (n: number) => `${n} máy đánh giá`,
  unnamedOffice: 'Chưa có tên (máy đánh giá chưa gửi danh mục)',
} as const;
