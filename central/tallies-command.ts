// `npm run central -- tallies rebuild` (issue 17): recomputes every tally (central/tallies.ts)
// from the raw ratings and reason answers in one transaction, for a central whose tallies are in
// doubt (restored from a backup, edited by hand). Ingest waits meanwhile; figures are the same
// before and after when the tallies were right. Prints, for scripts (docs/sync-protocol.md):
//   TALLIED_RATINGS=<n>         ratings counted
//   TALLIED_REASON_CHOICES=<n>  reason choices counted (once per rating and reason)
import { parseArgs } from 'node:util';
import type { CentralStore } from './store/central-store';

export const talliesUsage = `  tallies rebuild
      tính lại toàn bộ số liệu tổng hợp của trang tổng hợp từ các đánh giá và lý do đã lưu, trong một
      giao dịch (trong lúc đó việc nhận dữ liệu chờ); in TALLIED_RATINGS=… TALLIED_REASON_CHOICES=…
`;

export interface TalliesCommand {
  command: 'tallies rebuild';
  dataDir: string;
}

/** `argv` after "tallies"; `dataDir` parsed by the caller's schema. Throws `usageError(message)`. */
export function parseTalliesArgs(argv: readonly string[], dataDir: (value: unknown) => string, usageError: (message: string) => Error): TalliesCommand {
  const [action, ...rest] = argv;
  if (action !== 'rebuild') throw usageError(`Lệnh không hợp lệ: "tallies ${action ?? ''}" (chỉ có "tallies rebuild")`);
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({ args: rest, options: { 'data-dir': { type: 'string' } }, strict: true, allowPositionals: false }));
  } catch (error) {
    throw usageError(`Tham số không hợp lệ (${error instanceof Error ? error.message.split('.')[0] : String(error)})`);
  }
  return { command: 'tallies rebuild', dataDir: dataDir(values['data-dir']) };
}

interface Io {
  stdout: { write(text: string): unknown };
}

export async function runTalliesCommand(_command: TalliesCommand, store: CentralStore, io: Io): Promise<number> {
  const rebuilt = await store.tallies.rebuild();
  io.stdout.write(
    `Đã tính lại số liệu tổng hợp từ ${rebuilt.ratings} đánh giá và ${rebuilt.reasonChoices} lựa chọn lý do.\n` +
      `TALLIED_RATINGS=${rebuilt.ratings}\nTALLIED_REASON_CHOICES=${rebuilt.reasonChoices}\n`,
  );
  return 0;
}
