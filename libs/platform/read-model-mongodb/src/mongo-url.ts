/**
 * The database named in a MongoDB connection string, if any: `mongodb://h:27017/views?…` →
 * `views`; `mongodb://h:27017/?replicaSet=rs0` → undefined (the driver would say `test`, which
 * is why its parsed options cannot tell a chosen name from none).
 */
export function databaseInUrl(url: string): string | undefined {
  const match = /^mongodb(?:\+srv)?:\/\/[^/?#]*\/([^?#]*)/.exec(url);
  const name = match?.[1] ? decodeURIComponent(match[1]) : '';
  return name === '' ? undefined : name;
}

/** The hosts of a connection string, without credentials: for messages that name the server. */
export function hostsInUrl(url: string): string {
  const match = /^mongodb(?:\+srv)?:\/\/(?:[^@/?#]*@)?([^/?#]*)/.exec(url);
  return match?.[1] || 'unknown host';
}
