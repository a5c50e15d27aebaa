// Passwords never come from the command line: either typed at a prompt with
// echo off (stdin is a terminal) or read whole from stdin (--password-stdin).
import { CliError, UsageError } from './errors.js';

/** The parts of process.stdin a hidden prompt needs (a fake in tests). */
export interface TtyInput {
  isTTY?: boolean;
  setRawMode?(raw: boolean): unknown;
  setEncoding(encoding: BufferEncoding): unknown;
  on(event: 'data', listener: (chunk: string) => void): unknown;
  removeListener(event: 'data', listener: (chunk: string) => void): unknown;
  resume(): unknown;
  pause(): unknown;
}

export interface PromptIo {
  input: TtyInput & NodeJS.ReadableStream;
  /** Where the prompt goes: stderr, so stdout stays clean for --json. */
  output: { write(text: string): unknown };
}

const ENTER = new Set(['\r', '\n']);
const CTRL_C = '\u0003';
const CTRL_D = '\u0004';
const CTRL_U = '\u0015';
const BACKSPACE = new Set(['\u007f', '\b']);
const ESC = '\u001b';

/** Reads one line from a terminal without echoing it. */
export function readHidden(prompt: string, io: PromptIo): Promise<string> {
  const { input, output } = io;
  if (!input.isTTY || !input.setRawMode) return Promise.reject(new Error('readHidden needs a terminal'));
  input.setRawMode(true); // before the prompt: what is typed after seeing it must never echo
  output.write(prompt);
  input.setEncoding('utf8');
  input.resume();
  let value = '';
  return new Promise((resolve, reject) => {
    const finish = (error?: Error) => {
      input.removeListener('data', onData);
      input.setRawMode?.(false);
      input.pause();
      output.write('\n');
      if (error) reject(error);
      else resolve(value);
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ENTER.has(ch)) return finish();
        if (ch === CTRL_C) return finish(new CliError('cancelled', 'cancelled'));
        if (ch === CTRL_D) {
          if (value === '') return finish(new CliError('cancelled', 'cancelled'));
          return finish();
        }
        if (ch === ESC) return; // an arrow or function key: drop the rest of its sequence
        if (BACKSPACE.has(ch)) value = Array.from(value).slice(0, -1).join('');
        else if (ch === CTRL_U) value = '';
        else if (ch >= ' ') value += ch;
      }
    };
    input.on('data', onData);
  });
}

/** Reads all of stdin; one trailing newline is not part of the password. */
export async function readAll(input: NodeJS.ReadableStream): Promise<string> {
  let text = '';
  input.setEncoding('utf8');
  for await (const chunk of input) text += String(chunk);
  return text.replace(/\r?\n$/, '');
}

export interface PasswordOptions {
  passwordStdin: boolean;
  /** Ask twice and insist both match (choosing a new password). */
  confirm?: boolean;
  command: string;
}

export async function readPassword(io: PromptIo, options: PasswordOptions): Promise<string> {
  let password: string;
  if (options.passwordStdin) {
    password = await readAll(io.input);
  } else if (io.input.isTTY) {
    password = await readHidden('Password: ', io);
    if (options.confirm && (await readHidden('Password (again): ', io)) !== password) {
      throw new CliError('the passwords do not match', 'password_mismatch');
    }
  } else {
    throw new UsageError('stdin is not a terminal, so no password can be asked for; pipe it in with --password-stdin', options.command);
  }
  if (password === '') throw new CliError(options.passwordStdin ? 'no password on stdin' : 'the password is empty', 'empty_password');
  return password;
}
