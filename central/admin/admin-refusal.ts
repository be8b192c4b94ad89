// The admin routes' own refusals (shared/central-admin.ts codes), same shape as central's others:
// { error: { code, message, detail?, problems? } }, a Vietnamese message and a typed code. The
// CLI maps the same refusals onto its exit codes and sentences (one rule, two voices).
import { adminRefusalMessages, adminRefusalSchema, type AdminRefusalBody, type AdminRefusalCode } from '../../shared/central-admin';

const statuses: Record<AdminRefusalCode, number> = {
  INVALID_INPUT: 400,
  UNKNOWN_ACCOUNT: 404,
  ACCOUNT_EXISTS: 409,
  UNKNOWN_UNIT: 404,
  UNKNOWN_DEVICE: 404,
  UNIT_RULES: 422,
  CANNOT_DISABLE_SELF: 409,
  LAST_ADMIN: 409,
  NOT_A_VIEWER: 409,
  UNSUPPORTED_FILE: 415,
};

export class AdminRefusal extends Error {
  readonly status: number;
  constructor(
    readonly code: AdminRefusalCode,
    readonly detail?: string,
    readonly problems?: readonly string[],
  ) {
    super(adminRefusalMessages[code]);
    this.name = 'AdminRefusal';
    this.status = statuses[code];
  }

  body(): AdminRefusalBody {
    return adminRefusalSchema.parse({
      error: {
        code: this.code,
        message: this.message,
        ...(this.detail === undefined ? {} : { detail: this.detail.slice(0, 500) }),
        ...(this.problems === undefined ? {} : { problems: this.problems.slice(0, 200).map((p) => p.slice(0, 300)) }),
      },
    });
  }
}
