// The kiosk's own check of its record chain (issue 11): every link recomputed from GENESIS_LINK
// against the records as stored now, so a database changed behind the app's back (a row deleted
// or edited with SQL) is reported on the kiosk itself, by position, not only by central.
import type { Database } from 'better-sqlite3';
import { GENESIS_LINK, type ChainRecordKind } from '../../shared/sync/chain';
import { recordLink } from '../../shared/node/record-chain';
import type { RatingRow } from './ratings-repo';
import { toWireReasonAnswer, type ReasonAnswerRow } from './reason-answers-repo';
import { toWireRating } from './sync/wire-rating';

export type LocalChainCheck = { ok: true; position: number } | { ok: false; position: number; problem: string };

/**
 * Recomputes every link from GENESIS_LINK against the records as stored now, in position order.
 * `position` is the head when sound, else the first position that does not hold: a missing
 * record, a record whose content changed, a gap in positions, or a link that is not its hash;
 * or the position after the head when some record has no chain row at all.
 */
export function verifyLocalChain(db: Database): LocalChainCheck {
  const rows = db
    .prepare(
      `SELECT c.position, c.kind, c.record_id, c.link,
              r.id AS r_id, r.device_id AS r_device_id, r.seq AS r_seq, r.created_at AS r_created_at, r.local_day AS r_local_day,
              r.scale AS r_scale, r.level AS r_level, r.officer_id AS r_officer_id, r.service_code AS r_service_code,
              r.dossier_code AS r_dossier_code, r.reasons AS r_reasons, r.flags AS r_flags, r.app_version AS r_app_version, r.boot_id AS r_boot_id,
              a.id AS a_id, a.rating_id AS a_rating_id, a.device_id AS a_device_id, a.created_at AS a_created_at, a.reasons AS a_reasons
       FROM record_chain c
       LEFT JOIN ratings r ON c.kind = 'rating' AND r.id = c.record_id
       LEFT JOIN reason_answers a ON c.kind = 'reason-answer' AND a.id = c.record_id
       ORDER BY c.position`,
    )
    .iterate() as IterableIterator<Record<string, unknown> & { position: number; kind: ChainRecordKind; record_id: string; link: string }>;
  let previous = GENESIS_LINK;
  let expected = 1;
  for (const row of rows) {
    // Leaving the loop early ends the statement (for…of calls the iterator's return).
    const fail = (problem: string): LocalChainCheck => ({ ok: false, position: expected, problem });
    if (row.position !== expected) return fail(`thiếu vị trí ${expected} trong chuỗi bản ghi (vị trí tiếp theo là ${row.position})`);
    let record: object;
    try {
      if (row.kind === 'rating') {
        if (row.r_id === null) return fail(`đánh giá ${row.record_id} ở vị trí ${expected} không còn trong cơ sở dữ liệu`);
        record = toWireRating(unprefix<RatingRow>(row, 'r_'));
      } else {
        if (row.a_id === null) return fail(`lý do ${row.record_id} ở vị trí ${expected} không còn trong cơ sở dữ liệu`);
        record = toWireReasonAnswer(unprefix<ReasonAnswerRow>(row, 'a_'));
      }
    } catch {
      return fail(`bản ghi ${row.record_id} ở vị trí ${expected} không đọc được`);
    }
    const link = recordLink(previous, expected, row.kind, record);
    if (link !== row.link) return fail(`bản ghi ${row.record_id} ở vị trí ${expected} đã bị sửa (liên kết không khớp)`);
    previous = link;
    expected += 1;
  }
  const head = expected - 1;
  // A record the chain does not hold (its chain row deleted, or stored by a tool past the repos).
  const unchained = db
    .prepare(
      `SELECT (SELECT count(*) FROM ratings WHERE id NOT IN (SELECT record_id FROM record_chain))
            + (SELECT count(*) FROM reason_answers WHERE id NOT IN (SELECT record_id FROM record_chain)) AS n`,
    )
    .get() as { n: number };
  if (unchained.n > 0) return { ok: false, position: head + 1, problem: `${unchained.n} bản ghi không có vị trí trong chuỗi bản ghi` };
  return { ok: true, position: head };
}

function unprefix<T>(row: Record<string, unknown>, prefix: string): T {
  return Object.fromEntries(Object.entries(row).filter(([k]) => k.startsWith(prefix)).map(([k, v]) => [k.slice(prefix.length), v])) as T;
}
