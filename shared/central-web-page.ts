// Central's web page (issue 16): what the page asks before anyone signs in. Pure (zod only):
// central answers with it, the page parses it.
import { z } from 'zod';

/** `CENTRAL_PROVINCE_NAME` of `serve` (e.g. "Sở Nội vụ tỉnh Hòa Bình"): the page's header. */
export const provinceNameSchema = z.string().trim().min(1, 'Tên tỉnh không được để trống').max(120, 'Tên tỉnh tối đa 120 ký tự');

/** GET /api/v1/web-page: public (the sign-in page shows it too); null until the setting is given. */
export const webPageInfoSchema = z.strictObject({ provinceName: provinceNameSchema.nullable() });
export type WebPageInfo = z.infer<typeof webPageInfoSchema>;

export const PROVINCE_NAME_ENV = 'CENTRAL_PROVINCE_NAME';
