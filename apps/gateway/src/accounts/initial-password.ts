import { passwordProblems } from '@pledgebook/gateway-identity';
import { randomInt } from 'node:crypto';

// No look-alikes (0/O, 1/l/I): these passwords are read off paper and typed in.
const LOWER = 'abcdefghijkmnpqrstuvwxyz';
const UPPER = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const DIGITS = '23456789';
const ALPHABET = LOWER + UPPER + DIGITS;

/** A random password of three groups of four (`Kp7w-Qx3m-Ta9e`, about 71 bits) that the policy accepts. */
export function initialPassword(username: string): string {
  for (;;) {
    const groups = Array.from({ length: 3 }, () => Array.from({ length: 4 }, () => ALPHABET[randomInt(ALPHABET.length)]).join(''));
    const password = groups.join('-');
    if (passwordProblems(password, username).length === 0 && /[a-z]/.test(password) && /[A-Z]/.test(password) && /[0-9]/.test(password)) return password;
  }
}
