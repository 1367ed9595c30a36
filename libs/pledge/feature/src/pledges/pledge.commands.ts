import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { EventStore } from '@pledgebook/event-store';
import { WrongExpectedRevision } from '@pledgebook/event-store';
import { EVENT_STORE } from '@pledgebook/nest';
import {
  branchOfBook,
  conflict,
  decidePledge,
  notFound,
  guidanceCategories,
  initialPledgeState,
  pledgerFor,
  programmeRulesOf,
  type Actor,
  type CollectiveContext,
  type DirectoryState,
  type ItemInput,
  type PledgeCommand,
  type PledgerPlace,
  type Pledger,
  type PledgeState,
} from '@pledgebook/pledge-domain';
import { alreadyApplied, eventMetadataOf, toNewEvents, type CommandMeta } from '@pledgebook/nest';
import { DirectoryRepository } from '../directory/directory.repository';
import { bookReservationStream, pledgeStream } from '../streams';
import { PledgeRepository } from './pledge.repository';

export interface PledgeWriteResult {
  pledgeId: string;
  revision: number;
}

export class DraftPledge {
  constructor(
    readonly pledgeId: string,
    readonly actor: Actor,
    readonly year: number,
    readonly pledger: Pledger,
    readonly items: ItemInput[],
    readonly meta: CommandMeta,
    /** The command's time (which programme year is current); now when left out. */
    readonly at: string = new Date().toISOString(),
  ) {}
}

/** Where a member sits in the party organisation, as the directory records them. */
function placementOf(dir: DirectoryState, memberId: string) {
  const member = dir.members[memberId];
  return member ? { ...(member.branchId ? { branchId: member.branchId } : {}), ...(member.groupId ? { groupId: member.groupId } : {}) } : undefined;
}

/** Each pledger's roles, group and branch as the directory records them now (carried on the submission). */
function placesOf(dir: DirectoryState, memberIds: readonly string[]): PledgerPlace[] {
  return memberIds.flatMap((memberId) => {
    const member = dir.members[memberId];
    return member ? [{ memberId, roles: [...member.roles], ...(member.groupId ? { groupId: member.groupId } : {}), ...(member.branchId ? { branchId: member.branchId } : {}) }] : [];
  });
}

/** For a collective book: its unit and the actor's place, from which the decider tells its officers. */
function collectiveFacts(dir: DirectoryState, state: PledgeState, actor: Actor): CollectiveContext | undefined {
  if (state.pledger.type !== 'collective' || !state.pledger.orgUnitId) return undefined;
  const unit = dir.units[state.pledger.orgUnitId];
  const actorPlacement = placementOf(dir, actor.memberId);
  return { ...(unit ? { unit: { orgUnitId: unit.orgUnitId, type: unit.type, ...(unit.parentId ? { parentId: unit.parentId } : {}) } } : {}), ...(actorPlacement ? { actorPlacement } : {}) };
}

/** Commands on an existing pledge; the handler supplies what the decider needs from the directory. */
export type ExistingPledgeCommand =
  | { type: 'RevisePledge'; actor: Actor; items: ItemInput[] }
  | { type: 'SubmitPledge'; actor: Actor }
  | Exclude<PledgeCommand, { type: 'DraftPledge' | 'RevisePledge' | 'SubmitPledge' }>;

export class ChangePledge {
  constructor(
    readonly pledgeId: string,
    readonly command: ExistingPledgeCommand,
    readonly meta: CommandMeta,
    /** From If-Match: the revision the caller last saw. */
    readonly expectedRevision?: number,
    /** Who may run it on this book (the caller's bureau), checked on the state the command is decided on. */
    readonly access?: (state: PledgeState) => void,
  ) {}
}

