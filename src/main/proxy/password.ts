import { createHash, randomInt, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { err, ok, type Result } from '../../shared/lib/result';

/** No 0/O, 1/l/I: the password is read off a terminal and typed on a phone. */
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
const GROUPS = 4;
const GROUP_LENGTH = 5;
export const MIN_PASSWORD_LENGTH = 8;

/** A generated password: four groups of five characters (about 99 bits), dash-separated. */
export function generatePassword(): string {
  const groups: string[] = [];
  for (let g = 0; g < GROUPS; g++) {
    let group = '';
    for (let i = 0; i < GROUP_LENGTH; i++) group += ALPHABET[randomInt(ALPHABET.length)];
    groups.push(group);
  }
  return groups.join('-');
}

/** `--password-file`: the file's first line, which must be at least MIN_PASSWORD_LENGTH characters. */
export async function readPasswordFile(file: string): Promise<Result<string, string>> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    return err(`Cannot read the password file ${file}: ${(error as NodeJS.ErrnoException).code ?? error}`);
  }
  const password = (text.split(/\r?\n/)[0] ?? '').trim();
  if (password.length < MIN_PASSWORD_LENGTH) {
    return err(`The password in ${file} is shorter than ${MIN_PASSWORD_LENGTH} characters`);
  }
  return ok(password);
}

const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();

/** Constant-time: both sides are hashed to the same length first, so neither length nor content leaks. */
export function passwordMatches(offered: string, password: string): boolean {
  return timingSafeEqual(digest(offered), digest(password));
}
