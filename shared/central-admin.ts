// The province admin's administration over HTTP (issue 16): accounts, units, offices and devices
// under /api/v1/admin/… (docs/central-dashboard.md). Every request body and path parameter is
// parsed with these schemas by central, and every answer by the page; the refusal codes and their
// Vietnamese text are here too. Pure (zod only): central, its CLI and the page share the rules.
import { z } from 'zod';
import { accountRoles, MAX_PASSWORD_LENGTH, newPasswordProblem, usernameSchema } from './central-accounts';
import { unitCodeSchema, unitNameSchema } from './central-units';
import { officeCodeSchema } from './device-settings';

/** More units than a viewer could need; a bound so a request cannot write thousands of rows. */
export const MAX_ACCOUNT_UNITS = 50;

const viewerUnits = z.array(unitCodeSchema).max(MAX_ACCOUNT_UNITS, `Tối đa ${MAX_ACCOUNT_UNITS} đơn vị`).transform((units) => [...new Set(units)]);
/** A typed password (checked by the shared rules against the username); absent: central generates one and shows it once. */
const typedPassword = z.string().max(MAX_PASSWORD_LENGTH * 4, 'Mật khẩu quá dài').optional();

export const usernameParamsSchema = z.strictObject({ username: usernameSchema });
export const unitParamsSchema = z.strictObject({ code: unitCodeSchema });
export const officeParamsSchema = z.strictObject({ officeCode: officeCodeSchema });
export const deviceParamsSchema = z.strictObject({ deviceId: z.uuid('Mã thiết bị không hợp lệ (cần dạng UUID)') });

export const accountAddRequestSchema = z
  .strictObject({ username: usernameSchema, role: z.enum(accountRoles, { error: 'Vai trò phải là Quản trị tỉnh hoặc Xem đơn vị' }), units: viewerUnits.default([]), password: typedPassword })
  .superRefine((v, ctx) => {
    if (v.role === 'unit-viewer' && v.units.length === 0) ctx.addIssue({ code: 'custom', path: ['units'], message: 'Tài khoản Xem đơn vị cần ít nhất một đơn vị' });
    if (v.role === 'province-admin' && v.units.length > 0) ctx.addIssue({ code: 'custom', path: ['units'], message: 'Quản trị tỉnh xem mọi đơn vị: không chọn đơn vị' });
    const problem = v.password === undefined ? null : newPasswordProblem(v.password, v.username);
    if (problem !== null) ctx.addIssue({ code: 'custom', path: ['password'], message: problem });
  });
export type AccountAddRequest = z.input<typeof accountAddRequestSchema>;

/** The password is checked against the account's username by central (the path names it). */
export const passwordResetRequestSchema = z.strictObject({ password: typedPassword });
export const accountUnitsRequestSchema = z.strictObject({ units: viewerUnits.refine((u) => u.length > 0, 'Cần ít nhất một đơn vị') });

export const accountViewSchema = z.strictObject({
  username: z.string(),
  role: z.enum(accountRoles),
  units: z.array(z.string()),
  createdAt: z.string(),
  disabledAt: z.string().nullable(),
  /** Waiting out a run of wrong passwords until then (ISO instant); null: may sign in. */
  lockedUntil: z.string().nullable(),
  failures: z.number().int().nonnegative(),
});
export type AccountView = z.infer<typeof accountViewSchema>;
export const accountListResponseSchema = z.strictObject({ accounts: z.array(accountViewSchema) });

/** The answer to adding an account or resetting its password: the generated password, once; null when the admin typed it. */
export const oneTimePasswordResponseSchema = z.strictObject({ username: z.string(), password: z.string().nullable() });
export type OneTimePasswordResponse = z.infer<typeof oneTimePasswordResponseSchema>;

export const unitAddRequestSchema = z.strictObject({ code: unitCodeSchema, name: unitNameSchema, parentCode: unitCodeSchema.nullable().default(null) });
export type UnitAddRequest = z.input<typeof unitAddRequestSchema>;
/** Rename, move (parentCode null: directly under the province), or both. */
export const unitChangeRequestSchema = z
  .strictObject({ name: unitNameSchema.optional(), parentCode: unitCodeSchema.nullable().optional() })
  .refine((v) => v.name !== undefined || v.parentCode !== undefined, 'Cần tên mới hoặc đơn vị cấp trên mới');
export type UnitChangeRequest = z.input<typeof unitChangeRequestSchema>;
export const officeAssignRequestSchema = z.strictObject({ unitCode: unitCodeSchema });

/** The spreadsheet upload's body types (the raw file, as the CLI reads it from disk). */
export const unitFileTypes = { csv: 'text/csv', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' } as const;
/** The upload's file name, for the audit and the answer (the body is the file itself). */
export const unitImportQuerySchema = z.strictObject({ file: z.string().trim().min(1).max(200).optional() });
export const unitImportResponseSchema = z.strictObject({ units: z.number().int(), offices: z.number().int() });

export const adminDeviceSchema = z.strictObject({
  deviceId: z.string(),
  officeCode: z.string(),
  officeName: z.string().nullable(),
  unitCode: z.string().nullable(),
  unitName: z.string().nullable(),
  counter: z.number().int(),
  label: z.string().nullable(),
  revoked: z.boolean(),
  lastSeenAt: z.string().nullable(),
  ratingCount: z.number().int(),
});
export type AdminDevice = z.infer<typeof adminDeviceSchema>;
export const adminDeviceListResponseSchema = z.strictObject({ devices: z.array(adminDeviceSchema) });

/** Refusals of the admin routes besides the accounts' own (SIGN_IN_REQUIRED, FORBIDDEN, ORIGIN_REFUSED). */
export const adminRefusalCodes = [
  'INVALID_INPUT',
  'UNKNOWN_ACCOUNT',
  'ACCOUNT_EXISTS',
  'UNKNOWN_UNIT',
  'UNKNOWN_DEVICE',
  'UNIT_RULES',
  'CANNOT_DISABLE_SELF',
  'LAST_ADMIN',
  'NOT_A_VIEWER',
  'UNSUPPORTED_FILE',
] as const;
export type AdminRefusalCode = (typeof adminRefusalCodes)[number];
export const adminRefusalMessages: Record<AdminRefusalCode, string> = {
  INVALID_INPUT: 'Thông tin nhập chưa đúng.',
  UNKNOWN_ACCOUNT: 'Không có tài khoản này.',
  ACCOUNT_EXISTS: 'Tên đăng nhập này đã có tài khoản.',
  UNKNOWN_UNIT: 'Không có đơn vị này.',
  UNKNOWN_DEVICE: 'Không có thiết bị này.',
  UNIT_RULES: 'Không thực hiện được; không có thay đổi nào được ghi.',
  CANNOT_DISABLE_SELF: 'Không thể tự vô hiệu hóa tài khoản đang dùng.',
  LAST_ADMIN: 'Không thể vô hiệu hóa quản trị tỉnh cuối cùng còn hoạt động.',
  NOT_A_VIEWER: 'Chỉ tài khoản Xem đơn vị mới có danh sách đơn vị.',
  UNSUPPORTED_FILE: 'Tệp phải là .xlsx hoặc .csv.',
};
export const adminRefusalSchema = z.strictObject({
  error: z.strictObject({
    code: z.enum(adminRefusalCodes),
    message: z.string(),
    detail: z.string().optional(),
    /** UNIT_RULES: every problem, each naming its spreadsheet line ("dòng 3: …"). */
    problems: z.array(z.string()).optional(),
  }),
});
export type AdminRefusalBody = z.infer<typeof adminRefusalSchema>;
