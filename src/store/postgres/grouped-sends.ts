// Sends to one conversation commit one after another in any case (each locks
// the conversation's row until it commits), so the sends that arrive for a
// conversation while one of its transactions runs wait for the next one
// together: one lock taken, one WAL flush, for all of them instead of one
// each. A send that finds nothing running for its conversation starts at once,
// so at low load none waits longer than it would alone. Only sends to the same
// conversation share a transaction: they lock the same rows in the same order
// as a single send does, so grouping adds no deadlock.
import { AppError } from '../../domain/errors.js';
import type { AppendMessage, AppendResult } from '../../domain/ports/index.js';
import { directKey } from '../rows.js';
import type { Db, Sql } from './db.js';

/** Most sends in one transaction: bounds how long its locks are held. */
const MAX_GROUP = 64;

interface Waiting {
  message: AppendMessage;
  resolve: (result: AppendResult) => void;
  reject: (err: unknown) => void;
}

type Outcome = { result: AppendResult } | { refused: AppError };

export class GroupedSends {
  /** Per conversation with a transaction running: the sends waiting for the next one. */
  private waiting = new Map<string, Waiting[]>();

  constructor(
    private db: Db,
    private appendIn: (tx: Sql, message: AppendMessage) => Promise<AppendResult>,
  ) {}

  append(message: AppendMessage): Promise<AppendResult> {
    return new Promise((resolve, reject) => {
      const send = { message, resolve, reject };
      const key = conversationKey(message);
      const queue = this.waiting.get(key);
      if (queue) return void queue.push(send);
      this.waiting.set(key, []);
      void this.commitInTurn(key, [send]);
    });
  }

  private async commitInTurn(key: string, group: Waiting[]): Promise<void> {
    await this.commit(group);
    const queue = this.waiting.get(key)!;
    if (queue.length === 0) return void this.waiting.delete(key);
    void this.commitInTurn(key, queue.splice(0, MAX_GROUP));
  }

  /** Settles every send of the group; never rejects. */
  private async commit(group: Waiting[]): Promise<void> {
    if (group.length === 1) return this.commitAlone(group[0]!);
    let outcomes: Outcome[];
    /** Set when a send's own statement failed (in the last attempt): then only that send is at fault. */
    let faulty = false;
    try {
      outcomes = await this.db.transaction(async (tx) => {
        faulty = false;
        const done: Outcome[] = [];
        for (const send of group) {
          try {
            done.push({ result: await this.appendIn(tx, send.message) });
          } catch (err) {
            // The policy refuses before a send writes anything that matters, and leaves the transaction usable.
            if (!(err instanceof AppError)) {
              faulty = true;
              throw err;
            }
            done.push({ refused: err });
          }
        }
        return done;
      }, group.length);
    } catch (err) {
      // A statement of one send failed, which ends the whole transaction: each send alone, so only that one fails.
      // Anything else (the database unreachable, a COMMIT whose answer was lost: the group may have
      // committed) fails every send as it would fail one alone; replaying them could store them twice.
      if (faulty && !(err instanceof AppError && err.code === 'unavailable')) {
        for (const send of group) await this.commitAlone(send);
      } else {
        for (const send of group) send.reject(err);
      }
      return;
    }
    outcomes.forEach((o, i) => ('result' in o ? group[i]!.resolve(o.result) : group[i]!.reject(o.refused)));
  }

  private async commitAlone(send: Waiting): Promise<void> {
    try {
      send.resolve(await this.db.transaction((tx) => this.appendIn(tx, send.message)));
    } catch (err) {
      send.reject(err);
    }
  }
}

/** The conversation whose row a send locks: by id, or the direct conversation of the pair. */
function conversationKey(m: AppendMessage): string {
  return 'conversationId' in m.target ? `c:${m.target.conversationId}` : `d:${directKey(m.senderId, m.target.directWithUserId)}`;
}
