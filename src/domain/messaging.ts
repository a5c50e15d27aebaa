// Conversations and messages: each call checks its input first (may refuse),
// then does its work in one store transaction, then publishes the events that
// transaction wrote - after commit, never before.
import type { Conversation, Message } from '../contract/index.js';
import { AppError } from './errors.js';
import { canCreateGroup, DEFAULT_MAX_GROUP_SIZE, enforce } from './policy/index.js';
import type { Clock, Delivery, EventBus, Random, Session, Store, Telemetry } from './ports/index.js';
import type { Retention } from './retention.js';

export interface MessagingDeps {
  store: Store;
  random: Random;
  clock: Clock;
  bus: EventBus;
  telemetry: Telemetry;
  retention: Retention;
}

export interface SendInput {
  to?: string;
  conversationId?: string;
  body: string;
  clientId?: string;
}

export interface MessagingOptions {
  /** The most members a group may have, its creator included. */
  maxGroupSize?: number;
}

export class Messaging {
  private maxGroupSize: number;

  constructor(
    private deps: MessagingDeps,
    options: MessagingOptions = {},
  ) {
    this.maxGroupSize = options.maxGroupSize ?? DEFAULT_MAX_GROUP_SIZE;
  }

  async send(session: Session, input: SendInput): Promise<{ message: Message; created: boolean }> {
    const { store, random, clock, retention } = this.deps;
    if ((input.to === undefined) === (input.conversationId === undefined)) {
      throw new AppError('invalid_request', 'Give exactly one of `to` and `conversationId`', [
        { field: input.to === undefined ? 'to' : 'conversationId', message: 'exactly one of to and conversationId is required' },
      ]);
    }
    let target: { conversationId: string } | { directWithUserId: string };
    if (input.to !== undefined) {
      const recipient = await store.accounts.findByName(input.to);
      if (!recipient) throw new AppError('user_not_found', `No user named ${input.to}`);
      target = { directWithUserId: recipient.id };
    } else {
      target = { conversationId: input.conversationId! };
    }
    const now = clock.now();
    const result = await store.messages.append({
      id: random.id(),
      newConversationId: random.id(),
      senderId: session.user.id,
      deviceId: session.device.id,
      target,
      body: input.body,
      clientId: input.clientId ?? null,
      now,
      expiresAt: retention.expiresAt(now),
    });
    if (result.created) {
      this.publish(result.deliveries);
      this.deps.telemetry.messageSent();
    }
    return { message: result.message, created: result.created };
  }

  listConversations(session: Session): Promise<Conversation[]> {
    return this.deps.store.conversations.list(session.user.id, this.deps.clock.now());
  }

  async createGroup(session: Session, title: string, memberNames: string[]): Promise<Conversation> {
    const { store, random, clock } = this.deps;
    const memberIds = new Set<string>([session.user.id]);
    for (const name of memberNames) {
      const user = await store.accounts.findByName(name);
      if (!user) throw new AppError('user_not_found', `No user named ${name}`, [{ field: 'members', message: `unknown user ${name}` }]);
      memberIds.add(user.id);
    }
    enforce(canCreateGroup(memberIds.size, this.maxGroupSize));
    const id = random.id();
    const now = clock.now();
    const eventsExpireAt = this.deps.retention.expiresAt(now);
    this.publish(await store.conversations.createGroup({ id, title, creatorId: session.user.id, memberIds: [...memberIds], now, eventsExpireAt }));
    return store.conversations.get(id, session.user.id, now);
  }

  /** Any member renames a group; every member gets `conversation.updated`. */
  async renameGroup(session: Session, conversationId: string, title: string): Promise<Conversation> {
    const { store, clock, retention } = this.deps;
    const now = clock.now();
    this.publish(await store.conversations.rename({ conversationId, actorId: session.user.id, title, now, eventsExpireAt: retention.expiresAt(now) }));
    return store.conversations.get(conversationId, session.user.id, now);
  }

  async addMember(session: Session, conversationId: string, name: string): Promise<Conversation> {
    const { store, clock } = this.deps;
    const user = await store.accounts.findByName(name);
    if (!user) throw new AppError('user_not_found', `No user named ${name}`);
    const now = clock.now();
    const change = { conversationId, actorId: session.user.id, userId: user.id, now, maxGroupSize: this.maxGroupSize, eventsExpireAt: this.deps.retention.expiresAt(now) };
    this.publish(await store.conversations.addMember(change));
    return store.conversations.get(conversationId, session.user.id, now);
  }

  /** The one removed gets `conversation.removed`; the members left, `conversation.updated`. */
  async removeMember(session: Session, conversationId: string, userId: string): Promise<void> {
    const now = this.deps.clock.now();
    const change = { conversationId, actorId: session.user.id, userId, now, eventsExpireAt: this.deps.retention.expiresAt(now) };
    this.publish(await this.deps.store.conversations.removeMember(change));
  }

  history(session: Session, conversationId: string, before: string | undefined, limit: number) {
    return this.deps.store.messages.history({ conversationId, userId: session.user.id, before: before ?? null, limit, now: this.deps.clock.now() });
  }

  async markRead(session: Session, conversationId: string, messageId: string): Promise<void> {
    const deliveries = await this.deps.store.messages.markRead({ conversationId, userId: session.user.id, messageId, now: this.deps.clock.now() });
    this.publish(deliveries);
  }

  async deleteMessage(session: Session, messageId: string): Promise<void> {
    const deliveries = await this.deps.store.messages.delete({ messageId, userId: session.user.id, now: this.deps.clock.now() });
    this.publish(deliveries);
  }

  /** Tells the other members that the caller is typing; live only, nothing is stored. */
  async typing(session: Session, conversationId: string): Promise<void> {
    const memberIds = await this.deps.store.conversations.memberIds(conversationId, session.user.id);
    const event = { type: 'typing' as const, conversationId, userId: session.user.id };
    this.deps.bus.publish(memberIds.filter((id) => id !== session.user.id).map((userId) => ({ userId, event })));
  }

  private publish(deliveries: Delivery[]): void {
    if (deliveries.length) this.deps.bus.publish(deliveries); // a Delivery is a BusMessage for every device
  }
}
