// Everything the CLI prints. With --json, stdout carries exactly one JSON
// document (or, for `watch`, one per line) and nothing else; people-facing
// notes go to stderr in both modes.
import type { Writable } from 'node:stream';

export interface OutputStreams {
  stdout: Pick<Writable, 'write'>;
  stderr: Pick<Writable, 'write'>;
}

export class Output {
  /** Set by commands that print one JSON document per line: errors then come as one line too. */
  lineMode = false;

  constructor(
    readonly json: boolean,
    private streams: OutputStreams = { stdout: process.stdout, stderr: process.stderr },
  ) {}

  /** A command's answer: `doc` as JSON with --json, else the human lines. */
  result(doc: unknown, human: string | string[]): void {
    if (this.json) this.streams.stdout.write(JSON.stringify(doc, null, 2) + '\n');
    else this.lines(human);
  }

  /** One item of a stream of results (`watch`): an NDJSON line with --json; `human` may be omitted to show nothing. */
  item(doc: unknown, human?: string): void {
    if (this.json) this.streams.stdout.write(JSON.stringify(doc) + '\n');
    else if (human !== undefined) this.lines(human);
  }

  /** A note for the person at the terminal (progress, hints): stderr. */
  note(text: string): void {
    this.streams.stderr.write(text + '\n');
  }

  /** The one-line error on stderr, and with --json an error document on stdout. */
  error(code: string, message: string): void {
    this.streams.stderr.write(`chat: ${message}\n`);
    if (this.json) this.streams.stdout.write(JSON.stringify({ error: { code, message } }, null, this.lineMode ? undefined : 2) + '\n');
  }

  private lines(human: string | string[]): void {
    const text = Array.isArray(human) ? human.join('\n') : human;
    if (text !== '') this.streams.stdout.write(text + '\n');
  }
}
