// The dossier code (mã hồ sơ) rule, zod-free: the citizen screen checks a scanned or typed code
// with it before asking the backend, and the backend (electron/backend/dossier-codes.ts) applies
// the very same function to every submitRating and checkDossierCode — one rule, one place.
// The settings' schema (shared/dossier-code.ts) uses `dossierPatternProblem` to refuse a custom
// pattern that could not be applied here.

/** The wire's limit for a dossier code (shared/sync/wire.ts: text(100)). */
export const DOSSIER_CODE_MAX_LENGTH = 100;
/** A custom pattern is typed by IT, but still bounded: a screenful, not a program. */
export const DOSSIER_PATTERN_MAX_LENGTH = 200;

export const dossierFormatIds = ['one-stop', 'loose', 'custom'] as const;
export type DossierFormatId = (typeof dossierFormatIds)[number];
export type DossierPresetId = Exclude<DossierFormatId, 'custom'>;

/**
 * The presets. `one-stop`: the national public service portal's receipt code (Thông tư
 * 01/2018/TT-VPCP: the office's electronic identifier, the receiving day yymmdd, a running
 * number), e.g. `000.00.12.H34-261122-0001`. `loose`: what other provinces' one-stop software
 * prints — 4 to 40 letters, digits, `.`, `-`, `/`, starting with a letter or digit (a leading
 * `-`, `=`, `+` or `@` is what spreadsheet formula injection starts with).
 */
export const dossierPresets: Record<DossierPresetId, { source: string; example: string }> = {
  'one-stop': {
    source: '[0-9A-Z]{3}\\.[0-9A-Z]{2}\\.[0-9A-Z]{2}\\.[A-Z][0-9]{2}-[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])-[0-9]{4}',
    example: '000.00.12.H34-261122-0001',
  },
  loose: { source: '[0-9A-Z][0-9A-Z./-]{3,39}', example: 'HS-2026/001234' },
};

/** What the rule needs from the `dossier` setting (KioskSettings['dossier'] is assignable to it). */
export interface DossierRule {
  /** Off: the kiosk takes no dossier code (no keypad, the scanner ignored, a code refused). */
  capture: boolean;
  format: DossierFormatId;
  /** Only for `custom`: matched against the whole normalised code, case-insensitively. */
  customPattern: string | null;
  onePerDossier: boolean;
  required: boolean;
  allowNoCode: boolean;
}

/** Scanners add spaces or line ends; receipts print upper case: compared and stored so. */
export function normaliseDossierCode(raw: string): string {
  return raw.trim().toUpperCase();
}

// Whatever the pattern: no control characters (a scanner's stray Tab or a forged NUL), no lone
// surrogates — the wire refuses both, and a rating must never be stored that cannot travel.
const controlOrLoneSurrogate = /\p{Cc}|\p{Cf}|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/u;
// A quantified group holding a quantifier, e.g. `(A+)+`: the shape of catastrophic backtracking.
const nestedQuantifier = /\((?:[^()\\]|\\.)*[+*}](?:[^()\\]|\\.)*\)(?:[+*]|\{\d+,)/;

/** Vietnamese text of what is wrong with a custom pattern, or null when it can be used. */
export function dossierPatternProblem(pattern: string): string | null {
  if (pattern.trim() === '') return 'Mẫu mã hồ sơ không được để trống';
  if (pattern.length > DOSSIER_PATTERN_MAX_LENGTH) return `Mẫu mã hồ sơ tối đa ${DOSSIER_PATTERN_MAX_LENGTH} ký tự`;
  let compiled: RegExp;
  try {
    compiled = anchored(pattern);
  } catch {
    return 'Mẫu mã hồ sơ không phải biểu thức chính quy hợp lệ';
  }
  if (nestedQuantifier.test(pattern)) return 'Mẫu mã hồ sơ có nhóm lặp lồng nhau (ví dụ (A+)+): có thể làm máy treo';
  if (compiled.test('')) return 'Mẫu mã hồ sơ không được khớp với mã rỗng';
  return null;
}

const compiled = new Map<string, RegExp>();
/** The pattern matched against the whole code: `^(?:…)$`, so an IT pattern cannot match a part. */
function anchored(source: string): RegExp {
  let regex = compiled.get(source);
  if (regex === undefined) {
    regex = new RegExp(`^(?:${source})$`, 'iu');
    if (compiled.size > 16) compiled.clear();
    compiled.set(source, regex);
  }
  return regex;
}

function patternOf(rule: Pick<DossierRule, 'format' | 'customPattern'>): string | null {
  if (rule.format !== 'custom') return dossierPresets[rule.format].source;
  return rule.customPattern !== null && dossierPatternProblem(rule.customPattern) === null ? rule.customPattern : null;
}

/** Whether a code (already normalised) has the configured format. */
export function isDossierCodeWellFormed(code: string, rule: Pick<DossierRule, 'format' | 'customPattern'>): boolean {
  if (code.length === 0 || code.length > DOSSIER_CODE_MAX_LENGTH || controlOrLoneSurrogate.test(code)) return false;
  const pattern = patternOf(rule);
  return pattern !== null && anchored(pattern).test(code);
}

export type DossierCodeVerdict =
  /** `code`: the normalised code to store, or null for a rating without one. */
  | { ok: true; code: string | null }
  | { ok: false; problem: 'invalid' | 'required' };

/**
 * The rule for the dossier code sent with a rating (undefined: none). Without a code the rating
 * is refused only when the office requires one and has turned "Không có mã hồ sơ" off: with that
 * choice on, a rating without a code is exactly what the choice stores.
 */
export function checkDossierCode(raw: string | undefined, rule: DossierRule): DossierCodeVerdict {
  if (raw === undefined) return rule.capture && rule.required && !rule.allowNoCode ? { ok: false, problem: 'required' } : { ok: true, code: null };
  // Measured before trimming too: a 10 KB string is refused without upper-casing it.
  if (!rule.capture || raw.length > DOSSIER_CODE_MAX_LENGTH * 2) return { ok: false, problem: 'invalid' };
  const code = normaliseDossierCode(raw);
  return isDossierCodeWellFormed(code, rule) ? { ok: true, code } : { ok: false, problem: 'invalid' };
}
