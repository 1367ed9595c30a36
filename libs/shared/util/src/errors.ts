/**
 * The base of every typed error in Pledgebook. `code` is stable and machine-readable;
 * the HTTP edge maps codes to status codes in one place.
 */
export abstract class PledgebookError extends Error {
  abstract readonly code: string;
  readonly details: Record<string, unknown>;

  constructor(message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.name = new.target.name;
    this.details = details;
  }
}

/** A setting is missing or malformed; names the variable. */
export class ConfigurationError extends PledgebookError {
  readonly code = 'configuration_error';
}
