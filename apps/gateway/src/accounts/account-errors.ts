import { passwordProblems } from '@pledgebook/gateway-identity';
import { PledgebookError } from '@pledgebook/util';

/** A password the rules refuse: 422 naming the field. */
export class PasswordUnacceptable extends PledgebookError {
  readonly code = 'password_unacceptable';
  readonly kind = 'invalid';
  constructor(field: string, problems: string[]) {
    super(`${field}: ${problems.join('; ')}`, { field, problems });
  }
}

/** The current password is wrong (or the account is locked): 403 naming the field, recorded as a denial. */
export class PasswordRefused extends PledgebookError {
  readonly code = 'password_refused';
  readonly kind = 'forbidden';
  constructor(field: string, message: string) {
    super(message, { field });
  }
}

/** Throws unless `password` may be chosen for `username` (and differs from `previous`). */
export function newPasswordProblems(password: string, username: string, previous?: string, field = 'newPassword'): void {
  const problems = passwordProblems(password, username);
  if (previous !== undefined && password === previous) problems.push('must differ from the current password');
  if (problems.length > 0) throw new PasswordUnacceptable(field, problems);
}
