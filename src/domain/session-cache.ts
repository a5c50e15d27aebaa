// Token lookups happen on every request; a short-lived cache saves the store
// round trip. Revocations in any process drop entries at once (they travel on
// the bus), and the short lifetime bounds how long one the bus lost could go
// unseen.
import type { Session } from './ports/index.js';

const TTL_MS = 5_000;
const MAX_ENTRIES = 50_000;

export class SessionCache {
  private byToken = new Map<string, { session: Session; until: number }>();
  /**
   * Counts drops: a session read from the store while a revocation arrived may
   * be the revoked one, so it is not cached (see set's caller).
   */
  generation = 0;

  get(tokenHash: string, now: number): Session | undefined {
    const hit = this.byToken.get(tokenHash);
    if (!hit) return undefined;
    if (hit.until < now) {
      this.byToken.delete(tokenHash);
      return undefined;
    }
    return hit.session;
  }

  set(tokenHash: string, session: Session, now: number): void {
    if (this.byToken.size >= MAX_ENTRIES) this.byToken.clear();
    this.byToken.set(tokenHash, { session, until: now + TTL_MS });
  }

  dropDevices(deviceIds: Iterable<string>): void {
    const ids = new Set(deviceIds);
    if (ids.size === 0) return;
    this.generation++;
    for (const [hash, hit] of this.byToken) if (ids.has(hit.session.device.id)) this.byToken.delete(hash);
  }

  clear(): void {
    this.generation++;
    this.byToken.clear();
  }

  dropUser(userId: string): void {
    this.generation++;
    for (const [hash, hit] of this.byToken) if (hit.session.user.id === userId) this.byToken.delete(hash);
  }
}
