import type { NewEvent } from '@pledgebook/event-store';
import { newId } from '@pledgebook/util';

/** A realistic pledge event (about 0.6 KB of JSON with metadata), Chinese text included. */
export function pledgeEvent(n: number): NewEvent {
  return {
    id: newId(),
    type: 'PledgeProgressRecorded',
    data: {
      pledgeId: `pledge-${n % 1000}`,
      itemNo: (n % 5) + 1,
      recordedOn: '2026-05-12',
      narrative: '走訪幫扶村，為三戶困難家庭送去米麵油，並輔導兩名學生完成暑期作業。',
      peopleAided: 3,
      amountFen: 20000 + n,
      volunteerHours: 4,
      evidence: [`evidence/${n}/photo-1.jpg`, `evidence/${n}/sign-in.pdf`],
    },
    metadata: {
      bureauId: 'bureau-weihai-stats',
      actorId: `member-${n % 40}`,
      actorRole: 'member',
      correlationId: newId(),
      causationId: newId(),
    },
  };
}
