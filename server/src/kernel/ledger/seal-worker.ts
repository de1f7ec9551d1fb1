/**
 * The sealing worker thread (sealer.ts, decision 0106): seals batches of ledger events off the
 * thread that serves requests and drives the database connections. It holds no state of its own
 * beyond the master key it was last sent (its version label travels with it, decision 0103).
 */
import { parentPort } from 'node:worker_threads';
import { labelKeyVersion } from '../crypto/key-version.js';
import { sealAll, type EventInput, type Prev } from './seal.js';
import type { SealRequest, SealResponse } from './sealer.js';

let key: { bytes: Buffer; version: number } | undefined;

function masterKey(bytes: Uint8Array, version: number): Buffer {
  // One Buffer per key, so the SM4 key-wrapping context cached on it (sm4.ts) is reused.
  if (!key || key.version !== version || !key.bytes.equals(bytes)) {
    key = { bytes: Buffer.from(bytes), version };
    labelKeyVersion(key.bytes, version);
  }
  return key.bytes;
}

parentPort!.on('message', (m: SealRequest) => {
  let reply: SealResponse;
  try {
    const cfg = { ...m.cfg, masterKey: masterKey(m.masterKey, m.keyVersion) };
    const sealed = sealAll(cfg, m.events as EventInput[], m.occurredAt, m.txId, new Map<string, Prev>(m.last));
    reply = { id: m.id, ok: true, sealed };
  } catch (e) {
    reply = { id: m.id, ok: false, message: e instanceof Error ? e.message : String(e) };
  }
  parentPort!.postMessage(reply);
});
