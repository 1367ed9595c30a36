/** An event as a decider produces it: a type and its data (metadata is added when it is stored). */
export interface DomainEvent<Type extends string = string, Data = unknown> {
  type: Type;
  data: Data;
}

/**
 * A context's rules as three pure functions (Emmett's decider): what a command decides given the
 * state, how an event changes the state, and the state before any event.
 */
export interface Decider<Command, Event extends DomainEvent, State> {
  decide(command: Command, state: State): Event[];
  evolve(state: State, event: Event): State;
  initialState(): State;
}
