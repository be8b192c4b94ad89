// The refusals of the session endpoints and of every route behind requireAccount: an HTTP status
// and a typed code (shared/central-accounts.ts), a Vietnamese message, same shape as central's
// other refusals ({ error: { code, message, detail? } }).
import { accountRefusalMessages, accountRefusalSchema, type AccountRefusalBody, type AccountRefusalCode } from '../../shared/central-accounts';

const statuses: Record<AccountRefusalCode, number> = {
  SIGN_IN_REQUIRED: 401,
  SIGN_IN_FAILED: 401,
  ACCOUNT_LOCKED: 429,
  ACCOUNT_DISABLED: 403,
  FORBIDDEN: 403,
  ORIGIN_REFUSED: 403,
  MALFORMED: 400,
};

export class AccountRefusal extends Error {
  readonly status: number;
  constructor(
    readonly code: AccountRefusalCode,
    readonly detail?: string,
    readonly retryAt?: Date,
  ) {
    super(accountRefusalMessages[code]);
    this.name = 'AccountRefusal';
    this.status = statuses[code];
  }

  body(): AccountRefusalBody {
    return accountRefusalSchema.parse({
      error: {
        code: this.code,
        message: this.message,
        ...(this.detail === undefined ? {} : { detail: this.detail }),
        ...(this.retryAt === undefined ? {} : { retryAt: this.retryAt.toISOString() }),
      },
    });
  }
}
