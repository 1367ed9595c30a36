import { PledgebookError } from './errors';

/** How the edge should answer a domain error: 404, 403, 409 or 422. */
export type DomainErrorKind = 'not_found' | 'forbidden' | 'conflict' | 'invalid';

/** A rule of the programme was broken; `code` names the rule, `kind` the HTTP family. */
export class DomainError extends PledgebookError {
  constructor(
    readonly code: string,
    readonly kind: DomainErrorKind,
    message: string,
    details: Record<string, unknown> = {},
  ) {
    super(message, details);
  }
}

export const notFound = (what: string, id: string) => new DomainError(`${what}_not_found`, 'not_found', `${what.replace(/_/g, ' ')} ${id} does not exist`, { id });
export const wrongState = (what: string, status: string, wanted: readonly string[]) =>
  new DomainError('wrong_state', 'conflict', `${what} is ${status}; this needs ${wanted.join(' or ')}`, { currentState: status, allowed: wanted });
export const forbidden = (code: string, message: string, details: Record<string, unknown> = {}) => new DomainError(code, 'forbidden', message, details);
export const invalid = (code: string, message: string, details: Record<string, unknown> = {}) => new DomainError(code, 'invalid', message, details);
export const conflict = (code: string, message: string, details: Record<string, unknown> = {}) => new DomainError(code, 'conflict', message, details);
