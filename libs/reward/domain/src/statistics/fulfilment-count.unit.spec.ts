// The same cases as the pledge context's own counting rule (ADR 0036), on the contract's fields.
import { countFulfilment, type FulfilmentLine } from './fulfilment-count';

let n = 0;
const record = (fields: Partial<FulfilmentLine> = {}): FulfilmentLine => ({ recordId: `r${++n}`, itemNo: 3, recordedOn: '2026-05-01', ...fields });

describe('counting fulfilment: a correction replaces the record it corrects', () => {
  it('counts a corrected record once, by its correction', () => {
    const first = record({ peopleAided: 1, amountFen: 100_000 });
    const fix = record({ peopleAided: 1, amountFen: 120_000, corrects: first.recordId });
    expect(countFulfilment([first, fix])).toMatchObject({ peopleAided: 1, amountFen: 120_000, records: 1 });
  });

  it('counts two corrections of one record once: the later replaces the earlier', () => {
    const first = record({ amountFen: 100_000, volunteerHours: 2 });
    const fix1 = record({ amountFen: 120_000, volunteerHours: 2, corrects: first.recordId });
    const fix2 = record({ amountFen: 110_000, volunteerHours: 3, corrects: first.recordId });
    const other = record({ amountFen: 5_000 });
    expect(countFulfilment([first, fix1, fix2, other])).toMatchObject({ amountFen: 115_000, volunteerHours: 3, records: 2 });
  });

  it('counts only the last link of a chain of corrections', () => {
    const first = record({ amountFen: 1 });
    const second = record({ amountFen: 2, corrects: first.recordId });
    const third = record({ amountFen: 3, corrects: second.recordId });
    const sideways = record({ amountFen: 4, corrects: first.recordId });
    expect(countFulfilment([first, second, third])).toMatchObject({ amountFen: 3, records: 1 });
    expect(countFulfilment([first, second, third, sideways])).toMatchObject({ amountFen: 4, records: 1 });
  });
});

describe('counting fulfilment: people aided are distinct beneficiaries where a reference is given', () => {
  it('counts a beneficiary aided every month once', () => {
    const monthly = [1, 2, 3, 4].map((m) => record({ recordedOn: `2026-0${m}-10`, peopleAided: 1, amountFen: 50_000, beneficiaryRef: 'student-07' }));
    expect(countFulfilment(monthly)).toMatchObject({ peopleAided: 1, amountFen: 200_000, records: 4, beneficiaries: { 'student-07': 1 } });
  });

  it('counts a family by the most people any of its records names, and adds records without a reference as they are', () => {
    const totals = countFulfilment([
      record({ peopleAided: 3, beneficiaryRef: 'family-wang' }),
      record({ peopleAided: 4, beneficiaryRef: 'family-wang' }),
      record({ peopleAided: 1, beneficiaryRef: 'student-07' }),
      record({ peopleAided: 40 }),
      record({ peopleAided: 40 }),
    ]);
    expect(totals).toMatchObject({ peopleAided: 4 + 1 + 80, unnamedPeople: 80, beneficiaries: { 'family-wang': 4, 'student-07': 1 } });
  });

  it('lets a correction change or remove a record’s beneficiary', () => {
    const wrong = record({ peopleAided: 1, beneficiaryRef: 'student-07' });
    const other = record({ peopleAided: 1, beneficiaryRef: 'student-08' });
    const fix = record({ peopleAided: 1, beneficiaryRef: 'student-08', corrects: wrong.recordId });
    expect(countFulfilment([wrong, other, fix])).toMatchObject({ peopleAided: 1, beneficiaries: { 'student-08': 1 } });
  });

  it('is zero for no records', () => {
    expect(countFulfilment([])).toEqual({ peopleAided: 0, amountFen: 0, volunteerHours: 0, records: 0, beneficiaries: {}, unnamedPeople: 0, itemsWithRecords: [] });
  });

  it('names the items that have a counted record', () => {
    expect(countFulfilment([record({ itemNo: 3 }), record({ itemNo: 1 }), record({ itemNo: 3 })]).itemsWithRecords).toEqual([1, 3]);
  });
});
