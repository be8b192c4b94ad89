// The central command line, parsed: node:util parseArgs for the shape, zod for the values.
// Anything wrong is a UsageError with a Vietnamese sentence (exit code 2).
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { z } from 'zod';
import { DEFAULT_DATA_DIR } from './open-store';
import { sharedRoles } from '../shared/staff';
import { parseUserArgs, type UserCommand } from './accounts/user-command-args';
import { parseUnitArgs, unitUsage, type UnitCommand } from './unit-commands';
import { parseReportArgs, reportUsage, type ReportCommand } from './dashboard/report-command';
import { parseTalliesArgs, talliesUsage, type TalliesCommand } from './tallies-command';

export const usage = `Cách dùng: npm run central -- <lệnh>
  serve [--port P] [--host H] [--data-dir DIR]
      chạy máy chủ trung tâm (mặc định 127.0.0.1:8080)
  device add --office MÃ --counter SỐ [--label TÊN] [--device-id MÃ_THIẾT_BỊ]
      đăng ký thiết bị (mã thiết bị của máy đánh giá, hoặc tạo mới), in mã truy cập một lần
  device list
      liệt kê thiết bị: trạng thái, liên lạc lần cuối, số đánh giá, seq còn thiếu
  device revoke MÃ_THIẾT_BỊ
      thu hồi quyền gửi dữ liệu của thiết bị
  device rebuild
      tính lại số đánh giá, seq lớn nhất, các khoảng seq và vị trí chuỗi đã nhận của mọi thiết bị từ
      dữ liệu đã lưu (máy chủ giữ chúng khi nhận lô; chạy được khi máy chủ đang nhận);
      in DEVICES=… SEQ_RANGES=… CHAIN_RANGES=…
  admin add --label TÊN
      tạo mã quản trị cho GET /api/v1/devices, GET /api/v1/references/MÃ và POST /api/v1/sync-files
  device add … --public-key KHÓA
      kèm khóa công khai Ed25519 (base64) của máy đánh giá, để nhận tệp đồng bộ
  device enroll TỆP.hlenroll [--office MÃ --counter SỐ --label TÊN] [--by TÊN]
      đăng ký thiết bị từ tệp đăng ký máy đánh giá xuất ra; đổi khóa của thiết bị đã có chỉ khi
      tệp được ký bằng khóa cũ, hoặc với --replace-key --fingerprint "XXXX XXXX XXXX XXXX XXXX"
      (dấu vân tay khóa MỚI, như màn hình Quản trị CNTT của máy đánh giá hiển thị); mọi lần đổi khóa
      được ghi nhật ký (người làm: --by, mặc định tài khoản hệ điều hành)
  provision --device MÃ_THIẾT_BỊ --out TỆP.hlprov --office-name TÊN (--endpoint URL | --no-network)
            [--scale vn-3|vn-4|vn-5] [--time-zone Asia/Ho_Chi_Minh] [--settings CAI-DAT.json]
      ghi tệp cấu hình có chữ ký (cấp mã truy cập mới: mã cũ hết hiệu lực);
      CAI-DAT.json (không bắt buộc): {"serviceAreas": […], "languages": ["vi","en"], "reasons": […],
      "reportContact": {"hotline": "…", "place": "…", "placeEn": null}, "dossier": {…},
      "openingHours": {"week": {"mon": [{"from": "07:00", "to": "11:30"}, …], …, "sun": []}, "holidays": […]}}
  import TỆP.hlsync… [--ack-dir DIR]
      nhập tệp đồng bộ từ USB, ghi tệp xác nhận .hlack cạnh tệp (hoặc vào DIR)
  pin-reset-file --device MÃ_THIẾT_BỊ --role section-head|it-admin --out TỆP.hlreset
      ghi tệp đặt lại mã PIN có chữ ký cho một vai trò (Trưởng bộ phận hoặc Cán bộ CNTT) của
      máy đánh giá; in mã dùng một lần (RESET_CODE=…) một lần duy nhất; mỗi tệp dùng được một lần
  verify [--device MÃ_THIẾT_BỊ]
      kiểm tra lại chuỗi bản ghi của mọi thiết bị (hoặc một thiết bị) từ dữ liệu đã lưu; in
      DEVICE=… HEAD=… VERIFIED_THROUGH=… BREAKS=… mỗi thiết bị và BREAK … mỗi chỗ đứt; mã thoát 1 nếu có chỗ đứt
  lookup MÃ_PHẢN_ÁNH
      tra cứu mã phản ánh người dân nhận ở máy đánh giá (dạng HL-XXXXX-XXXXX): đánh giá, thiết bị, lý do
  dossier-repeats
      liệt kê mã hồ sơ được đánh giá quá một lần (trên một hay nhiều thiết bị): số đánh giá, thiết bị,
      lần đầu, lần cuối; dòng cuối DOSSIER_REPEATS=… (cũng có ở GET /api/v1/dossier-repeats, mã quản trị)
${unitUsage}${reportUsage}${talliesUsage}  key
      in khóa ký của máy chủ trung tâm và dấu vân tay của nó (CENTRAL_KEY_FINGERPRINT=…), để
      cán bộ CNTT xác nhận khi nhập tệp cấu hình đầu tiên vào máy đánh giá
  user add --username TÊN --role province-admin|unit-viewer [--unit MÃ_ĐƠN_VỊ …] [--password-stdin] [--by TÊN]
      tạo tài khoản trang tổng hợp: Quản trị tỉnh (mọi thứ) hoặc Xem đơn vị (chỉ các đơn vị --unit,
      lặp lại cho nhiều đơn vị); mật khẩu đọc từ dòng đầu của stdin với --password-stdin (ít nhất 12
      ký tự), nếu không thì tạo ngẫu nhiên và in một lần (PASSWORD=…); không bao giờ ghi mật khẩu trên dòng lệnh
  user list
      liệt kê tài khoản: vai trò, đơn vị, trạng thái, số lần đăng nhập sai
  user disable TÊN [--by TÊN]
      vô hiệu hóa tài khoản; mọi phiên đăng nhập của tài khoản kết thúc ngay
  user reset-password TÊN [--password-stdin] [--by TÊN]
      đặt mật khẩu mới (như user add), kết thúc mọi phiên và xóa khóa đăng nhập sai của tài khoản
Mọi lệnh nhận --data-dir DIR (SQLite DIR/central.db, mặc định ${DEFAULT_DATA_DIR});
đặt DATABASE_URL=postgres://… để dùng PostgreSQL.
`;

