import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Query, Res } from '@nestjs/common';
import { ApiQuery } from '@nestjs/swagger';
import { InvalidPosition, MAX_BATCH_EVENTS, type SubscriptionsService } from '@pledgebook/gateway-subscriptions';
import { BadInput, CurrentPrincipal, parseInput, ZodApiBody, ZodPipe, type Principal } from '@pledgebook/nest';
import type { Response } from 'express';
import { z } from 'zod';
import { writeFeedPage } from './feed-response';
import { SUBSCRIPTIONS } from './subscriptions.tokens';

const bureauId = z.string().regex(/^[a-z0-9][a-z0-9-]{1,63}$/, 'lower-case letters, digits and - (2 to 64)');
const memberId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$/, 'the subscriber account’s member id');
const eventType = z.string().min(1).max(200);
const createBody = z.strictObject({
  /** The subscriber account that owns it (admins name one; a subscriber owns what it creates). */
  owner: z.strictObject({ bureauId, subscriberId: memberId }).optional(),
  topic: z.string().min(1).max(200),
  types: z.array(eventType).min(1).max(100).optional(),
  bureauScope: z.strictObject({ bureauId, includeDescendants: z.boolean().optional() }),
  /** A webhook target; without one the subscription is read as a feed. */
  target: z
    .strictObject({
      url: z.string().min(1).max(2000),
      /** Up to maxEvents events per request, as a CloudEvents batch (a JSON array); without it, one event per request. */
      batch: z.strictObject({ maxEvents: z.number().int().min(2).max(MAX_BATCH_EVENTS) }).optional(),
    })
    .optional(),
});
/** Pause and resume take no fields; any field sent is refused, as everywhere else. */
const emptyBody = z.strictObject({});
const rotateBody = z.strictObject({ overlapSeconds: z.number().int().min(0).max(7 * 86_400).optional() });
const redeliverBody = z.strictObject({ parkedIds: z.array(z.string().min(1).max(100)).min(1).max(1000).optional() });
const replayBody = z
  .strictObject({ position: z.string().min(1).max(20_000).optional(), time: z.iso.datetime({ offset: true }).optional() })
  .refine((b) => (b.position === undefined) !== (b.time === undefined), { message: 'give either position (a cursor) or time', path: ['position'] });
const listQuery = z.strictObject({ limit: z.coerce.number().int().min(1).max(200).default(50), cursor: z.string().max(2000).optional() });
const feedQuery = z
  .strictObject({
    cursor: z.string().min(1).max(20_000).optional(),
    since: z.iso.datetime({ offset: true }).optional(),
    limit: z.coerce.number().int().min(1).max(1000).default(100),
    wait: z.coerce.number().int().min(0).max(30).default(0),
  })
  .refine((q) => q.cursor === undefined || q.since === undefined, { message: 'give cursor or since, not both', path: ['since'] });

/** A position this API did not hand out is bad input (400), like any other malformed field. */
async function positions<T>(work: () => Promise<T>, where: string): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof InvalidPosition) throw new BadInput([{ field: `${where}/${error.field}`, message: error.message }]);
    throw error;
  }
}

/**
 * Outside subscriptions: subscriber accounts (and the admins over them) manage webhooks and read
 * the event feed. Every route checks the caller against the subscription's owner and scope.
 */
@Controller('api/v1/subscriptions')
export class SubscriptionsController {
  constructor(@Inject(SUBSCRIPTIONS) private readonly subscriptions: SubscriptionsService) {}

  /** Creates a subscription; with a target, the answer carries its signing secret — shown this once. */
  @Post()
  @ZodApiBody(createBody)
  create(@Body(new ZodPipe(createBody)) body: z.infer<typeof createBody>, @CurrentPrincipal() p: Principal) {
    return this.subscriptions.create(p, body);
  }

  @Get()
  @ApiQuery({ name: 'limit', required: false, schema: { type: 'integer', minimum: 1, maximum: 200 } })
  @ApiQuery({ name: 'cursor', required: false, schema: { type: 'string' } })
  list(@Query() raw: unknown, @CurrentPrincipal() p: Principal) {
    const q = parseInput(listQuery, raw, '/query');
    return this.subscriptions.list(p, q.limit, q.cursor);
  }

  @Get(':id')
  get(@Param('id') id: string, @CurrentPrincipal() p: Principal) {
    return this.subscriptions.get(p, id);
  }

