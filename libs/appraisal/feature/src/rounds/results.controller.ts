import { Controller, Get, Header, Inject, Param, Query } from '@nestjs/common';
import { ApiProduces, ApiTags } from '@nestjs/swagger';
import { explainResult, GRADE_LABELS, GRADES, gradeRound, whatIf, type Half, type RoundState } from '@pledgebook/appraisal-domain';
import { BureauAccess, CurrentPrincipal, parseInput, READ_MODELS, type Principal } from '@pledgebook/nest';
import type { ReadModelStore } from '@pledgebook/read-model';
import { invalid, notFound } from '@pledgebook/util';
import { all } from '../context/all';
import { Directory } from '../context/directory';
import { ScoringFacts } from '../context/scoring-facts';
import { deny, requireOfficeReader } from '../http/access';
import { pathHalf, pathId, pathYear, resultsQuery, whatIfQuery } from '../http/schemas';
import { renderNotice } from '../notice/notice-page';
import { schemeId } from '../streams';
import { ROUND_RESULTS, type ResultView } from '../views/names';
import { AppraisalStreams } from '../write/appraisal-streams';
import { RoundReader } from './round-reader';

/** A round's results: by grade, the printable notice, a member's explained score, and what-if under another scheme version. */
@ApiTags('appraisal results')
@Controller('api/v1/appraisals/bureaus/:bureauId/rounds/:year/:half')
export class ResultsController {
  constructor(
    private readonly reader: RoundReader,
    private readonly streams: AppraisalStreams,
    private readonly directory: Directory,
    private readonly facts: ScoringFacts,
    @Inject(READ_MODELS) private readonly views: ReadModelStore,
  ) {}

  /** The bureau's results by grade, once on notice (while scoring, the office sees the provisional grades). */
  @Get('results')
  @BureauAccess({ from: 'param', write: false, what: 'read appraisal results' })
  async results(@Param() params: Record<string, string>, @Query() raw: unknown, @CurrentPrincipal() p: Principal) {
    const { bureauId, year, half } = this.key(params);
    const { grade } = parseInput(resultsQuery, raw, '/query');
    const names = await this.names(bureauId);
    const docs = await all<ResultView>(this.views, ROUND_RESULTS, { bureauId, year, half, ...(grade ? { grade } : {}) }, { points: -1 });
    const posted = docs.filter((d) => d.status !== 'scoring');
    let items = posted.map(({ _id: _key, roundId: _r, ...d }) => ({ ...d, name: names.get(d.memberId) ?? d.memberId, ...(d.status === 'rescoring' ? { points: undefined, grade: undefined, gradeLabel: undefined } : {}) }));
    let provisional = false;
    if (!docs.length || posted.length < docs.length) {
      const { state } = await this.reader.load(bureauId, year, half);
      if (state.status === 'none') throw notFound('appraisal_round', `${year} ${half}`);
      if (state.status === 'scoring' && (await this.directory.officeStaff(bureauId, year)).includes(p.subject)) {
        provisional = true;
        const { grading } = gradeRound(state);
        items = grading.results
          .filter((r) => !grade || r.grade === grade)
          .sort((a, b) => b.points - a.points)
          .map((r) => ({ ...r, name: names.get(r.memberId) ?? r.memberId, gradeLabel: GRADE_LABELS[r.grade], status: 'scoring' as const, bureauId, year, half, partyStatus: state.subjects[r.memberId]!.partyStatus }));
      }
    }
    const byGrade = GRADES.filter((g) => !grade || g === grade).map((g) => ({ grade: g, label: GRADE_LABELS[g], members: items.filter((i) => i.grade === g) }));
    return { bureauId, year, half, provisional, byGrade: byGrade.map((g) => ({ ...g, count: g.members.length })), rescoring: items.filter((i) => i.status === 'rescoring').map((i) => i.memberId) };
  }

