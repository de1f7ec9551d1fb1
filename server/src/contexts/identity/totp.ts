import { TOTP, Secret } from 'otpauth';

// LGN-04: RFC 6238 with SHA-1, 6 digits, 30 s steps, ±1 step; a code is never accepted twice.
const PERIOD = 30;

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

function totpOf(secretBase32: string, label = 'shuyun') {
  return new TOTP({
    issuer: '数运 Shuyun',
    label,
    algorithm: 'SHA1',
    digits: 6,
    period: PERIOD,
    secret: Secret.fromBase32(secretBase32),
  });
}

export function totpUri(secretBase32: string, label: string): string {
  return totpOf(secretBase32, label).toString();
}

export function totpCode(secretBase32: string, at: Date): string {
  return totpOf(secretBase32).generate({ timestamp: at.getTime() });
}

/** The time step the code matches (so replays can be refused), or null. */
export function matchTotp(secretBase32: string, code: string, at: Date): number | null {
  const delta = totpOf(secretBase32).validate({ token: code, timestamp: at.getTime(), window: 1 });
  if (delta === null) return null;
  return Math.floor(at.getTime() / 1000 / PERIOD) + delta;
}