export class UsageError extends Error {
  override name = 'UsageError';
}

const DEFAULT_PORT = 8080;

const dataDir = z.string().trim().min(1, 'Thư mục dữ liệu không được để trống').default(DEFAULT_DATA_DIR);
const wholeNumber = (missing: string, invalid = missing) => z.string({ error: missing }).regex(/^\d+$/, invalid).transform(Number);

const serveSchema = z.object({
  port: wholeNumber('Cổng phải là số từ 0 đến 65535').pipe(z.number().max(65535, 'Cổng phải là số từ 0 đến 65535')).default(DEFAULT_PORT),
  host: z.string().trim().min(1, 'Địa chỉ lắng nghe không được để trống').default('127.0.0.1'),
  'data-dir': dataDir,
});
const deviceAddSchema = z.object({
  office: z.string({ error: 'Cần --office: mã đơn vị, ví dụ 000.00.21.H56' }).trim().min(1, 'Mã đơn vị không được để trống').max(64, 'Mã đơn vị tối đa 64 ký tự'),
  counter: wholeNumber('Cần --counter: số quầy, một số nguyên dương', 'Số quầy phải là số nguyên dương').pipe(z.number().min(1, 'Số quầy phải là số nguyên dương').max(9999, 'Số quầy tối đa 9999')),
  label: z.string().trim().min(1, 'Nhãn không được để trống').max(200, 'Nhãn tối đa 200 ký tự').optional(),
  'device-id': z.uuid({ error: 'Mã thiết bị không hợp lệ (cần dạng UUID, như máy đánh giá hiển thị)' }).optional(),
  'public-key': z.string().trim().regex(/^[A-Za-z0-9+/]{42,80}={0,2}$/, 'Khóa công khai phải là base64 (Ed25519, 32 byte thô hoặc SPKI)').optional(),
  'data-dir': dataDir,
});
const bySchema = z.string().trim().min(1, 'Tên sau --by không được để trống').max(200, 'Tên sau --by tối đa 200 ký tự').optional();
const enrollSchema = z.object({
  office: deviceAddSchema.shape.office.optional(),
  counter: deviceAddSchema.shape.counter.optional(),
  label: deviceAddSchema.shape.label,
  'replace-key': z.boolean().optional(),
  fingerprint: z.string().trim().regex(/^[0-9A-Fa-f\s:-]{20,40}$/, 'Dấu vân tay khóa: 20 chữ số hex, như máy đánh giá hiển thị (ví dụ "1A2B 3C4D 5E6F 7081 92A3")').optional(),
  by: bySchema,
  'data-dir': dataDir,
});
const provisionSchema = z.object({
  device: z.uuid({ error: 'Cần --device: mã thiết bị (UUID, xem "device list")' }),
  out: z.string({ error: 'Cần --out: đường dẫn tệp cấu hình .hlprov' }).trim().min(1),
  'office-name': z.string({ error: 'Cần --office-name: tên bộ phận một cửa' }).trim().min(1).max(120),
  endpoint: z.url({ protocol: /^https?$/, error: 'Địa chỉ máy chủ phải bắt đầu bằng http:// hoặc https://' }).optional(),
  'no-network': z.boolean().optional(),
  scale: z.enum(['vn-3', 'vn-4', 'vn-5'], { error: 'Thang đánh giá: vn-3, vn-4 hoặc vn-5' }).default('vn-3'),
  'time-zone': z.string().trim().min(1).default('Asia/Ho_Chi_Minh'),
  settings: z.string().trim().min(1, 'Cần đường dẫn tệp sau --settings').optional(),
  'data-dir': dataDir,
});
const pinResetFileSchema = z.object({
  device: z.uuid({ error: 'Cần --device: mã thiết bị (UUID, xem "device list")' }),
  role: z.enum(sharedRoles, { error: 'Cần --role section-head (Trưởng bộ phận) hoặc --role it-admin (Cán bộ CNTT)' }),
  out: z.string({ error: 'Cần --out: đường dẫn tệp .hlreset' }).trim().min(1),
  'data-dir': dataDir,
});
const importSchema = z.object({ 'ack-dir': z.string().trim().min(1).optional(), 'data-dir': dataDir });
const dataDirOnly = z.object({ 'data-dir': dataDir });
const adminAddSchema = z.object({
  label: z.string({ error: 'Cần --label: tên người hoặc hệ thống dùng mã quản trị' }).trim().min(1, 'Nhãn không được để trống').max(200, 'Nhãn tối đa 200 ký tự'),
  'data-dir': dataDir,
});
const verifySchema = z.object({ device: z.uuid({ error: 'Mã thiết bị không hợp lệ (cần dạng UUID, xem "device list")' }).optional(), 'data-dir': dataDir });
const deviceIdSchema = z.uuid({ error: 'Mã thiết bị không hợp lệ (cần dạng UUID, xem "device list")' });