  @Delete(':id')
  @HttpCode(204)
  async remove(@Param('id') id: string, @CurrentPrincipal() p: Principal): Promise<void> {
    await this.subscriptions.remove(p, id);
  }

  @Post(':id/pause')
  @HttpCode(200)
  @ZodApiBody(emptyBody, undefined, { required: false })
  pause(@Param('id') id: string, @Body(new ZodPipe(emptyBody)) _body: z.infer<typeof emptyBody>, @CurrentPrincipal() p: Principal) {
    return this.subscriptions.pause(p, id);
  }

  /** Delivery continues where it stopped. */
  @Post(':id/resume')
  @HttpCode(200)
  @ZodApiBody(emptyBody, undefined, { required: false })
  resume(@Param('id') id: string, @Body(new ZodPipe(emptyBody)) _body: z.infer<typeof emptyBody>, @CurrentPrincipal() p: Principal) {
    return this.subscriptions.resume(p, id);
  }

  /** A new secret (shown this once); the previous ones keep signing for `overlapSeconds` (default a day). */
  @Post(':id/secret/rotate')
  @HttpCode(200)
  @ZodApiBody(rotateBody)
  rotate(@Param('id') id: string, @Body(new ZodPipe(rotateBody)) body: z.infer<typeof rotateBody>, @CurrentPrincipal() p: Principal) {
    return this.subscriptions.rotateSecret(p, id, body.overlapSeconds);
  }

  /** Delivery attempts, newest first: status, latency, error, outcome, and the position to replay from. */
  @Get(':id/attempts')
  @ApiQuery({ name: 'limit', required: false, schema: { type: 'integer', minimum: 1, maximum: 200 } })
  @ApiQuery({ name: 'cursor', required: false, schema: { type: 'string' } })
  attempts(@Param('id') id: string, @Query() raw: unknown, @CurrentPrincipal() p: Principal) {
    const q = parseInput(listQuery, raw, '/query');
    return this.subscriptions.attempts(p, id, q.limit, q.cursor);
  }

  /** Deliveries given up after the retry horizon. */
  @Get(':id/parked')
  parked(@Param('id') id: string, @CurrentPrincipal() p: Principal) {
    return this.subscriptions.parked(p, id);
  }

  /** Sends parked deliveries again (those named, or all) ahead of newer events, and resumes the subscription. */
  @Post(':id/redeliver')
  @HttpCode(202)
  @ZodApiBody(redeliverBody)
  redeliver(@Param('id') id: string, @Body(new ZodPipe(redeliverBody)) body: z.infer<typeof redeliverBody>, @CurrentPrincipal() p: Principal) {
    return this.subscriptions.redeliver(p, id, body.parkedIds);
  }

  /** Delivery continues from a position (a feed cursor or an attempt's position) or a time. */
  @Post(':id/replay')
  @HttpCode(202)
  @ZodApiBody(replayBody)
  replay(@Param('id') id: string, @Body(new ZodPipe(replayBody)) body: z.infer<typeof replayBody>, @CurrentPrincipal() p: Principal) {
    return positions(() => this.subscriptions.replay(p, id, body), '');
  }

  /**
   * The event feed: CloudEvents in scope from `cursor` (or `since` a time, or the earliest
   * retained), at most `limit`; with `wait` (seconds), held until an event arrives. The body is
   * made of the events' JSON as the bus holds it (writeFeedPage).
   */
  @Get(':id/events')
  @ApiQuery({ name: 'cursor', required: false, schema: { type: 'string' } })
  @ApiQuery({ name: 'since', required: false, schema: { type: 'string', format: 'date-time' } })
  @ApiQuery({ name: 'limit', required: false, schema: { type: 'integer', minimum: 1, maximum: 1000 } })
  @ApiQuery({ name: 'wait', required: false, schema: { type: 'integer', minimum: 0, maximum: 30 } })
  async events(@Param('id') id: string, @Query() raw: unknown, @CurrentPrincipal() p: Principal, @Res() res: Response): Promise<void> {
    const q = parseInput(feedQuery, raw, '/query');
    const gone = new AbortController();
    res.once('close', () => gone.abort());
    const query = { ...(q.cursor ? { cursor: q.cursor } : {}), ...(q.since ? { since: q.since } : {}), limit: q.limit, waitMs: q.wait * 1000 };
    const page = await positions(() => this.subscriptions.feed(p, id, query, gone.signal), '/query');
    if (!gone.signal.aborted) writeFeedPage(res, page, { limit: q.limit, wait: q.wait });
  }
}
