import type { FulfilmentLine } from '@pledgebook/reward-domain';
import { fulfilmentLine, keptLine } from './statistics.views';

describe('a kept record as stored in its book', () => {
  it('keeps every field the counting rule reads, and leaves absent trailing ones off', () => {
    const lines: FulfilmentLine[] = [
      { recordId: 'r1', itemNo: 3, recordedOn: '2026-04-01' },
      { recordId: 'r2', itemNo: 2, recordedOn: '2026-04-02', peopleAided: 0, amountFen: 0, volunteerHours: 1.5 },
      { recordId: 'r3', itemNo: 3, recordedOn: '2026-04-03', peopleAided: 2, beneficiaryRef: 'family-9', corrects: 'r1' },
      { recordId: 'r4', itemNo: 1, recordedOn: '2026-04-04', amountFen: 50_000 },
    ];
    const kept = lines.map(keptLine);
    expect(kept).toEqual([
      ['r1', 3, '2026-04-01'],
      ['r2', 2, '2026-04-02', 0, 0, 1.5],
      ['r3', 3, '2026-04-03', 2, null, null, 'family-9', 'r1'],
      ['r4', 1, '2026-04-04', null, 50_000],
    ]);
    expect((JSON.parse(JSON.stringify(kept)) as typeof kept).map(fulfilmentLine)).toEqual(lines);
  });
});
