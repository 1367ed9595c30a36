/** A JSON Schema document (draft 2020-12), kept as plain data. */
export type JsonSchema = { [keyword: string]: unknown };

/** One integration event type: its name, topic, and the schema of its `data`. */
export interface EventContract {
  type: string;
  topic: string;
  summary: string;
  dataSchema: JsonSchema;
}
