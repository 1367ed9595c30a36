/**
 * CloudEvents 1.0, structured JSON mode — the public contract on the bus (DESIGN.md §2).
 * Extension attribute names are lower-case letters only, as the spec requires.
 */
export interface CloudEvent<Data = unknown> {
  specversion: '1.0';
  /** = the event store id of the event, so consumers deduplicate by it. */
  id: string;
  /** `/bureaus/<bureauId>/<service>` */
  source: string;
  /** `pledgebook.<context>.<event-name>.v<major>` */
  type: string;
  /** `pledges/<pledgeId>` etc. */
  subject: string;
  time: string;
  datacontenttype: 'application/json';
  dataschema: string;
  data: Data;
  bureauid: string;
  actorid: string;
  correlationid: string;
  causationid: string;
  streamid: string;
  streamrevision: number;
  hash: string;
}

export const CLOUD_EVENT_TYPE = /^pledgebook\.[a-z][a-z0-9-]*\.[a-z][a-z0-9-]*\.v[1-9][0-9]*$/;

/** The schema id a type's data is validated against. */
export function dataSchemaUri(type: string): string {
  return `https://pledgebook.example/schemas/${type}.json`;
}

export function eventSource(bureauId: string, service: string): string {
  return `/bureaus/${bureauId}/${service}`;
}
