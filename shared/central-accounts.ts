// Central's web accounts (issue 16): who may sign in to the province's dashboard, what a
// password must be, and what the session endpoints say. Pure (zod only) so central, its CLI and
// the dashboard page parse and explain with the same rules.
import { z } from 'zod';

/** Province admin: everything, manages accounts. Unit viewer: the units listed on the account only. */
export const accountRoles = ['province-admin', 'unit-viewer'] as const;
export type AccountRole = (typeof accountRoles)[number];

export const accountRoleNames: Record<AccountRole, string> = {
  'province-admin': 'Quản trị tỉnh',
  'unit-viewer': 'Xem đơn vị',
};

/**
 * Lower case, so "NguyenVanA" and "nguyenvana" are one account (and one lockout: a guesser
 * cannot get five more tries by changing the case). Letters without diacritics, digits and . _ -
 * so a name is typed the same on every keyboard.
 */
export const usernameSchema = z
  .string({ error: 'Cần tên đăng nhập' })
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._-]{2,63}$/, 'Tên đăng nhập: 3–64 ký tự, chữ không dấu, số, dấu chấm, gạch dưới hoặc gạch ngang, bắt đầu bằng chữ hoặc số');

/**
 * A unit's code as the kiosks send it (office code, e.g. 000.00.21.H56), also the codes of the
 * higher units of the hierarchy. Same bounds as `central device add --office`.
 */
export const unitCodeSchema = z.string().trim().min(1, 'Mã đơn vị không được để trống').max(64, 'Mã đơn vị tối đa 64 ký tự');

export const MIN_PASSWORD_LENGTH = 12;
/** scrypt takes any length; a bound keeps a megabyte "password" from being hashed at all. */
export const MAX_PASSWORD_LENGTH = 128;

/** A few passwords people choose first; whoever guesses tries these before anything else. */
const obviousPasswords = new Set(['123456789012', 'matkhau12345', 'matkhau123456', 'password1234', 'qwertyuiop12', 'admin1234567', 'haiLong12345'.toLowerCase()]);

/**
 * Why a new password is refused, in Vietnamese; null when it may be used. Length counts what a
 * person typed (code points, after NFC: "ả" is one character however the keyboard composed it).
 * No rule about character classes: length is what makes a password hard to guess (NIST SP
 * 800-63B), and rules about symbols make people write passwords down.
 */
export function newPasswordProblem(password: string, username: string): string | null {
  const typed = [...password.normalize('NFC')];
  if (typed.length < MIN_PASSWORD_LENGTH) return `Mật khẩu cần ít nhất ${MIN_PASSWORD_LENGTH} ký tự`;
  if (typed.length > MAX_PASSWORD_LENGTH) return `Mật khẩu tối đa ${MAX_PASSWORD_LENGTH} ký tự`;
  if (password.trim() !== password) return 'Mật khẩu không được bắt đầu hoặc kết thúc bằng khoảng trắng';
  if (/[\p{Cc}]/u.test(password)) return 'Mật khẩu không được chứa ký tự điều khiển';
  if (new Set(typed).size < 4) return 'Mật khẩu quá đơn giản: cần ít nhất 4 ký tự khác nhau';
  const lower = password.toLowerCase();
  if (username.length > 0 && lower.includes(username.toLowerCase())) return 'Mật khẩu không được chứa tên đăng nhập';
  if (obviousPasswords.has(lower)) return 'Mật khẩu này quá phổ biến, hãy chọn mật khẩu khác';
  return null;
}

/** POST /api/v1/session. The password is not checked against the rules here: only against its hash. */
export const signInRequestSchema = z.strictObject({
  username: usernameSchema,
  password: z.string().min(1, 'Cần mật khẩu').max(MAX_PASSWORD_LENGTH * 4, 'Mật khẩu quá dài'),
});
export type SignInRequest = z.infer<typeof signInRequestSchema>;

/** GET /api/v1/session (and the answer to a sign-in): who the session belongs to. */
export const sessionAccountSchema = z.strictObject({
  username: z.string(),
  role: z.enum(accountRoles),
  /** Unit codes a unit viewer may see; empty for a province admin (who sees everything). */
  units: z.array(z.string()),
  /** When the session ends at the latest (absolute expiry), ISO instant. */
  expiresAt: z.string(),
});
export type SessionAccount = z.infer<typeof sessionAccountSchema>;

/** The typed refusals of the session endpoints and of every route behind `requireAccount`. */
export const accountRefusalCodes = [
  'SIGN_IN_REQUIRED',
  'SIGN_IN_FAILED',
  'ACCOUNT_LOCKED',
  'ACCOUNT_DISABLED',
  'FORBIDDEN',
  'ORIGIN_REFUSED',
  'MALFORMED',
] as const;
export type AccountRefusalCode = (typeof accountRefusalCodes)[number];

export const accountRefusalMessages: Record<AccountRefusalCode, string> = {
  SIGN_IN_REQUIRED: 'Cần đăng nhập (phiên làm việc đã hết hạn hoặc chưa đăng nhập).',
  SIGN_IN_FAILED: 'Tên đăng nhập hoặc mật khẩu không đúng.',
  ACCOUNT_LOCKED: 'Tài khoản tạm khóa do nhập sai mật khẩu nhiều lần; hãy thử lại sau.',
  ACCOUNT_DISABLED: 'Tài khoản đã bị vô hiệu hóa. Liên hệ quản trị tỉnh.',
  FORBIDDEN: 'Tài khoản này không có quyền xem nội dung này.',
  ORIGIN_REFUSED: 'Yêu cầu không đến từ trang của máy chủ trung tâm nên bị từ chối.',
  MALFORMED: 'Yêu cầu không đúng định dạng.',
};

export const accountRefusalSchema = z.strictObject({
  error: z.strictObject({
    code: z.enum(accountRefusalCodes),
    message: z.string(),
    detail: z.string().optional(),
    /** ACCOUNT_LOCKED, or SIGN_IN_FAILED when this failure started a wait: when to try again (ISO instant). */
    retryAt: z.string().optional(),
  }),
});
export type AccountRefusalBody = z.infer<typeof accountRefusalSchema>;
