// What the page says when central refuses (issue 16): the typed codes of the session endpoints
// (shared/central-accounts.ts) and central's rate limit, in plain Vietnamese, with the wait
// turned into a time people can act on ("thử lại lúc 14:05, sau 2 phút").
import { accountRefusalCodes, accountRefusalMessages, type AccountRefusalCode } from '../../../shared/central-accounts';

export interface Refusal {
  /** A code of shared/central-accounts.ts, RATE_LIMITED, or anything else central may answer. */
  code: string;
  /** Central's own Vietnamese message, used for codes the page has no words of its own for. */
  message: string;
  /** ACCOUNT_LOCKED, or the SIGN_IN_FAILED that started a wait. */
  retryAt?: Date | undefined;
  /** RATE_LIMITED: the Retry-After header, in seconds. */
  retryAfterSeconds?: number | undefined;
}

export const UNREACHABLE_TEXT = 'Không kết nối được máy chủ trung tâm. Kiểm tra mạng rồi thử lại.';

const clock = new Intl.DateTimeFormat('vi-VN', { hour: '2-digit', minute: '2-digit', hour12: false });

/** "sau 45 giây" / "sau 2 phút" / "sau 1 giờ 5 phút": whole units, rounded up (never "sau 0 phút"). */
export function waitText(seconds: number): string {
  const s = Math.max(1, Math.ceil(seconds));
  if (s < 60) return `${s} giây`;
  const minutes = Math.ceil(s / 60);
  if (minutes < 60) return `${minutes} phút`;
  const rest = minutes % 60;
  return rest === 0 ? `${minutes / 60} giờ` : `${Math.floor(minutes / 60)} giờ ${rest} phút`;
}

function isAccountCode(code: string): code is AccountRefusalCode {
  return (accountRefusalCodes as readonly string[]).includes(code);
}

function until(retryAt: Date, now: Date): string {
  return `lúc ${clock.format(retryAt)} (sau ${waitText((retryAt.getTime() - now.getTime()) / 1000)})`;
}

/** The sentence the sign-in form shows for a refusal. */
export function signInRefusalText(refusal: Refusal, now: Date): string {
  const { code, retryAt } = refusal;
  if (code === 'SIGN_IN_FAILED') {
    const base = accountRefusalMessages.SIGN_IN_FAILED;
    return retryAt === undefined ? base : `${base} Đã sai nhiều lần: tài khoản tạm khóa, hãy thử lại ${until(retryAt, now)}.`;
  }
  if (code === 'ACCOUNT_LOCKED') {
    return retryAt === undefined
      ? accountRefusalMessages.ACCOUNT_LOCKED
      : `Tài khoản tạm khóa do nhập sai mật khẩu nhiều lần. Hãy thử lại ${until(retryAt, now)}.`;
  }
  if (code === 'RATE_LIMITED') {
    const wait = refusal.retryAfterSeconds === undefined ? 'một lát' : waitText(refusal.retryAfterSeconds);
    return `Có quá nhiều lần đăng nhập từ máy này. Hãy chờ ${wait} rồi thử lại.`;
  }
  if (isAccountCode(code)) return accountRefusalMessages[code];
  return refusal.message === '' ? 'Máy chủ trung tâm từ chối yêu cầu.' : refusal.message;
}
