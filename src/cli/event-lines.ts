// Stream events as human lines, with names looked up from the conversation list
// (reloaded when an event names a conversation it does not know yet).
import type { ChatClient, Conversation, StreamEvent } from '../sdk/index.js';
import { conversationName, feedLine, type Me } from './format.js';

export class EventLines {
  private conversations = new Map<string, Conversation>();
  private users = new Map<string, string>();

  constructor(
    private client: ChatClient,
    private me: Me,
  ) {
    this.users.set(me.id, me.name);
  }

  async load(): Promise<void> {
    const list = await this.client.conversations();
    for (const c of list) {
      this.conversations.set(c.id, c);
      for (const m of c.members) this.users.set(m.id, m.name);
    }
  }

  /** The line for an event, or undefined for one not worth showing (one's own typing, receipts and presence). Group changes update the names known. */
  async line(e: StreamEvent): Promise<string | undefined> {
    switch (e.type) {
      case 'message':
        this.users.set(e.message.sender.id, e.message.sender.name);
        return feedLine(e.message, await this.conversation(e.message.conversationId), this.me);
      case 'message.deleted':
        return `* a message was deleted in ${await this.where(e.conversationId)}`;
      case 'receipt':
        if (e.userId === this.me.id) return undefined;
        return `* ${this.user(e.userId)} read ${await this.isGroup(e.conversationId) ? await this.where(e.conversationId) : 'your messages'}`;
      case 'typing':
        if (e.userId === this.me.id) return undefined;
        return `* ${this.user(e.userId)} is typing${await this.isGroup(e.conversationId) ? ` in ${await this.where(e.conversationId)}` : ''}…`;
      case 'presence':
        if (e.userId === this.me.id) return undefined;
        return `* ${this.user(e.userId)} is ${e.online ? 'online' : 'offline'}`;
      case 'conversation.updated':
        return this.groupChanged(e.conversation);
      case 'conversation.removed': {
        const name = await this.where(e.conversationId);
        this.conversations.delete(e.conversationId);
        return `* you are no longer a member of ${name}`;
      }
      default:
        return undefined; // device.revoked is reported as the error that ends `watch`
    }
  }

  /** `* you are in #Picnic: ann, ben, you`, `* #Picnic is now #Big picnic`, `* #Picnic: now ann, you`. */
  private groupChanged(c: Conversation): string {
    const before = this.conversations.get(c.id);
    this.conversations.set(c.id, { ...c, lastMessage: before?.lastMessage ?? null, unread: before?.unread ?? c.unread });
    for (const m of c.members) this.users.set(m.id, m.name);
    const members = [...c.members.filter((m) => m.id !== this.me.id).map((m) => m.name), 'you'].join(', ');
    const name = `#${conversationName(c, this.me)}`;
    if (!before) return `* you are in ${name}: ${members}`;
    if (before.title !== c.title) return `* #${conversationName(before, this.me)} is now ${name}`;
    return `* ${name}: now ${members}`;
  }

  private user(id: string): string {
    return this.users.get(id) ?? id;
  }

  private async conversation(id: string): Promise<Conversation | undefined> {
    if (!this.conversations.has(id)) await this.load().catch(() => undefined);
    return this.conversations.get(id);
  }

  private async isGroup(id: string): Promise<boolean> {
    return (await this.conversation(id))?.kind === 'group';
  }

  /** `#team`, or `the conversation with bob`. */
  private async where(id: string): Promise<string> {
    const c = await this.conversation(id);
    if (!c) return `conversation ${id}`;
    return c.kind === 'group' ? `#${conversationName(c, this.me)}` : `the conversation with ${conversationName(c, this.me)}`;
  }
}
