// What a signed-in account may see of the dashboard (issue 16). A province admin: everything. A
// unit viewer: their units and every unit, office, device and officer below them — the same rule
// as requireAccount's (`accountMaySeeUnit`), given the hierarchy's ancestors, which the guard's
// synchronous `unit` hook cannot read. Asking for the province, a unit viewer gets the province
// view limited to their own units (not a 403), so one page serves both roles. Anything outside
// the scope — including a unit or device that does not exist — is FORBIDDEN for a unit viewer,
// so a viewer cannot learn which codes exist elsewhere; a province admin gets 404 for those.
import type { UnitScoped } from '../accounts/unit-scope';
import { accountMaySeeUnit } from '../accounts/unit-scope';
import { AccountRefusal } from '../accounts/account-refusal';
import type { DashboardSubject } from './dashboard-figures';
import { DashboardRefusal } from './dashboard-refusal';
import type { Hierarchy } from './hierarchy';

export function scopedSubject(account: UnitScoped, requested: DashboardSubject, h: Hierarchy): DashboardSubject {
  const admin = account.role === 'province-admin';
  const forbidden = (what: string) => new AccountRefusal('FORBIDDEN', `${what} ngoài phạm vi của tài khoản`);
  switch (requested.kind) {
    case 'province':
      return admin ? { kind: 'province', limitedToUnits: null } : { kind: 'province', limitedToUnits: [...account.units] };
    case 'unit':
      if (!accountMaySeeUnit(account, requested.code, h.ancestorsOf)) throw forbidden(`Đơn vị ${requested.code}`);
      if (h.unit(requested.code) === undefined) throw new DashboardRefusal('UNKNOWN_UNIT', requested.code);
      return requested;
    case 'officer': {
      const unit = h.unitOfDevice(requested.deviceId);
      if (!admin && (unit === null || !accountMaySeeUnit(account, unit, h.ancestorsOf))) throw forbidden(`Thiết bị ${requested.deviceId}`);
      if (h.device(requested.deviceId) === undefined) throw new DashboardRefusal('UNKNOWN_OFFICER', requested.deviceId);
      return requested;
    }
  }
}