export type CentralCommand =
  | { command: 'help' }
  | { command: 'serve'; port: number; host: string; dataDir: string }
  | { command: 'device add'; deviceId: string | undefined; officeCode: string; counter: number; label: string | undefined; publicKey: string | undefined; dataDir: string }
  | { command: 'device list'; dataDir: string }
  | { command: 'device revoke'; deviceId: string; dataDir: string }
  | { command: 'device rebuild'; dataDir: string }
  | { command: 'admin add'; label: string; dataDir: string }
  | {
      command: 'device enroll'; file: string; officeCode: string | undefined; counter: number | undefined; label: string | undefined; dataDir: string;
      /** --replace-key --fingerprint: the new key's fingerprint, confirmed by someone who read it on the kiosk. */
      replaceKeyFingerprint?: string | undefined;
      /** --by: who, for the key-change log (default: the OS account). */
      by?: string | undefined;
    }
  | { command: 'provision'; deviceId: string; out: string; officeName: string; endpoint: string | null; scale: 'vn-3' | 'vn-4' | 'vn-5'; timeZone: string; settingsFile?: string | undefined; dataDir: string }
  | { command: 'import'; files: string[]; ackDir: string | undefined; dataDir: string }
  | { command: 'key'; dataDir: string }
  | { command: 'lookup'; referenceCode: string; dataDir: string }
  | { command: 'dossier-repeats'; dataDir: string }
  | { command: 'verify'; deviceId: string | undefined; dataDir: string }
  | { command: 'pin-reset-file'; deviceId: string; role: 'section-head' | 'it-admin'; out: string; dataDir: string }
  | UserCommand
  | UnitCommand
  | ReportCommand
  | TalliesCommand;

