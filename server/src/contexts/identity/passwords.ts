import { hash, verify } from '@node-rs/argon2';

// LGN-01: argon2id, 64 MiB, t=3, p=1, per-user random salt (inside the PHC string).
const ARGON2 = { algorithm: 2 as const, memoryCost: 65536, timeCost: 3, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2);
}

export async function verifyPassword(phc: string | null, password: string): Promise<boolean> {
  if (!phc) return false;
  try {
    return await verify(phc, password);
  } catch {
    return false;
  }
}

/** A fixed hash to verify against when the user does not exist, so timing does not tell (LGN-03). */
let decoy: Promise<string> | undefined;
export function decoyHash(): Promise<string> {
  decoy ??= hashPassword('decoy-password-never-valid');
  return decoy;
}