@CommandHandler(DraftPledge)
export class DraftPledgeHandler implements ICommandHandler<DraftPledge, PledgeWriteResult> {
  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    private readonly directory: DirectoryRepository,
  ) {}

  async execute(command: DraftPledge): Promise<PledgeWriteResult> {
    // One read tells a retry of this very draft (same derived event ids) from a taken pledge id.
    const earlier = await this.events.readStream(pledgeStream(command.pledgeId), { maxCount: 1 });
    if (alreadyApplied(earlier, command.meta)) {
      return { pledgeId: command.pledgeId, revision: (await this.events.streamRevision(pledgeStream(command.pledgeId))) ?? 0 };
    }
    if (earlier.length > 0) throw conflict('pledge_exists', `pledge ${command.pledgeId} already exists`, { pledgeId: command.pledgeId });
    const { state: dir } = await this.directory.load(command.actor.bureauId);
    const pledger = pledgerFor(command.actor, command.pledger);
    const members = Object.fromEntries(pledger.memberIds.map((id) => [id, dir.members[id]]));
    const home = pledger.memberIds[0] ? dir.members[pledger.memberIds[0]] : undefined;
    const orgUnit = pledger.orgUnitId ? dir.units[pledger.orgUnitId] : undefined;
    const branchId = branchOfBook(home, pledger.orgUnitId, orgUnit);
    const actorPlacement = placementOf(dir, command.actor.memberId);
    const reservation =
      pledger.type === 'individual' && pledger.memberIds[0] ? bookReservationStream(command.actor.bureauId, pledger.memberIds[0], command.year) : undefined;
    const existing = reservation ? await this.reservedBook(reservation) : undefined;
    const decided = decidePledge(
      {
        type: 'DraftPledge',
        pledgeId: command.pledgeId,
        actor: command.actor,
        at: command.at,
        year: command.year,
        pledger,
        items: command.items,
        context: {
          members,
          orgUnit,
          guidanceCategories: guidanceCategories(dir, branchId, command.year),
          years: { openedYears: dir.openedYears, lateEntryYears: dir.lateEntryYears, closedYears: dir.closedYears },
          existingIndividualBook: existing && existing !== command.pledgeId ? existing : undefined,
          ...(actorPlacement ? { actorPlacement } : {}),
        },
      },
      initialPledgeState(),
    );
    // The reservation makes "one individual book per member and year" hold across processes:
    // the first writer creates the stream; a retry of the same draft finds its own pledge id.
    if (reservation && existing === undefined) {
      try {
        const reservationMeta = { ...command.meta, ...(command.meta.idempotencySeed ? { idempotencySeed: `${command.meta.idempotencySeed}|reservation` } : {}) };
        await this.events.append(reservation, toNewEvents([{ type: 'IndividualBookReserved', data: { pledgeId: command.pledgeId } }], reservationMeta), {
          expectedRevision: 'no_stream',
        });
      } catch (error) {
        if (!(error instanceof WrongExpectedRevision)) throw error;
        const winner = await this.reservedBook(reservation);
        if (winner !== command.pledgeId) {
          throw conflict('duplicate_individual_book', `member already has a ${command.year} pledge book`, { year: command.year, existingPledgeId: winner });
        }
      }
    }
    const result = await this.events.append(pledgeStream(command.pledgeId), toNewEvents(decided, command.meta), { expectedRevision: 'no_stream' });
    return { pledgeId: command.pledgeId, revision: result.nextExpectedRevision };
  }

  private async reservedBook(stream: string): Promise<string | undefined> {
    const [first] = await this.events.readStream(stream, { maxCount: 1 });
    return (first?.data as { pledgeId?: string } | undefined)?.pledgeId;
  }
}

@CommandHandler(ChangePledge)
export class ChangePledgeHandler implements ICommandHandler<ChangePledge, PledgeWriteResult> {
  constructor(
    private readonly pledges: PledgeRepository,
    private readonly directory: DirectoryRepository,
  ) {}

  /** One read of the pledge's stream: access, the directory facts the command needs, decide, append. */
  async execute({ pledgeId, command, meta, expectedRevision, access }: ChangePledge): Promise<PledgeWriteResult> {
    const result = await this.pledges.handle(pledgeId, {
      access: ({ state }) => {
        if (state.status === 'none') throw notFound('pledge', pledgeId);
        access?.(state);
      },
      command: ({ state }) => this.withFacts(command, state, meta),
      metadata: ({ state }) => eventMetadataOf(meta, state.bureauId || meta.bureauId),
      ...(meta.idempotencySeed ? { idempotencySeed: meta.idempotencySeed } : {}),
      ...(expectedRevision !== undefined ? { expectedRevision } : {}),
    });
    return { pledgeId, revision: result.revision };
  }

  /** Completes a command with what the decider needs from the directory (categories, rules, a collective's officers). */
  private async withFacts(command: ExistingPledgeCommand, state: PledgeState, meta: CommandMeta): Promise<PledgeCommand> {
    const byActor = 'actor' in command;
    if (!(command.type === 'RevisePledge' || command.type === 'SubmitPledge' || (byActor && state.pledger.type === 'collective'))) return command as PledgeCommand;
    const { state: dir } = await this.directory.load(state.bureauId || meta.bureauId);
    const collective = byActor ? collectiveFacts(dir, state, command.actor) : undefined;
    const categories = guidanceCategories(dir, state.branchId, state.year);
    if (command.type === 'RevisePledge') return { ...command, guidanceCategories: categories, collective };
    if (command.type === 'SubmitPledge') return { ...command, guidanceCategories: categories, programmeRules: programmeRulesOf(dir, state.year), collective, places: placesOf(dir, state.pledger.memberIds) };
    if (command.type === 'WithdrawPledge' || command.type === 'RecordProgress') return { ...command, collective };
    return command as PledgeCommand;
  }
}