  /** The public notice (公示) as a printable page: names, points, grades, the notice's start and end — never an objector. */
  @Get('notice')
  @BureauAccess({ from: 'param', write: false, what: 'read the public notice' })
  @ApiProduces('text/html')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async notice(@Param() params: Record<string, string>): Promise<string> {
    const { bureauId, year, half } = this.key(params);
    const { state } = await this.reader.load(bureauId, year, half);
    if (state.status === 'none') throw notFound('appraisal_round', `${year} ${half}`);
    if (state.status === 'scoring') throw notFound('notice', `${year} ${half} (the results are not on notice yet)`);
    const [names, units] = await Promise.all([this.names(bureauId), this.directory.orgUnits(bureauId)]);
    const unitName = new Map(units.map((u) => [u.orgUnitId, u.name]));
    const lines = Object.values(state.results)
      .sort((a, b) => b.points - a.points || a.memberId.localeCompare(b.memberId))
      .map((r) => ({ ...r, name: names.get(r.memberId) ?? r.memberId, unit: unitName.get(state.subjects[r.memberId]?.branchId ?? '') }));
    const postedOn = lines.map((l) => l.notice.postedOn).sort()[0];
    return renderNotice((await this.directory.bureau(bureauId))?.name ?? bureauId, year, half, lines, { final: state.status === 'final', ...(postedOn ? { postedOn } : {}) });
  }

  /** Why a member has their points and grade: every criterion with its rule, inputs and the events it came from. */
  @Get('members/:memberId/explanation')
  @BureauAccess({ from: 'param', write: false, what: 'read a member’s explained score' })
  async explanation(@Param() params: Record<string, string>, @CurrentPrincipal() p: Principal) {
    const { bureauId, year, half } = this.key(params);
    const memberId = parseInput(pathId, params.memberId, '/memberId');
    const { state, revision } = await this.reader.load(bureauId, year, half);
    if (state.status === 'none') throw notFound('appraisal_round', `${year} ${half}`);
    await this.requireExplanationReader(p, state, memberId);
    const explained = explainResult(state, memberId);
    if (!explained) throw notFound('subject', memberId);
    return { bureauId, year, half, roundStatus: state.status, name: (await this.directory.member(bureauId, memberId))?.name ?? memberId, ...explained, revision };
  }

  /** The round re-run under another scheme version from the same facts and entered scores: nothing is recorded. */
  @Get('what-if')
  @BureauAccess({ from: 'param', write: false, what: 'run a what-if' })
  async whatIf(@Param() params: Record<string, string>, @Query() raw: unknown, @CurrentPrincipal() p: Principal) {
    const { bureauId, year, half } = this.key(params);
    const { schemeVersion } = parseInput(whatIfQuery, raw, '/query');
    requireOfficeReader(p, await this.directory.officeStaff(bureauId, year), year, 'run a what-if');
    const { state: round } = await this.reader.load(bureauId, year, half);
    if (round.status === 'none') throw notFound('appraisal_round', `${year} ${half}`);
    const { state: scheme } = await this.streams.load('scheme', schemeId(bureauId, year, schemeVersion));
    if (scheme.status === 'none' || !scheme.content) throw notFound('scheme', `${year} v${schemeVersion}`);
    if (!scheme.content.criteria.length) throw invalid('empty_scheme', 'the scheme has no criteria', { field: 'schemeVersion' });
    const facts = await this.facts.of(bureauId, year, half, Object.keys(round.subjects));
    const result = whatIf({ round, scheme: { version: scheme.version, content: scheme.content }, facts });
    const official = gradeRound(round).byMember;
    return {
      bureauId,
      year,
      half,
      officialSchemeVersion: round.schemeVersion,
      ...result,
      results: result.results.map((r) => ({ ...r, gradeLabel: GRADE_LABELS[r.grade], official: official.get(r.memberId) ? { points: official.get(r.memberId)!.points, grade: official.get(r.memberId)!.grade } : undefined })),
    };
  }

  private async requireExplanationReader(p: Principal, state: RoundState, memberId: string): Promise<void> {
    const staff = await this.directory.officeStaff(state.bureauId, state.year);
    if (staff.includes(p.subject) || p.roles.includes('system-admin')) return;
    if (state.status === 'scoring') deny('read a member’s explained score', 'while scoring, for the appraisal office only');
    if (p.subject === memberId && p.bureauId === state.bureauId) return;
    if (p.roles.some((r) => r === 'leading-group' || r === 'auditor')) return;
    deny('read a member’s explained score', 'for the member, the appraisal office, the leading group and auditors');
  }

  private async names(bureauId: string): Promise<Map<string, string>> {
    return new Map((await this.directory.members(bureauId)).map((m) => [m.memberId, m.name]));
  }

  private key(params: Record<string, string>) {
    return { bureauId: params.bureauId!, year: parseInput(pathYear, params.year, '/year'), half: parseInput(pathHalf, params.half, '/half') as Half };
  }
}

