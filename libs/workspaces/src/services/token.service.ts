import { createSecretKey } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { AppConfig } from '@app/config';

export interface AccessTokenClaims {
  sub: string;
  wid: string;
}

/** Verified tokens kept; past this many the cache starts over (a bound on memory, not on correctness). */
const MAX_VERIFIED = 10_000;

@Injectable()
export class TokenService {
  private readonly jwt: JwtService;
  /**
   * Tokens whose signature was checked, with their claims and expiry (seconds): a token is the same bytes on every
   * request, so its signature is checked once (bench/api-read: jsonwebtoken ~2 % of an API read's CPU) and it is
   * refused from its `exp` on, as jsonwebtoken would. A removed member still loses access at once: the role is
   * looked up (ActorCache) on every request after this.
   */
  private readonly verified = new Map<string, { claims: AccessTokenClaims; exp: number }>();

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
    const now = Math.floor(Date.now() / 1000);
    const known = this.verified.get(token);
    if (known) {
      if (now < known.exp) return known.claims;
      this.verified.delete(token);
    }
    try {
      const payload = this.jwt.verify<Partial<AccessTokenClaims> & { exp?: unknown; nbf?: unknown }>(token);
      if (typeof payload.sub !== 'string' || typeof payload.wid !== 'string') return undefined;
      const claims = { sub: payload.sub, wid: payload.wid };
      // Only what jsonwebtoken checks by the clock alone is kept: an expiry, and no not-before.
      if (typeof payload.exp === 'number' && payload.nbf === undefined) {
        if (this.verified.size >= MAX_VERIFIED) this.verified.clear();
        this.verified.set(token, { claims, exp: payload.exp });
      }
      return claims;
    } catch {
      return undefined;
    }
  }
}
