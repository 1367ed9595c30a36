import { parseInput, type AuthenticatedRequest, type Principal } from '@pledgebook/nest';
import { initialSelectionState, type SelectionCommand, type SelectionState } from '@pledgebook/reward-domain';
import type { Response } from 'express';
import { selectionStream } from '../streams';
import type { RewardWrites } from '../writes/reward-writes';
import { requireOwnBureau, writeContext } from './access';
import { concurrency, recordBody, requireRecord } from './records';
import { recordId } from './schemas';
import { selectionFor } from './selection-view';

/** The command for a selection, built from its state as loaded. */
export type SelectionChange = (state: SelectionState) => Promise<SelectionCommand> | SelectionCommand;

/**
 * One change to a selection on the one write path: the id from the path, the caller's bureau
 * checked against the selection's, If-Match honoured; answers the selection as the caller may see it.
 */
export async function changeSelection(writes: RewardWrites, raw: string, p: Principal, req: AuthenticatedRequest, res: Response, ifMatch: string | undefined, what: string, command: SelectionChange) {
  const selectionId = parseInput(recordId, raw, '/selectionId');
  const result = await writes.selections.handle({
    stream: selectionStream(selectionId),
    initialState: () => initialSelectionState(selectionId),
    ...writeContext(p, req, `${what}|${selectionId}`),
    ...concurrency(ifMatch),
    access: ({ revision, state }) => {
      requireRecord(revision, 'selection', selectionId);
      requireOwnBureau(p, state.bureauId, `${what} in a selection`);
    },
    command: ({ state }) => command(state),
  });
  return recordBody(selectionFor(result.state, p), result.revision, res);
}
