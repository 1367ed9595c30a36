import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { EventStore } from '@pledgebook/event-store';
import { BadInput, BureauAccess, CurrentPrincipal, EVENT_STORE, parseInput, type Principal } from '@pledgebook/nest';
import { decodePageCursor, encodePageCursor } from '../http/request-context';
import { pageQuery, pathId } from '../http/schemas';
import { pledgeStream } from '../streams';
import { ReadablePledges } from './readable-pledges';

/** A pledge book's record for auditors: every event with its actor, role, reason and causation, and the hash chain's verdict. */
@ApiTags('pledges')
@Controller('api/v1/pledges')
export class PledgeRecordController {
  constructor(
    private readonly readablePledges: ReadablePledges,
    @Inject(EVENT_STORE) private readonly events: EventStore,
  ) {}

  @Get(':pledgeId/history')
  @BureauAccess({ from: 'aggregate', what: 'read a pledge book’s history' })
  async history(@Param('pledgeId') rawId: string, @Query() raw: unknown, @CurrentPrincipal() principal: Principal) {
    const pledgeId = parseInput(pathId, rawId, '/pledgeId');
    const query = parseInput(pageQuery, raw, '/query');
    const from = decodePageCursor(query.cursor);
    if (from === -1) throw new BadInput([{ field: '/query/cursor', message: 'not a cursor this API returned' }]);
    await this.readablePledges.readable(pledgeId, principal);
    const events = await this.events.readStream(pledgeStream(pledgeId), { from: from ?? 0, maxCount: query.limit + 1 });
    const page = events.slice(0, query.limit);
    return {
      pledgeId,
      items: page.map((e) => ({
        revision: e.revision,
        type: e.type,
        recordedAt: e.recordedAt,
        actorId: e.metadata.actorId,
        actorRole: e.metadata.actorRole,
        reason: e.metadata.reason ?? null,
        causationId: e.metadata.causationId,
        correlationId: e.metadata.correlationId,
        eventId: e.id,
        hash: e.hash,
        data: e.data,
      })),
      ...(events.length > query.limit ? { nextCursor: encodePageCursor(page[page.length - 1]!.revision + 1) } : {}),
    };
  }

  @Get(':pledgeId/verify')
  @BureauAccess({ from: 'aggregate', what: 'verify a pledge book' })
  async verify(@Param('pledgeId') rawId: string, @CurrentPrincipal() principal: Principal) {
    const pledgeId = parseInput(pathId, rawId, '/pledgeId');
    await this.readablePledges.readable(pledgeId, principal);
    return this.events.verifyStream(pledgeStream(pledgeId));
  }

}
