import { blobBody, blobVersion, labelKeyVersion, withVersion } from './key-version.js';
import { sm4Decrypt, sm4Encrypt, unwrapDataKey, wrapDataKey } from './sm4.js';

export class UnknownMasterKeyVersion extends Error {
  readonly code = 'UNKNOWN_MASTER_KEY_VERSION';
  constructor(readonly version: number) {
    super(`UNKNOWN_MASTER_KEY_VERSION: no master key of version ${version} is loaded`);
  }
}

/**
 * The master key and its versions (issue 21 key rotation, decision 0103). Every blob it protects
 * names the version that protected it (key-version.ts), so data written before a rotation reads
 * during and after it; new blobs are written under the current (highest) version.
 */
export class MasterKeyRing {
  private readonly keys = new Map<number, Buffer>();
  private currentVersion = 0;

  constructor(entries: Iterable<[number, Buffer]>) {
    for (const [v, key] of entries) this.add(v, key);
    if (!this.currentVersion) throw new Error('a master key ring needs at least one key');
  }

  /** Adds a version; the highest version is the current one. */
  add(version: number, key: Buffer): void {
    if (!Number.isInteger(version) || version < 1 || version > 0xffff) throw new Error(`bad key version ${version}`);
    if (key.length !== 16) throw new Error('SM4 key must be 16 bytes');
    this.keys.set(version, key);
    labelKeyVersion(key, version);
    this.currentVersion = Math.max(this.currentVersion, version);
  }

  get current(): number {
    return this.currentVersion;
  }

  get currentKey(): Buffer {
    return this.key(this.currentVersion);
  }

  versions(): number[] {
    return [...this.keys.keys()].sort((a, b) => a - b);
  }

  key(version: number): Buffer {
    const k = this.keys.get(version);
    if (!k) throw new UnknownMasterKeyVersion(version);
    return k;
  }

  /** One-block wrap of a 16-byte data key under the current version. */
  wrap(dataKey: Uint8Array): Buffer {
    return wrapDataKey(this.currentKey, dataKey);
  }

  unwrap(blob: Uint8Array): Buffer {
    return unwrapDataKey(this.key(blobVersion(blob)), blobBody(blob));
  }

  /** SM4-CBC of a value (a longer key, an ID number, a TOTP secret) under the current version. */
  encrypt(plain: Uint8Array | string): Buffer {
    return withVersion(this.currentVersion, sm4Encrypt(this.currentKey, plain));
  }

  decrypt(blob: Uint8Array): Buffer {
    return sm4Decrypt(this.key(blobVersion(blob)), blobBody(blob));
  }

  /** The blob re-protected under the current version, or null when it already is (rotation). */
  rewrap(blob: Uint8Array, kind: 'wrap' | 'encrypt'): Buffer | null {
    if (blobVersion(blob) === this.currentVersion) return null;
    return kind === 'wrap' ? this.wrap(this.unwrap(blob)) : this.encrypt(this.decrypt(blob));
  }
}

/** A ledger payload sealed by buildEntry, opened through the ring (its data key may be of any version). */
export function openPayloadWith<T = unknown>(
  ring: MasterKeyRing,
  payloadKeyEnc: Uint8Array,
  payloadEnc: Uint8Array,
): T {
  return JSON.parse(sm4Decrypt(ring.unwrap(payloadKeyEnc), payloadEnc).toString('utf8')) as T;
}
