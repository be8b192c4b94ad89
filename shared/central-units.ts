// A unit of the province's hierarchy (issue 16): its code and name rules, pure (zod only) so
// central's store, CLI, spreadsheet import and the web page's administration forms check alike.
import { z } from 'zod';

export const unitCodeSchema = z
  .string({ error: 'Mã đơn vị không được để trống' })
  .trim()
  .min(1, 'Mã đơn vị không được để trống')
  .max(32, 'Mã đơn vị tối đa 32 ký tự')
  .regex(/^[A-Za-z0-9._-]+$/, 'Mã đơn vị chỉ gồm chữ không dấu, số, dấu chấm, - và _');
export const unitNameSchema = z
  .string({ error: 'Tên đơn vị không được để trống' })
  .trim()
  .min(1, 'Tên đơn vị không được để trống')
  .max(200, 'Tên đơn vị tối đa 200 ký tự')
  .refine((s) => !/\p{Cc}/u.test(s), 'Tên đơn vị chứa ký tự điều khiển');
