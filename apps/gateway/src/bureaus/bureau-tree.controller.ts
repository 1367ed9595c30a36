import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiQuery } from '@nestjs/swagger';
import { BUREAUS, type BureauDocument } from '@pledgebook/gateway-subscriptions';
import { CurrentPrincipal, parseInput, requireRole, type Principal } from '@pledgebook/nest';
import { findAll, type ReadModelStore } from '@pledgebook/read-model';
import { notFound } from '@pledgebook/util';
import { z } from 'zod';
import { bureauHierarchy } from './bureau-hierarchy';

/** The gateway's view of the bureaus (the one outside subscriptions scope by). */
export const BUREAU_VIEWS = Symbol('BUREAU_VIEWS');

const treeQuery = z.strictObject({ root: z.string().regex(/^[a-z0-9][a-z0-9-]{1,63}$/, 'lower-case letters, digits and - (2 to 64)').optional() });

/**
 * GET /api/v1/bureau-tree: every bureau the system holds, as a list and as a hierarchy, for the
 * system admin (the directory answers one bureau at a time; the tree spans them all).
 */
@Controller('api/v1/bureau-tree')
export class BureauTreeController {
  constructor(@Inject(BUREAU_VIEWS) private readonly views: ReadModelStore) {}

  @Get()
  @ApiQuery({ name: 'root', required: false, description: 'only this bureau and those under it', schema: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]{1,63}$' } })
  async tree(@Query() raw: unknown, @CurrentPrincipal() p: Principal) {
    requireRole(p, ['system-admin'], 'read the bureau tree');
    const { root } = parseInput(treeQuery, raw, '/query');
    const bureaus = await findAll(this.views.collection<BureauDocument>(BUREAUS), {});
    const entries = bureaus.map((b) => ({ bureauId: b.bureauId, name: b.name, ...(b.parentBureauId ? { parentBureauId: b.parentBureauId } : {}) }));
    if (root !== undefined && !entries.some((e) => e.bureauId === root)) throw notFound('bureau', root);
    return bureauHierarchy(entries, root);
  }
}
