import type { RoundCommand } from './commands';
import { decideMassesTally, decidePeerTally, decideSelfAssessment } from './decide-democratic';
import { decideFinalize, decidePutOnNotice, decideRenewNotice } from './decide-notice';
import { decideObjection, decideRaiseObjection } from './decide-objections';
import { decideOpen } from './decide-open';
import { decideAdjustment, decideComputed, decideEntered, decideVeto } from './decide-scores';
import type { RoundEvent } from './events';
import type { RoundState } from './state';

export function decideRound(command: RoundCommand, state: RoundState): RoundEvent[] {
  switch (command.type) {
    case 'OpenRound':
      return decideOpen(command, state);
    case 'ScoreComputedCriteria':
      return decideComputed(command, state);
    case 'EnterScore':
      return decideEntered(command, state);
    case 'AwardBonus':
    case 'RecordDeduction':
      return decideAdjustment(command, state);
    case 'RecordVeto':
    case 'LiftVeto':
      return decideVeto(command, state);
    case 'RecordSelfAssessment':
      return decideSelfAssessment(command, state);
    case 'RecordPeerTally':
      return decidePeerTally(command, state);
    case 'RecordMassesTally':
      return decideMassesTally(command, state);
    case 'PutResultsOnNotice':
      return decidePutOnNotice(command, state);
    case 'RenewNotice':
      return decideRenewNotice(command, state);
    case 'FinalizeRound':
      return decideFinalize(command, state);
    case 'RaiseObjection':
      return decideRaiseObjection(command, state);
    case 'DismissObjection':
    case 'UpholdObjection':
      return decideObjection(command, state);
  }
}
