import { sm2 } from 'sm-crypto-v2';

/**
 * SM2 signatures with the GM/T 0009-2012 default user ID, DER-encoded (r, s), SM3 digest
 * with Z. Node's own SM2 uses an empty ID, which other tools reject, so we use sm-crypto-v2
 * (spec README "SM2"). Keys are hex: private 32 bytes, public 65-byte uncompressed point.
 */
export const SM2_USER_ID = '1234567812345678';

export interface Sm2KeyPair {
  privateKeyHex: string;
  publicKeyHex: string;
}

export function generateSm2KeyPair(): Sm2KeyPair {
  const k = sm2.generateKeyPairHex();
  return { privateKeyHex: k.privateKey, publicKeyHex: k.publicKey };
}

export function publicKeyFromPrivate(privateKeyHex: string): string {
  return sm2.getPublicKeyFromPrivateKey(privateKeyHex);
}

export function sm2Sign(message: Uint8Array | string, privateKeyHex: string): Buffer {
  const msg = typeof message === 'string' ? Buffer.from(message, 'utf8') : message;
  const sigHex = sm2.doSignature(msg, privateKeyHex, { hash: true, der: true, userId: SM2_USER_ID });
  return Buffer.from(sigHex, 'hex');
}

export function sm2Verify(message: Uint8Array | string, signatureDer: Uint8Array, publicKeyHex: string): boolean {
  const msg = typeof message === 'string' ? Buffer.from(message, 'utf8') : message;
  try {
    return sm2.doVerifySignature(msg, Buffer.from(signatureDer).toString('hex'), publicKeyHex, {
      hash: true,
      der: true,
      userId: SM2_USER_ID,
    });
  } catch {
    return false; // a malformed DER signature is an invalid signature, not a crash
  }
}

// DER prefixes: id-ecPublicKey (1.2.840.10045.2.1) with the SM2 curve OID 1.2.156.10197.1.301.
const SPKI_PREFIX = '3059301306072a8648ce3d020106082a811ccf5501822d034200';
const PKCS8_PREFIX = '308187020100301306072a8648ce3d020106082a811ccf5501822d046d306b0201010420';
const PKCS8_MIDDLE = 'a144034200';

function pem(label: string, derHex: string): string {
  const b64 = Buffer.from(derHex, 'hex')
    .toString('base64')
    .replace(/(.{64})/g, '$1\n')
    .trim();
  return `-----BEGIN ${label}-----\n${b64}\n-----END ${label}-----\n`;
}

export function sm2PublicKeyPem(publicKeyHex: string): string {
  return pem('PUBLIC KEY', SPKI_PREFIX + publicKeyHex);
}

export function sm2PrivateKeyPem(k: Sm2KeyPair): string {
  return pem('PRIVATE KEY', PKCS8_PREFIX + k.privateKeyHex.padStart(64, '0') + PKCS8_MIDDLE + k.publicKeyHex);
}

/** Reads the 65-byte point back out of an SM2 SubjectPublicKeyInfo PEM. */
export function sm2PublicKeyFromPem(pemText: string): string {
  const der = Buffer.from(pemText.replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64').toString('hex');
  if (!der.startsWith(SPKI_PREFIX) || der.length !== SPKI_PREFIX.length + 130) throw new Error('not an SM2 public key');
  return der.slice(SPKI_PREFIX.length);
}

/** Reads the private scalar out of a PKCS#8 SM2 key (as OpenSSL writes it). */
export function sm2PrivateKeyFromPem(pemText: string): string {
  const der = Buffer.from(pemText.replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64').toString('hex');
  const i = der.indexOf('0201010420');
  if (i < 0) throw new Error('not an SM2 private key');
  return der.slice(i + 10, i + 10 + 64);
}
