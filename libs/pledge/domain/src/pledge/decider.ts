import type { PledgeCommand } from './commands';
import { decidePledge } from './decide';
import type { PledgeEvent } from './events';
import { evolvePledge } from './evolve';
import { initialPledgeState, type PledgeState } from './state';

/** A pledge book as a decider: the one write path runs every pledge command through it. */
export const pledgeDecider = {
  decide: (command: PledgeCommand, state: PledgeState): PledgeEvent[] => decidePledge(command, state),
  evolve: evolvePledge,
  initialState: (): PledgeState => initialPledgeState(),
};
