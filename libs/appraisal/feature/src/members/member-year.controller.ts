import { Controller, Get, Inject, Param } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { explainResult, HALVES, localDate } from '@pledgebook/appraisal-domain';
import { BureauAccess, CurrentPrincipal, parseInput, READ_MODELS, type Principal } from '@pledgebook/nest';
import type { ReadModelStore } from '@pledgebook/read-model';
import { notFound } from '@pledgebook/util';
import { all } from '../context/all';
import { Directory } from '../context/directory';
import { deny, isOverseer } from '../http/access';
import { APPRAISAL_CLOCK, type Clock } from '../http/request';
import { pathId, pathYear } from '../http/schemas';
import { RoundReader } from '../rounds/round-reader';
import { MONTHLY_CHECKS, TALKS, type CheckView, type TalkView } from '../views/names';

/**
 * A member's appraisal year: every monthly check of their items (with the files the leader named on
 * their entry), their reminder talks, and each half's score with its explanation; to the member
 * herself, also her self-assessment and when she gave it.
 */
@ApiTags('appraisal member year')
@Controller('api/v1/appraisals/bureaus/:bureauId/members/:memberId/years')
export class MemberYearController {
  constructor(
    private readonly directory: Directory,
    private readonly reader: RoundReader,
    @Inject(READ_MODELS) private readonly views: ReadModelStore,
    @Inject(APPRAISAL_CLOCK) private readonly clock: Clock,
  ) {}

  @Get(':year')
  @BureauAccess({ from: 'param', write: false, what: 'read a member’s appraisal year' })
  async year(@Param('bureauId') bureauId: string, @Param('memberId') rawMember: string, @Param('year') rawYear: string, @CurrentPrincipal() p: Principal) {
    const memberId = parseInput(pathId, rawMember, '/memberId');
    const year = parseInput(pathYear, rawYear, '/year');
    const member = await this.directory.member(bureauId, memberId);
    if (!member) throw notFound('member', memberId);
    const self = p.subject === memberId && p.bureauId === bureauId;
    if (!self && !isOverseer(p)) {
      const actor = await this.directory.actorOf(p);
      const leader = p.roles.includes('group-leader') && !!member.groupId && actor.groupId === member.groupId;
      const secretary = p.roles.includes('branch-secretary') && !!member.branchId && actor.branchId === member.branchId;
      if (!leader && !secretary) deny('read a member’s appraisal year', 'for the member, their group leader and branch secretary, and those who oversee the programme');
    }
    const [checks, talks, staff] = await Promise.all([
      all<CheckView>(this.views, MONTHLY_CHECKS, { bureauId, memberIds: memberId, year }, { month: 1 }),
      all<TalkView>(this.views, TALKS, { bureauId, memberId, year }, { dueOn: 1 }),
      this.directory.officeStaff(bureauId, year),
    ]);
    const today = localDate(this.clock.now().toISOString());
    const rounds = [];
    for (const half of HALVES) {
      const { state } = await this.reader.load(bureauId, year, half);
      if (state.status === 'none' || !state.subjects[memberId]) continue;
      // While the office scores, the score is the office's; once on notice it is the member's to see and question.
      const shown = state.status !== 'scoring' || staff.includes(p.subject);
      // A member's own rating of herself is hers to see again (the office reads it among the tallies).
      const rating = self ? state.self[memberId] : undefined;
      rounds.push({
        half,
        status: state.status,
        schemeVersion: state.schemeVersion,
        ...(rating ? { selfAssessment: { rating, recordedAt: state.selfAt[memberId]! } } : {}),
        ...(shown ? { explanation: explainResult(state, memberId) } : {}),
      });
    }
    return {
      bureauId,
      year,
      memberId,
      name: member.name,
      checks: checks.map((c) => ({ month: c.month, groupId: c.groupId, recordedBy: c.recordedBy, recordedAt: c.recordedAt, corrections: c.corrections, ...c.entries[memberId]! })),
      talks: talks.map(({ _id: _key, ...t }) => ({ ...t, overdue: t.status === 'scheduled' && today > t.dueOn })),
      rounds,
    };
  }
}
