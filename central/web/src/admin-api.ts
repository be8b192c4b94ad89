// The province admin's administration as the page reaches it (issue 16): /api/v1/admin/… over
// fetch, same origin (the browser adds Origin, which central checks on every change, and the
// session cookie). Every answer is parsed with the schema central answers with; a refusal carries
// central's typed code, Vietnamese message, detail and, for a spreadsheet, every bad line.
import { z } from 'zod';
import {
  accountListResponseSchema,
  adminDeviceListResponseSchema,
  adminRefusalMessages,
  oneTimePasswordResponseSchema,
  unitFileTypes,
  unitImportResponseSchema,
  type AccountAddRequest,
  type AccountView,
  type AdminDevice,
  type OneTimePasswordResponse,
  type UnitAddRequest,
  type UnitChangeRequest,
} from '../../../shared/central-admin';
import { callCentral as call, type CentralOutcome, type CentralRefusal } from './central-call';

export type AdminRefusal = CentralRefusal;
/** `refusal: null`: central did not answer (or answered something that is not its schema). */
export type AdminOutcome<T> = CentralOutcome<T>;

export interface AdminApi {
  accounts(): Promise<AdminOutcome<AccountView[]>>;
  addAccount(request: AccountAddRequest): Promise<AdminOutcome<OneTimePasswordResponse>>;
  disableAccount(username: string): Promise<AdminOutcome<null>>;
  resetPassword(username: string): Promise<AdminOutcome<OneTimePasswordResponse>>;
  setViewerUnits(username: string, units: string[]): Promise<AdminOutcome<null>>;
  addUnit(request: UnitAddRequest): Promise<AdminOutcome<null>>;
  changeUnit(code: string, change: UnitChangeRequest): Promise<AdminOutcome<null>>;
  assignOffice(officeCode: string, unitCode: string): Promise<AdminOutcome<null>>;
  importUnits(file: File): Promise<AdminOutcome<{ units: number; offices: number }>>;
  devices(): Promise<AdminOutcome<AdminDevice[]>>;
  revokeDevice(deviceId: string): Promise<AdminOutcome<null>>;
}

const nothing = z.null();


const json = (method: string, body?: unknown): RequestInit => ({
  method,
  ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
});
const part = (s: string) => encodeURIComponent(s);

/** The upload's type from the file's name (browsers give .csv all sorts of types). */
export function unitFileType(name: string): string | null {
  const lower = name.toLowerCase();
  if (lower.endsWith('.csv')) return unitFileTypes.csv;
  if (lower.endsWith('.xlsx')) return unitFileTypes.xlsx;
  return null;
}

export const browserAdminApi: AdminApi = {
  accounts: async () => {
    const outcome = await call(accountListResponseSchema, '/api/v1/admin/accounts');
    return outcome.ok ? { ok: true, value: outcome.value.accounts } : outcome;
  },
  addAccount: (request) => call(oneTimePasswordResponseSchema, '/api/v1/admin/accounts', json('POST', request)),
  disableAccount: (username) => call(nothing, `/api/v1/admin/accounts/${part(username)}/disable`, json('POST')),
  resetPassword: (username) => call(oneTimePasswordResponseSchema, `/api/v1/admin/accounts/${part(username)}/password`, json('POST', {})),
  setViewerUnits: (username, units) => call(nothing, `/api/v1/admin/accounts/${part(username)}/units`, json('PUT', { units })),
  addUnit: (request) => call(nothing, '/api/v1/admin/units', json('POST', request)),
  changeUnit: (code, change) => call(nothing, `/api/v1/admin/units/${part(code)}`, json('PATCH', change)),
  assignOffice: (officeCode, unitCode) => call(nothing, `/api/v1/admin/offices/${part(officeCode)}/unit`, json('PUT', { unitCode })),
  importUnits: async (file) => {
    const type = unitFileType(file.name);
    if (type === null) return { ok: false, refusal: { code: 'UNSUPPORTED_FILE', message: adminRefusalMessages.UNSUPPORTED_FILE } };
    return call(unitImportResponseSchema, `/api/v1/admin/units/import?file=${part(file.name)}`, { method: 'POST', headers: { 'content-type': type }, body: file });
  },
  devices: async () => {
    const outcome = await call(adminDeviceListResponseSchema, '/api/v1/admin/devices');
    return outcome.ok ? { ok: true, value: outcome.value.devices } : outcome;
  },
  revokeDevice: (deviceId) => call(nothing, `/api/v1/admin/devices/${part(deviceId)}/revoke`, json('POST')),
};
