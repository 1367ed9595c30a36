/** Passwords people actually choose; refused outright. */
const COMMON = new Set(['password', 'password123', '123456789012', 'qwertyuiop', 'iloveyou', 'admin123456', 'pledgebook', 'changeme', 'letmein', 'welcome123']);

export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 256;

/**
 * What is wrong with a password, in words a person can act on; empty when it is acceptable.
 * Rules: 12–256 characters; three of lower case, upper case, digits and symbols, or 16 or more
 * characters (a passphrase); not a common password; not containing the username.
 */
export function passwordProblems(password: string, username: string): string[] {
  const problems: string[] = [];
  if (password.length < PASSWORD_MIN) problems.push(`at least ${PASSWORD_MIN} characters`);
  if (password.length > PASSWORD_MAX) problems.push(`at most ${PASSWORD_MAX} characters`);
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((c) => c.test(password)).length;
  if (password.length < 16 && classes < 3) problems.push('three of: lower case, upper case, digits, symbols (or 16 or more characters)');
  if (COMMON.has(password.toLowerCase())) problems.push('not a commonly used password');
  if (username.length >= 3 && password.toLowerCase().includes(username.toLowerCase())) problems.push('must not contain the username');
  return problems;
}
