import { Body, Controller, Get, HttpCode, Inject, Post, Put, Query } from '@nestjs/common';
import { ApiQuery } from '@nestjs/swagger';
import { CurrentPrincipal, parseInput, requestCorrelationId, ZodApiBody, ZodPipe, type Principal } from '@pledgebook/nest';
import { forbidden } from '@pledgebook/util';
import { z } from 'zod';
import { REMINDER_KINDS } from './domain/kinds';
import type { RemindersService } from './reminders.service';
import { REMINDERS } from './reminders.tokens';

const listQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().min(1).max(2000).optional(),
  unread: z.enum(['true', 'false']).optional(),
});
const readBody = z
  .strictObject({ reminderIds: z.array(z.string().uuid()).min(1).max(200).optional(), all: z.literal(true).optional() })
  .refine((b) => (b.reminderIds === undefined) !== (b.all === undefined), { message: 'give reminderIds or all: true', path: ['reminderIds'] });
const settingsBody = z.strictObject({
  muted: z.array(z.enum(REMINDER_KINDS)).max(REMINDER_KINDS.length),
  email: z.email().max(254).nullable(),
});

/** Only people have an inbox: a machine account (subscriber) has none. */
function person(p: Principal): Principal {
  if (p.roles.length > 0 && p.roles.every((r) => r === 'subscriber')) throw forbidden('no_inbox', 'subscriber accounts receive no reminders');
  return p;
}

/** The signed-in person's reminders (ADR 0072): the inbox, marking read, and which kinds are muted. */
@Controller('api/v1/me')
export class RemindersController {
  constructor(@Inject(REMINDERS) private readonly reminders: RemindersService) {}

  /** My reminders, newest first, with the count still unread. */
  @Get('reminders')
  @ApiQuery({ name: 'limit', required: false, schema: { type: 'integer', minimum: 1, maximum: 100 } })
  @ApiQuery({ name: 'cursor', required: false, schema: { type: 'string' } })
  @ApiQuery({ name: 'unread', required: false, schema: { type: 'string', enum: ['true', 'false'] } })
  list(@Query() raw: unknown, @CurrentPrincipal() p: Principal) {
    const q = parseInput(listQuery, raw, '/query');
    return this.reminders.list(person(p), { limit: q.limit, ...(q.cursor ? { cursor: q.cursor } : {}), unreadOnly: q.unread === 'true' });
  }

  /** Marks some of my reminders (or all) read. */
  @Post('reminders/read')
  @HttpCode(200)
  @ZodApiBody(readBody)
  markRead(@Body(new ZodPipe(readBody)) body: z.infer<typeof readBody>, @CurrentPrincipal() p: Principal) {
    return this.reminders.markRead(person(p), body.all ? 'all' : body.reminderIds!, requestCorrelationId());
  }

  /** Which kinds I muted, my mail address, and whether mail is sent at all here. */
  @Get('reminder-settings')
  settings(@CurrentPrincipal() p: Principal) {
    return this.reminders.settings(person(p));
  }

  @Put('reminder-settings')
  @ZodApiBody(settingsBody)
  changeSettings(@Body(new ZodPipe(settingsBody)) body: z.infer<typeof settingsBody>, @CurrentPrincipal() p: Principal) {
    return this.reminders.changeSettings(person(p), body, requestCorrelationId());
  }
}
