// GET /api/v1/directory (issue 16): the province as central names it — units (nested), their
// offices (by office code, named by their kiosks), each office's devices with the officers,
// service areas and reasons their kiosks last sent. For the dashboard and reports built on it;
// photos are not listed (`hasPhoto`), they are personal data and heavy.
import { z } from 'zod';

const officerView = z.strictObject({ id: z.string(), code: z.string(), name: z.string(), title: z.string(), active: z.boolean(), hasPhoto: z.boolean() });
const serviceAreaView = z.strictObject({ code: z.string(), name: z.string(), active: z.boolean() });
const reasonView = z.strictObject({ code: z.string(), label: z.string(), factor: z.string().nullable() });

export const directoryDeviceSchema = z.strictObject({
  deviceId: z.string(),
  counter: z.number().int(),
  label: z.string().nullable(),
  revoked: z.boolean(),
  /** null: the kiosk has not sent its directory (yet, or it predates issue 16). */
  directory: z
    .strictObject({
      revision: z.number().int().positive(),
      changedAt: z.string(),
      receivedAt: z.iso.datetime({ offset: true }),
      officers: z.array(officerView),
      serviceAreas: z.array(serviceAreaView),
      reasons: z.array(reasonView),
    })
    .nullable(),
});
export type DirectoryDevice = z.infer<typeof directoryDeviceSchema>;

export const directoryOfficeSchema = z.strictObject({
  officeCode: z.string(),
  /** From the office's kiosks (the newest directory by its kiosk's stamp); null until one sent it. */
  name: z.string().nullable(),
  timeZone: z.string().nullable(),
  devices: z.array(directoryDeviceSchema),
});
export type DirectoryOffice = z.infer<typeof directoryOfficeSchema>;

export interface DirectoryUnit {
  code: string;
  name: string;
  units: DirectoryUnit[];
  offices: DirectoryOffice[];
}
export const directoryUnitSchema: z.ZodType<DirectoryUnit> = z.strictObject({
  code: z.string(),
  name: z.string(),
  get units() {
    return z.array(directoryUnitSchema);
  },
  offices: z.array(directoryOfficeSchema),
});

export const directoryResponseSchema = z.strictObject({
  /** Units directly under the province, each with its units and offices. */
  units: z.array(directoryUnitSchema),
  /** Offices (known from devices or directories) not yet placed under a unit. */
  unassignedOffices: z.array(directoryOfficeSchema),
});
export type DirectoryResponse = z.infer<typeof directoryResponseSchema>;
