import { HttpException, Inject, Injectable } from '@nestjs/common';
import { READ_MODELS } from '@pledgebook/nest';
import type { ReadModelStore } from '@pledgebook/read-model';
import type { Request } from 'express';
import { BALLOT_LIMITS } from '../views/names';

export const BALLOT_RATE_LIMIT = Symbol('BallotRateLimit');

/**
 * The unauthenticated ballot routes are limited per client address and minute, counted in the
 * read-model store so every replica shares the count (ADR 0048). Behind the gateway the client
 * is the last address the gateway appended to X-Forwarded-For.
 */
@Injectable()
export class BallotRateLimiter {
  constructor(
    @Inject(READ_MODELS) private readonly views: ReadModelStore,
    @Inject(BALLOT_RATE_LIMIT) private readonly perMinute: number,
  ) {}

  async take(request: Request): Promise<void> {
    const forwarded = request.headers['x-forwarded-for'];
    const hops = (Array.isArray(forwarded) ? forwarded.join(',') : (forwarded ?? '')).split(',').map((h) => h.trim()).filter(Boolean);
    const client = hops.at(-1) ?? request.socket.remoteAddress ?? 'unknown';
    const minute = Math.floor(Date.now() / 60_000);
    const id = `${client}|${minute}`;
    const count = await this.views.transaction(async (tx) => {
      const limits = tx.collection(BALLOT_LIMITS);
      await limits.update(id, { $inc: { count: 1 }, $set: { minute } }, { upsert: true });
      return Number((await limits.findById(id))?.count ?? 1);
    });
    if (count > this.perMinute) {
      const error = new HttpException(`too many ballot requests from this address; try again in a minute`, 429);
      throw error;
    }
  }
}
