import { createHmac } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import bcrypt from 'bcryptjs';
import { AppConfig } from '@app/config';

/** Marks hashes of the pre-hashed password; a hash without it is plain bcrypt of the password (before v2) and is rehashed at the next login. */
const PREFIX = 'v2$';
/** Not a secret: it ties the pre-hash to this application, so a leaked list of plain SHA-256 password hashes cannot be tried against these. */
const PREHASH_KEY = 'ambassador-crm password v2';

export interface PasswordCheck {
  ok: boolean;
  /** The stored hash is of an older scheme or cost: store a new one while the password is at hand. */
  rehash: boolean;
}

/**
 * bcrypt (pure-JS bcryptjs: no native build step) of HMAC-SHA-256(password) in base64. bcrypt reads
 * only the first 72 bytes of its input, so two long passwords sharing them would both match; the
 * 44-character digest makes every byte of the password count. Chosen over argon2id: no native module
 * to install, and existing bcrypt hashes stay verifiable with the same library until they are rehashed.
 */
@Injectable()
export class PasswordService {
  // Checked when the email is unknown, so a login does the same work either way: same scheme, same cost.
  private decoy?: Promise<string>;

  constructor(private readonly config: AppConfig) {}

  async hash(password: string): Promise<string> {
    return PREFIX + (await bcrypt.hash(prehash(password), this.config.BCRYPT_ROUNDS));
  }

  async check(password: string, stored: string | null | undefined): Promise<PasswordCheck> {
    const hash = stored ?? (await (this.decoy ??= this.hash('decoy password')));
    const current = hash.startsWith(PREFIX);
    const ok = await (current ? bcrypt.compare(prehash(password), hash.slice(PREFIX.length)) : bcrypt.compare(password, hash));
    if (!ok || !stored) return { ok: false, rehash: false };
    return { ok, rehash: !current || bcrypt.getRounds(hash.slice(PREFIX.length)) !== this.config.BCRYPT_ROUNDS };
  }
}

function prehash(password: string): string {
  return createHmac('sha256', PREHASH_KEY).update(password, 'utf8').digest('base64');
}
