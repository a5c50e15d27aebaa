// The live chat of the signed-in device: the SDK client, the stream feeding
// the reducer, and the calls the screens make. One per signed-in session.
import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import { ChatClient, type Conversation, type Message, type StreamState } from '../../../src/sdk/index.js';
import type { Session } from '../session.js';
import { chatReducer, initialState, nextDeadline, type ChatEvent, type ChatState } from './chat-state.js';

export type SendTarget = { conversationId: string } | { to: string };

export interface Chat {
  state: ChatState;
  client: ChatClient;
  connection: StreamState;
  open(conversationId: string | null): void;
  loadOlder(conversationId: string): Promise<void>;
  send(target: SendTarget, body: string, clientId: string): Promise<Message>;
  deleteMessage(id: string): Promise<void>;
  typing(conversationId: string): void;
  createGroup(title: string, members: string[]): Promise<Conversation>;
  renameGroup(id: string, title: string): Promise<void>;
  addMember(id: string, name: string): Promise<void>;
  removeMember(id: string, userId: string): Promise<void>;
  refresh(): Promise<void>;
}

const TYPING_EVERY_MS = 3000;
const PAGE = 50;

/** A 401 `unauthorized` on a call made with the token: this device was revoked or its account deleted. */
function watchingFetch(onUnauthorized: () => void): typeof fetch {
  return async (input, init) => {
    const response = await fetch(input, init);
    if (response.status === 401) {
      const body = (await response.clone().json().catch(() => null)) as { error?: { code?: string } } | null;
      if (body?.error?.code === 'unauthorized') onUnauthorized();
    }
    return response;
  };
}

export function useChat(session: Session, hooks: { onSignedOut(reason: 'revoked'): void; onIncoming(message: Message): void }): Chat {
  const [state, dispatch] = useReducer(chatReducer, session.user.id, initialState);
  const [connection, setConnection] = useState<StreamState>('connecting');
  const hooksRef = useRef(hooks);
  hooksRef.current = hooks;
  const stateRef = useRef(state);
  stateRef.current = state;

  const client = useMemo(
    () => new ChatClient({ baseUrl: location.origin, token: session.token, fetch: watchingFetch(() => hooksRef.current.onSignedOut('revoked')) }),
    [session.token],
  );

  const refresh = useCallback(async () => {
    dispatch({ type: 'conversations', conversations: await client.conversations() });
  }, [client]);

  // The message is named when it is known before the state that holds it has rendered (a live one).
  const markRead = useCallback((conversationId: string, messageId?: string) => {
    const last = messageId ?? (stateRef.current.histories[conversationId]?.items.at(-1) ?? stateRef.current.conversations[conversationId]?.lastMessage)?.id;
    if (last && document.visibilityState === 'visible') client.markRead(conversationId, last).catch(() => undefined);
  }, [client]);

  // The stream: opened first, and the list fetched once it is ready, so nothing
  // committed in between is missed (the reducer ignores what it already has).
  const streamRef = useRef<ReturnType<ChatClient['stream']> | null>(null);
  useEffect(() => {
    let listed = false;
    const stream = client.stream({
      onEvent(event) {
        const e = event as ChatEvent;
        dispatch({ type: 'event', event: e, now: Date.now(), visible: document.visibilityState === 'visible' });
        if (e.type === 'message') {
          if (e.message.sender.id !== session.user.id) hooksRef.current.onIncoming(e.message);
          if (e.message.conversationId === stateRef.current.openId) markRead(e.message.conversationId, e.message.id);
        }
      },
      onState(next) {
        setConnection(next);
        if (next === 'unauthorized') hooksRef.current.onSignedOut('revoked');
        if (next === 'open' && !listed) {
          listed = true;
          refresh().catch(() => undefined);
        }
      },
    });
    streamRef.current = stream;
    return () => {
      stream.close();
      streamRef.current = null;
    };
  }, [client, refresh, markRead, session.user.id]);

  // A conversation we did not know (a group created by someone else, a first direct message): list again.
  useEffect(() => {
    if (state.stale) refresh().catch(() => undefined);
  }, [state.stale, refresh]);

  // Expiring messages and typing indicators end on time, without an event.
  const deadline = nextDeadline(state);
  useEffect(() => {
    if (deadline === null) return;
    const timer = setTimeout(() => dispatch({ type: 'tick', now: Date.now() }), Math.max(0, deadline - Date.now()) + 20);
    return () => clearTimeout(timer);
  }, [deadline]);

  // Coming back to the tab reads what arrived meanwhile in the open conversation.
  useEffect(() => {
    const onVisible = () => {
      const id = stateRef.current.openId;
      if (id && document.visibilityState === 'visible') {
        dispatch({ type: 'open', conversationId: id });
        markRead(id);
      }
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => document.removeEventListener('visibilitychange', onVisible);
  }, [markRead]);

  const open = useCallback((conversationId: string | null) => {
    dispatch({ type: 'open', conversationId });
    // Unknown yet (the list is still loading, or the id is not ours): the screen calls again once it is known.
    if (!conversationId || !stateRef.current.conversations[conversationId]) return;
    const loaded = stateRef.current.histories[conversationId];
    const page = loaded ? Promise.resolve() : client.history(conversationId, { limit: PAGE }).then((h) => {
      dispatch({ type: 'history', conversationId, messages: h.messages, hasMore: h.hasMore, older: false });
    });
    page.then(() => markRead(conversationId)).catch(() => undefined);
  }, [client, markRead]);

  const loadOlder = useCallback(async (conversationId: string) => {
    const first = stateRef.current.histories[conversationId]?.items[0];
    const h = await client.history(conversationId, { before: first?.id, limit: PAGE });
    dispatch({ type: 'history', conversationId, messages: h.messages, hasMore: h.hasMore, older: true });
  }, [client]);

  const send = useCallback(async (target: SendTarget, body: string, clientId: string) => {
    const message = await client.send({ ...target, body, clientId });
    if (!stateRef.current.conversations[message.conversationId]) await refresh();
    dispatch({ type: 'sent', message });
    return message;
  }, [client, refresh]);

  const lastTyping = useRef(new Map<string, number>());
  const typing = useCallback((conversationId: string) => {
    const now = Date.now();
    if (now - (lastTyping.current.get(conversationId) ?? 0) < TYPING_EVERY_MS) return;
    lastTyping.current.set(conversationId, now);
    streamRef.current?.typing(conversationId);
  }, []);

  const changed = (conversation: Conversation) => dispatch({ type: 'conversation', conversation });

  return {
    state,
    client,
    connection,
    open,
    loadOlder,
    send,
    refresh,
    typing,
    deleteMessage: async (id) => {
      await client.deleteMessage(id);
      // The stream's message.deleted does the same; this makes it immediate here.
      const m = Object.values(stateRef.current.histories).flatMap((h) => h.items).find((x) => x.id === id);
      if (m) dispatch({ type: 'event', event: { type: 'message.deleted', cursor: '', conversationId: m.conversationId, messageId: id }, now: Date.now(), visible: true });
    },
    createGroup: async (title, members) => {
      const conversation = await client.createGroup(title, members);
      changed(conversation);
      return conversation;
    },
    renameGroup: async (id, title) => changed(await client.renameGroup(id, title)),
    addMember: async (id, name) => changed(await client.addMember(id, name)),
    removeMember: async (id, userId) => {
      await client.removeMember(id, userId);
      if (userId === session.user.id) dispatch({ type: 'removed', conversationId: id });
      else await refresh();
    },
  };
}
