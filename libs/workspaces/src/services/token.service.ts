import { createSecretKey } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { AppConfig } from '@app/config';

export interface AccessTokenClaims {
  sub: string;
  wid: string;
}

@Injectable()
export class TokenService {
  private readonly jwt: JwtService;

  constructor(config: AppConfig) {
    // A KeyObject, not the string: given a string, jsonwebtoken tries (and fails) to parse it as a public
    // key on every verify, which was the largest CPU cost of an authenticated request.
    this.jwt = new JwtService({
      secret: createSecretKey(Buffer.from(config.JWT_SECRET)),
      signOptions: { expiresIn: config.JWT_TTL_SECONDS, algorithm: 'HS256', issuer: 'ambassador-crm' },
      verifyOptions: { algorithms: ['HS256'], issuer: 'ambassador-crm' },
    });
  }

  sign(claims: AccessTokenClaims): string {
    return this.jwt.sign(claims);
  }

  verify(token: string): AccessTokenClaims | undefined {
    try {
      const claims = this.jwt.verify<Partial<AccessTokenClaims>>(token);
      return typeof claims.sub === 'string' && typeof claims.wid === 'string' ? { sub: claims.sub, wid: claims.wid } : undefined;
    } catch {
      return undefined;
    }
  }
}
