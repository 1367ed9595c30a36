import { z } from 'zod';
import type { CloudEvent } from './cloud-event';
import type { EventContract, JsonSchema } from './json-schema';

/**
 * One integration event type, defined once: its name, topic, summary and the zod schema of its
 * `data`, from which both the JSON Schema (bus validation, AsyncAPI, outside subscribers) and the
 * TypeScript type (producers and consumers) come.
 */
export interface EventDefinition<Type extends string = string, Data extends z.ZodType = z.ZodType> extends EventContract {
  type: Type;
  data: Data;
}

/** The TypeScript type of an event's data. */
export type EventData<D> = D extends EventDefinition<string, infer S> ? z.output<S> : never;

/** A CloudEvent of one definition, its data typed. */
export type TypedCloudEvent<D extends EventDefinition> = Omit<CloudEvent, 'type' | 'data'> & { type: D['type']; data: EventData<D> };

/** The JSON Schema (draft 2020-12) of a zod schema, as embedded in other documents (no `$schema`). */
export function jsonSchemaOf(schema: z.ZodType): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input', unrepresentable: 'throw' }) as JsonSchema;
  return rest;
}

export function defineEvent<const Type extends string, Data extends z.ZodType>(definition: { type: Type; topic: string; summary: string; data: Data }): EventDefinition<Type, Data> {
  return { ...definition, dataSchema: jsonSchemaOf(definition.data) };
}

/**
 * Narrows a CloudEvent to a definition's type. Consumers get CloudEvents the consumer runner has
 * already validated against the definition's schema, so the narrowing is the one place the data
 * is typed — never a cast at the call site.
 */
export function isEventOf<D extends EventDefinition>(event: CloudEvent, definition: D): event is CloudEvent & TypedCloudEvent<D> {
  return event.type === definition.type;
}

/** The data of an event of this definition, validated (for events that did not come through a validating consumer). */
export function parseEventData<D extends EventDefinition>(definition: D, data: unknown): EventData<D> {
  return definition.data.parse(data) as EventData<D>;
}
