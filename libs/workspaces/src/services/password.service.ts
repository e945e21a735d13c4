import { Injectable } from '@nestjs/common';
import bcrypt from 'bcryptjs';
import { AppConfig } from '@app/config';

/** Pure-JS bcrypt: no native build step, so `npm ci` works on any machine. */
@Injectable()
export class PasswordService {
  // Compared against when the email is unknown, so a login takes as long either way.
  private readonly decoy = bcrypt.hashSync('decoy-password', 4);

  constructor(private readonly config: AppConfig) {}

  hash(password: string): Promise<string> {
    return bcrypt.hash(password, this.config.BCRYPT_ROUNDS);
  }

  verify(password: string, hash: string | null | undefined): Promise<boolean> {
    return bcrypt.compare(password, hash ?? this.decoy).then((ok) => ok && Boolean(hash));
  }
}
