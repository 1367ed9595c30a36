import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { BureauAccess, CurrentPrincipal, metaFromPrincipal, parseInput, requestCorrelationId, ZodApiBody, ZodPipe, type CommandMeta, type Principal } from '@pledgebook/nest';
import { newId } from '@pledgebook/util';
import type { z } from 'zod';
import { Publish } from '../reviews/review.commands';
import { Reviewers } from './reviewer';
import { pathId, publicationBody } from './schemas';


/** Publication acts: a branch's (its secretary) and the leading party group's (books outside any branch). */
@ApiTags('reviews')
@Controller('api/v1/reviews')
export class PublicationsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly reviewers: Reviewers,
  ) {}

  /** Publishes the branch's approved pledges of a year as one act. */
  @Post('branches/:branchId/publications')
  @BureauAccess({ from: 'caller', what: 'publish a branch’s books' })
  @HttpCode(201)
  @ZodApiBody(publicationBody)
  async publish(@Param('branchId') rawBranch: string, @Body(new ZodPipe(publicationBody)) body: z.infer<typeof publicationBody>, @CurrentPrincipal() principal: Principal) {
    const branchId = parseInput(pathId, rawBranch, '/branchId');
    const publisher = { body: 'branch' as const, branchId };
    return this.commands.execute(new Publish(principal.bureauId, publisher, body.year, newId(), await this.reviewers.of(principal), this.meta(principal)));
  }

  /**
   * The leading party group publishes the approved books outside any branch (the leadership
   * team's, departments', mass organisations', staff outside a branch) of a year as one act.
   */
  @Post('leadership/publications')
  @BureauAccess({ from: 'caller', what: 'publish the books outside any branch' })
  @HttpCode(201)
  @ZodApiBody(publicationBody)
  async publishLeadership(@Body(new ZodPipe(publicationBody)) body: z.infer<typeof publicationBody>, @CurrentPrincipal() principal: Principal) {
    return this.commands.execute(new Publish(principal.bureauId, { body: 'leading-group' }, body.year, newId(), await this.reviewers.of(principal), this.meta(principal)));
  }

  private meta(principal: Principal, extra: Partial<CommandMeta> = {}): CommandMeta {
    return metaFromPrincipal(principal, requestCorrelationId(), extra);
  }

}
