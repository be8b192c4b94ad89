// Counter officials: who can sign in, with what role, and what each role may do.
import { z } from 'zod';

export const staffRoles = ['officer', 'section-head', 'it-admin'] as const;
export const staffRoleSchema = z.enum(staffRoles);
export type StaffRole = z.infer<typeof staffRoleSchema>;

export const roleLabels: Record<StaffRole, string> = {
  officer: 'Cán bộ một cửa',
  'section-head': 'Trưởng bộ phận',
  'it-admin': 'Cán bộ CNTT',
};

/** PINs are digits only (a numeric pad), 6 to 8 long; never stored or logged in clear. */
export const pinSchema = z.string().regex(/^\d{6,8}$/, 'Mã PIN gồm 6 đến 8 chữ số');

/** The two shared roles: one PIN per kiosk, not per person (reset by CLI, file or setup code). */
export const sharedRoles = ['section-head', 'it-admin'] as const;
export type SharedRole = (typeof sharedRoles)[number];

/** Who is signing in: an officer from the list, or one of the two shared roles. */
export const staffSubjectSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('officer'), officerId: z.uuid() }),
  z.strictObject({ kind: z.literal('role'), role: z.enum(sharedRoles) }),
]);
export type StaffSubject = z.infer<typeof staffSubjectSchema>;

const name = z.string().trim().min(1, 'Không được để trống').max(100, 'Tối đa 100 ký tự');

export const officerSchema = z.object({
  id: z.uuid(),
  /** The officer's staff code (mã cán bộ), unique in the office. */
  code: z.string().trim().min(1).max(32),
  name,
  title: z.string().trim().max(100),
  /** A small JPEG/PNG as a data URL (≤ 200 KB), or null. */
  photoDataUrl: z
    .string()
    .max(280_000)
    .regex(/^data:image\/(png|jpeg);base64,[A-Za-z0-9+/=]+$/, 'Ảnh phải là PNG hoặc JPEG')
    .nullable(),
  active: z.boolean(),
});
export type Officer = z.infer<typeof officerSchema>;

export const serviceAreaSchema = z.object({
  code: z.string().trim().regex(/^[A-Z0-9_-]{1,32}$/, 'Mã lĩnh vực: chữ in hoa, số, - hoặc _'),
  name,
  active: z.boolean(),
});
export type ServiceArea = z.infer<typeof serviceAreaSchema>;

/** The procedure areas of a typical one-stop section (DOMAIN.md); the section head edits them. */
export const defaultServiceAreas: ServiceArea[] = [
  { code: 'HO-TICH', name: 'Hộ tịch', active: true },
  { code: 'CHUNG-THUC', name: 'Chứng thực', active: true },
  { code: 'DAT-DAI', name: 'Đất đai', active: true },
  { code: 'XAY-DUNG', name: 'Xây dựng', active: true },
  { code: 'LDTBXH', name: 'Lao động – Thương binh – Xã hội', active: true },
  { code: 'DKKD', name: 'Đăng ký kinh doanh', active: true },
  { code: 'TU-PHAP', name: 'Tư pháp', active: true },
];

export const staffSessionSchema = z.object({
  role: staffRoleSchema,
  /** Set when an officer signed in. */
  officerId: z.uuid().nullable(),
  displayName: z.string(),
  /** The first-run default PIN (or one a section head reset) must be changed before anything else. */
  mustChangePin: z.boolean(),
  /** The staff area closes itself after this instant unless touched (2 minutes idle). */
  expiresAt: z.string(),
});
export type StaffSession = z.infer<typeof staffSessionSchema>;

export const shiftSchema = z.object({
  id: z.uuid(),
  officerId: z.uuid(),
  officerName: z.string(),
  officerTitle: z.string(),
  photoDataUrl: z.string().nullable(),
  serviceCode: z.string().nullable(),
  serviceName: z.string().nullable(),
  startedAt: z.string(),
});
export type Shift = z.infer<typeof shiftSchema>;
