// The device-signed chain head of a format 2 batch, checked with the device's registered public
// key before anything of the batch is stored. A device registered without a key (`device add`
// without --public-key) cannot be checked: its heads are kept as unverified and reported so.
import { verifyChainHead } from '../shared/sync/chain';
import type { SyncBatch } from '../shared/sync/wire';
import { CentralRejection } from './rejections';

export const BAD_CHAIN_HEAD_DETAIL = 'chainHead: chữ ký không hợp lệ';

/** A head that does not verify with the device's key: the whole batch is refused (HTTP 422 INVALID_BATCH). */
export class ChainHeadSignatureError extends CentralRejection {
  constructor(readonly deviceId: string) {
    super('INVALID_BATCH', BAD_CHAIN_HEAD_DETAIL);
    this.name = 'ChainHeadSignatureError';
  }
}

/** 'none' for a format 1 batch; throws ChainHeadSignatureError when the signature is not the device key's. */
export async function chainHeadStanding(batch: SyncBatch, devicePublicKey: string | null): Promise<'none' | 'verified' | 'unverified'> {
  if (batch.formatVersion !== 2) return 'none';
  if (devicePublicKey === null) return 'unverified';
  if (!(await verifyChainHead(batch.chainHead, devicePublicKey))) throw new ChainHeadSignatureError(batch.deviceId);
  return 'verified';
}