type Options = NonNullable<ParseArgsConfig['options']>;
const text = { type: 'string' } as const;
const dataDirOption: Options = { 'data-dir': text };

export function parseCentralArgs(argv: readonly string[]): CentralCommand {
  const [first, second] = argv;
  if (first === undefined || first === 'help' || first === '--help' || first === '-h') return { command: 'help' };
  if (first === 'serve') {
    const { values } = parse(argv.slice(1), { port: text, host: text, ...dataDirOption });
    const v = check(serveSchema, values);
    return { command: 'serve', port: v.port, host: v.host, dataDir: v['data-dir'] };
  }
  if (first === 'device' && second === 'add') {
    const { values } = parse(argv.slice(2), { office: text, counter: text, label: text, 'device-id': text, 'public-key': text, ...dataDirOption });
    const v = check(deviceAddSchema, values);
    return { command: 'device add', deviceId: v['device-id'], officeCode: v.office, counter: v.counter, label: v.label, publicKey: v['public-key'], dataDir: v['data-dir'] };
  }
  if (first === 'device' && second === 'enroll') {
    const { values, positionals } = parse(
      argv.slice(2),
      { office: text, counter: text, label: text, 'replace-key': { type: 'boolean' }, fingerprint: text, by: text, ...dataDirOption },
      1,
    );
    const v = check(enrollSchema, values);
    if ((v['replace-key'] === true) !== (v.fingerprint !== undefined)) {
      throw new UsageError('--replace-key và --fingerprint đi cùng nhau: --replace-key --fingerprint "<dấu vân tay khóa mới, như máy đánh giá hiển thị>"');
    }
    return {
      command: 'device enroll', file: positionals[0] ?? '', officeCode: v.office, counter: v.counter, label: v.label, dataDir: v['data-dir'],
      replaceKeyFingerprint: v.fingerprint, by: v.by,
    };
  }
  if (first === 'provision') {
    const { values } = parse(argv.slice(1), {
      device: text, out: text, 'office-name': text, endpoint: text, 'no-network': { type: 'boolean' }, scale: text, 'time-zone': text, settings: text, ...dataDirOption,
    });
    const v = check(provisionSchema, values);
    if ((v.endpoint === undefined) === (v['no-network'] !== true)) throw new UsageError('Cần đúng một trong --endpoint URL hoặc --no-network');
    return {
      command: 'provision', deviceId: v.device, out: v.out, officeName: v['office-name'], endpoint: v.endpoint ?? null,
      scale: v.scale, timeZone: v['time-zone'], settingsFile: v.settings, dataDir: v['data-dir'],
    };
  }
  if (first === 'import') {
    const { values, positionals } = parse(argv.slice(1), { 'ack-dir': text, ...dataDirOption }, -1);
    if (positionals.length === 0) throw new UsageError('Cần ít nhất một tệp .hlsync');
    const v = check(importSchema, values);
    return { command: 'import', files: positionals, ackDir: v['ack-dir'], dataDir: v['data-dir'] };
  }
  if (first === 'device' && second === 'list') {
    const { values } = parse(argv.slice(2), dataDirOption);
    return { command: 'device list', dataDir: check(dataDirOnly, values)['data-dir'] };
  }
  if (first === 'device' && second === 'rebuild') {
    const { values } = parse(argv.slice(2), dataDirOption);
    return { command: 'device rebuild', dataDir: check(dataDirOnly, values)['data-dir'] };
  }
  if (first === 'device' && second === 'revoke') {
    const { values, positionals } = parse(argv.slice(2), dataDirOption, 1);
    return { command: 'device revoke', deviceId: check(deviceIdSchema, positionals[0]), dataDir: check(dataDirOnly, values)['data-dir'] };
  }
  if (first === 'pin-reset-file') {
    const { values } = parse(argv.slice(1), { device: text, role: text, out: text, ...dataDirOption });
    const v = check(pinResetFileSchema, values);
    return { command: 'pin-reset-file', deviceId: v.device, role: v.role, out: v.out, dataDir: v['data-dir'] };
  }
  if (first === 'verify') {
    const { values } = parse(argv.slice(1), { device: text, ...dataDirOption });
    const v = check(verifySchema, values);
    return { command: 'verify', deviceId: v.device, dataDir: v['data-dir'] };
  }
  if (first === 'lookup') {
    const { values, positionals } = parse(argv.slice(1), dataDirOption, -1);
    if (positionals.length !== 1) throw new UsageError('Cần đúng một mã phản ánh, ví dụ: lookup HL-7Q2MV-K0D9X');
    return { command: 'lookup', referenceCode: positionals[0] ?? '', dataDir: check(dataDirOnly, values)['data-dir'] };
  }
  if (first === 'key') {
    const { values } = parse(argv.slice(1), dataDirOption);
    return { command: 'key', dataDir: check(dataDirOnly, values)['data-dir'] };
  }
  if (first === 'dossier-repeats') {
    const { values } = parse(argv.slice(1), dataDirOption);
    return { command: 'dossier-repeats', dataDir: check(dataDirOnly, values)['data-dir'] };
  }
  if (first === 'report') return parseReportArgs(argv.slice(1), (value) => check(dataDir, value), (message) => new UsageError(message));
  if (first === 'tallies') return parseTalliesArgs(argv.slice(1), (value) => check(dataDir, value), (message) => new UsageError(message));
  if (first === 'unit') return parseUnitArgs(argv.slice(1), (value) => check(dataDir, value), (message) => new UsageError(message));
  if (first === 'admin' && second === 'add') {
    const { values } = parse(argv.slice(2), { label: text, ...dataDirOption });
    const v = check(adminAddSchema, values);
    return { command: 'admin add', label: v.label, dataDir: v['data-dir'] };
  }
  if (first === 'user') return parseUserArgs(argv.slice(1));
  throw new UsageError(`Lệnh không hợp lệ: "${argv.slice(0, 2).join(' ')}"`);
}

export function parse(args: string[], options: Options, positionals = 0): { values: Record<string, unknown>; positionals: string[] } {
  try {
    // positionals: how many exactly; -1: any number.
    const parsed = parseArgs({ args, options, strict: true, allowPositionals: positionals !== 0 });
    if (positionals >= 0 && parsed.positionals.length !== positionals) {
      throw new UsageError(positionals === 1 ? 'Cần đúng một mã thiết bị' : `Thừa tham số: ${parsed.positionals.join(' ')}`);
    }
    return parsed;
  } catch (error) {
    if (error instanceof UsageError) throw error;
    // parseArgs speaks English; name the offending argument in our own sentence.
    const detail = error instanceof Error ? error.message.split('.')[0] : String(error);
    throw new UsageError(`Tham số không hợp lệ (${detail})`);
  }
}

export function check<T extends z.ZodType>(schema: T, value: unknown): z.output<T> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new UsageError(parsed.error.issues[0]?.message ?? 'Tham số không hợp lệ');
}
