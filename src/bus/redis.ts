// The Redis broker, for several instances. Each account has its own channel,
// and an instance subscribes to it only while it holds a subscriber of that
// account, so adding instances does not multiply every event. One publishing
// connection keeps each account's publish order.
//
// Local delivery does not depend on Redis: this process's subscribers get an
// event at once, as from the LocalBus, and the copy Redis sends back (tagged
// with this instance's id) is dropped. While Redis is away, publishes to
// other instances are lost (never queued: publish neither throws nor waits);
// when it is back, every instance is told of a gap and its streams read what
// they missed from the feed by position.
import { randomUUID } from 'node:crypto';
import type { BusMessage, EventBus, Revocation } from '../domain/ports/index.js';
import { LocalBus } from './local.js';
import { connectRedis, endRedis, type RedisLog } from './redis-connection.js';

export interface RedisBusOptions {
  /** Tags what this instance publishes; unique per process by default. */
  instanceId?: string;
  /** Channel names start with it, so several deployments can share one Redis. */
  prefix?: string;
  log?: RedisLog;
}

/** What travels on a channel: the sender, and a message (u, d, e: user, device, event JSON) or a revocation. */
interface Envelope {
  i: string;
  u?: string;
  d?: string;
  e?: BusMessage['event'];
  r?: Revocation;
}

const noop = () => {};

/** A group's event goes to every member: serialize it once, not once per member. */
const eventJson = new WeakMap<object, string>();
function jsonOf(event: BusMessage['event']): string {
  let json = eventJson.get(event);
  if (json === undefined) eventJson.set(event, (json = JSON.stringify(event)));
  return json;
}

export class RedisBus implements EventBus {
  readonly instanceId: string;
  private local = new LocalBus();
  private pub;
  private sub;
  private closed = false;
  private prefix: string;
  private revokeChannel: string;
  private gapChannel: string;
  /** The last subscription change sent: what `subscribed()` waits for. */
  private lastSubscription: Promise<unknown> = Promise.resolve();
  /** Something was not published because the connection was not up (yet, or any more). */
  private missed = false;

  constructor(url: string, options: RedisBusOptions = {}) {
    this.instanceId = options.instanceId ?? randomUUID();
    this.prefix = options.prefix ?? 'chat:';
    this.revokeChannel = `${this.prefix}revoke`;
    this.gapChannel = `${this.prefix}gap`;
    // Publishes fail at once while Redis is away (no offline queue, no resending
    // later): a late event is worth less than the gap signal that replaces it.
    this.pub = connectRedis(url, 'publish', options.log, { enableOfflineQueue: false, autoResendUnfulfilledCommands: false, maxRetriesPerRequest: 0 });
    // Subscriptions queue while Redis is away and are made again on reconnect.
    this.sub = connectRedis(url, 'subscribe', options.log, { maxRetriesPerRequest: null });
    this.sub.on('message', (channel: string, raw: string) => this.received(channel, raw));
    this.lastSubscription = this.sub.subscribe(this.revokeChannel, this.gapChannel);
    this.lastSubscription.catch(noop);

    let pubWasReady = false;
    this.pub.on('ready', () => {
      // What this instance published while its connection was down, or before it
      // first came up, is lost: say so to the others.
      if (pubWasReady || this.missed) this.pub.publish(this.gapChannel, JSON.stringify({ i: this.instanceId })).catch(noop);
      pubWasReady = true;
      this.missed = false;
    });
    let subWasReady = false;
    this.sub.on('ready', () => {
      if (subWasReady) {
        // ioredis resubscribes before 'ready'; one more SUBSCRIBE answered means those are active too.
        this.sub.subscribe(this.gapChannel).then(() => this.closed || this.local.gap(), noop);
      }
      subWasReady = true;
    });
  }

  /** Both connections are up: what /readyz asks. */
  get connected(): boolean {
    return !this.closed && this.pub.status === 'ready' && this.sub.status === 'ready';
  }

  /** Resolves once both connections are up (for tests: what is published before reaches only this instance). */
  async ready(): Promise<void> {
    const up = (client: typeof this.pub) =>
      client.status === 'ready' ? Promise.resolve() : new Promise<void>((resolve) => client.once('ready', () => resolve()));
    await Promise.all([up(this.pub), up(this.sub)]);
  }

  /** Resolves once the subscription changes made so far are active on Redis (for tests). */
  async subscribed(): Promise<void> {
    await this.lastSubscription.catch(noop);
  }

  publish(messages: BusMessage[]): void {
    if (this.closed) return;
    this.local.publish(messages);
    if (this.pub.status !== 'ready') return void (this.missed = true);
    const from = JSON.stringify(this.instanceId);
    for (const m of messages) {
      const device = m.deviceId === undefined ? '' : `,"d":${JSON.stringify(m.deviceId)}`;
      const raw = `{"i":${from},"u":${JSON.stringify(m.userId)}${device},"e":${jsonOf(m.event)}}`;
      this.pub.publish(this.channelOf(m.userId), raw).catch(noop);
    }
  }

  subscribe(userId: string, handler: (m: BusMessage) => void): () => void {
    if (this.closed) return noop;
    const first = !this.local.has(userId);
    const unsubscribeLocal = this.local.subscribe(userId, handler);
    const channel = this.channelOf(userId);
    if (first) {
      // What was published before the subscription was active went unheard: a gap for this account.
      this.lastSubscription = this.sub.subscribe(channel).then(() => {
        if (!this.closed && this.local.has(userId)) this.local.gap(userId);
      });
      this.lastSubscription.catch(noop);
    }
    let done = false;
    return () => {
      if (done) return;
      done = true;
      unsubscribeLocal();
      if (this.closed || this.local.has(userId)) return;
      this.lastSubscription = this.sub.unsubscribe(channel);
      this.lastSubscription.catch(noop);
    };
  }

  onGap(listener: (userId?: string) => void): () => void {
    return this.local.onGap(listener);
  }

  revoke(revocation: Revocation): void {
    if (this.closed) return;
    this.local.revoke(revocation);
    // Lost while Redis is away; the others drop their whole session cache when it is back.
    if (this.pub.status === 'ready') this.pub.publish(this.revokeChannel, JSON.stringify({ i: this.instanceId, r: revocation })).catch(noop);
    else this.missed = true;
  }

  onRevoke(listener: (revocation: Revocation) => void): () => void {
    return this.local.onRevoke(listener);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.local.close();
    await Promise.all([endRedis(this.pub), endRedis(this.sub)]);
  }

  private channelOf(userId: string): string {
    return `${this.prefix}acct:${userId}`;
  }

  private received(channel: string, raw: string): void {
    if (this.closed) return;
    let envelope: Envelope;
    try {
      envelope = JSON.parse(raw) as Envelope;
    } catch {
      return; // not ours
    }
    if (envelope.i === this.instanceId) return; // delivered locally already
    if (channel === this.gapChannel) return this.local.gap();
    if (channel === this.revokeChannel) {
      if (envelope.r && typeof envelope.r.userId === 'string') this.local.revoke(envelope.r);
      return;
    }
    if (typeof envelope.u !== 'string' || envelope.e === undefined) return;
    const message: BusMessage = envelope.d === undefined ? { userId: envelope.u, event: envelope.e } : { userId: envelope.u, deviceId: envelope.d, event: envelope.e };
    this.local.publish([message]);
  }
}
