import { DomainError } from '../domain-error';

/** given(events) → when(command) → then(events) | thenFails(code): the decider spec shape. */
export function deciderSpec<S, C, E>(decide: (c: C, s: S) => E[], evolve: (s: S, e: E) => S, initial: () => S) {
  return (given: E[]) => {
    const state = given.reduce(evolve, initial());
    return {
      when: (command: C) => ({
        then: (expected: E[]) => expect(decide(command, state)).toEqual(expected),
        thenFails: (code: string, kind?: DomainError['kind'], field?: string) => {
          let error: unknown;
          try {
            decide(command, state);
          } catch (e) {
            error = e;
          }
          expect(error).toBeInstanceOf(DomainError);
          expect((error as DomainError).code).toBe(code);
          if (kind) expect((error as DomainError).kind).toBe(kind);
          if (field) expect((error as DomainError).details.field).toBe(field);
          return error as DomainError;
        },
      }),
    };
  };
}
