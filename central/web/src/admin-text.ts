// The words of the province admin's "Quản trị" view (issue 16). Staff-facing: Vietnamese only.
import type { AdminRefusal } from './admin-api';
import { UNREACHABLE_TEXT } from './refusal-text';

export const adminView = { id: 'admin', label: 'Quản trị' } as const;

export const adminSections = [
  { id: 'accounts', label: 'Tài khoản' },
  { id: 'units', label: 'Đơn vị' },
  { id: 'devices', label: 'Thiết bị' },
] as const;
export type AdminSectionId = (typeof adminSections)[number]['id'];

export const adminText = {
  sections: 'Các mục quản trị',
  loading: 'Đang tải…',
  save: 'Lưu',
  cancel: 'Hủy',
  saving: 'Đang lưu…',
  actions: 'Thao tác',
  // Accounts
  accountsTitle: 'Tài khoản trang tổng hợp',
  username: 'Tên đăng nhập',
  role: 'Vai trò',
  units: 'Đơn vị',
  state: 'Trạng thái',
  allUnits: 'Mọi đơn vị',
  active: 'Đang dùng',
  disabled: 'Đã vô hiệu hóa',
  lockedUntil: (at: string) => `Tạm khóa đến ${at}`,
  you: '(bạn)',
  addAccount: 'Thêm tài khoản',
  passwordChoice: 'Mật khẩu',
  generatePassword: 'Tạo mật khẩu ngẫu nhiên (hiển thị một lần)',
  typePassword: 'Tự nhập mật khẩu',
  password: 'Mật khẩu (ít nhất 12 ký tự)',
  chooseUnits: 'Đơn vị được xem',
  noUnitsYet: 'Chưa có đơn vị nào: thêm đơn vị ở mục "Đơn vị" trước.',
  resetPassword: 'Đặt lại mật khẩu',
  disable: 'Vô hiệu hóa',
  changeUnits: 'Đổi đơn vị',
  changeUnitsOf: (u: string) => `Đổi đơn vị được xem của ${u}`,
  confirmDisable: (u: string) => `Vô hiệu hóa tài khoản ${u}? Mọi phiên đăng nhập của tài khoản kết thúc ngay.`,
  confirmReset: (u: string) => `Đặt mật khẩu mới cho ${u}? Mật khẩu cũ hết hiệu lực, các phiên đăng nhập kết thúc.`,
  oneTimeTitle: 'Mật khẩu dùng một lần',
  oneTimeFor: (u: string) => `Mật khẩu của ${u}:`,
  oneTimeNote: 'Chỉ hiển thị một lần: hãy ghi lại và trao tận tay người dùng. Máy chủ không lưu mật khẩu này.',
  oneTimeDone: 'Đã ghi lại, đóng',
  added: (u: string) => `Đã tạo tài khoản ${u}.`,
  addedTyped: (u: string) => `Đã tạo tài khoản ${u} với mật khẩu đã nhập.`,
  disabledDone: (u: string) => `Đã vô hiệu hóa tài khoản ${u}.`,
  unitsDone: (u: string) => `Đã đổi đơn vị của ${u}.`,
  // Units
  unitsTitle: 'Cây đơn vị',
  unitName: 'Tên đơn vị',
  unitCode: 'Mã đơn vị',
  parent: 'Đơn vị cấp trên',
  province: '— Trực thuộc tỉnh —',
  offices: 'Bộ phận một cửa',
  addUnit: 'Thêm đơn vị',
  editUnit: 'Sửa',
  editUnitOf: (name: string) => `Sửa đơn vị ${name} (đổi tên hoặc chuyển sang đơn vị cấp trên khác)`,
  unitAdded: (code: string) => `Đã thêm đơn vị ${code}.`,
  unitChanged: (code: string) => `Đã lưu đơn vị ${code}.`,
  assignTitle: 'Xếp bộ phận một cửa vào đơn vị',
  officeCode: 'Mã bộ phận một cửa (ví dụ 000.00.21.H56)',
  assign: 'Xếp vào đơn vị',
  assigned: (office: string, unit: string) => `Đã xếp bộ phận một cửa ${office} vào đơn vị ${unit}.`,
  unassigned: 'Chưa xếp vào đơn vị',
  importTitle: 'Nhập danh sách đơn vị từ tệp',
  importHelp: 'Tệp .xlsx hoặc .csv, dòng 1 là tiêu đề cột: "Mã đơn vị", "Tên đơn vị", "Mã đơn vị cấp trên", "Mã bộ phận một cửa". Mã đã có thì được đổi tên hoặc chuyển; có dòng lỗi thì không ghi gì.',
  importFile: 'Tệp danh sách đơn vị',
  importButton: 'Nhập tệp',
  importing: 'Đang nhập…',
  chooseFile: 'Hãy chọn một tệp .xlsx hoặc .csv.',
  imported: (units: number, offices: number) => `Đã nhập ${units} đơn vị và ${offices} bộ phận một cửa.`,
  importRefused: 'Tệp không được nhập, không có thay đổi nào được ghi. Sửa các dòng sau rồi nhập lại:',
  noUnits: 'Chưa có đơn vị nào. Thêm từng đơn vị hoặc nhập từ tệp.',
  // Devices
  devicesTitle: 'Máy đánh giá',
  deviceId: 'Mã thiết bị',
  office: 'Bộ phận một cửa',
  counter: 'Quầy',
  label: 'Nhãn',
  lastSeen: 'Liên lạc lần cuối',
  ratings: 'Số đánh giá',
  never: 'Chưa bao giờ',
  working: 'Hoạt động',
  revoked: 'Đã thu hồi',
  revoke: 'Thu hồi',
  confirmRevoke: (d: string) => `Thu hồi thiết bị ${d}? Máy đánh giá này không gửi được dữ liệu nữa; các đánh giá đã nhận vẫn được giữ.`,
  revokedDone: (d: string) => `Đã thu hồi thiết bị ${d}.`,
  noDevices: 'Chưa có thiết bị nào.',
  registerOnServer:
    'Đăng ký máy đánh giá mới bằng lệnh "npm run central -- device add" (hoặc "device enroll") trên máy chủ: mã truy cập của thiết bị là bí mật, chỉ hiển thị một lần ở đó, không qua trình duyệt.',
} as const;

/** A refusal as people read it: central's message, and what it named. */
export function adminRefusalText(refusal: AdminRefusal | null): string {
  if (refusal === null) return UNREACHABLE_TEXT;
  return refusal.detail === undefined ? refusal.message : `${refusal.message} (${refusal.detail})`;
}

// The browser's own zone: the page is read at the province's offices.
const clock = new Intl.DateTimeFormat('vi-VN', { dateStyle: 'short', timeStyle: 'short', hour12: false });
export const localTime = (iso: string) => clock.format(new Date(iso));
