// Which port methods the contract called: each suite ends by checking that it
// called every method of every port, so a method added to a port without a
// contract test fails here. The list below is checked by the compiler: a port
// method missing from it does not typecheck.
import type { Store } from '../../../src/domain/ports/index.js';

type PortName = { [P in keyof Store]: Store[P] extends (...args: never[]) => unknown ? never : P }[keyof Store];

const portMethods: { [P in PortName]: Record<keyof Store[P], true> } & { store: Record<'ping' | 'close', true> } = {
  accounts: { create: true, get: true, findByName: true, findByLogin: true, search: true, update: true, delete: true },
  devices: { create: true, findSession: true, findLegacy: true, touch: true, list: true, rename: true, delete: true, deleteOthers: true },
  conversations: { list: true, get: true, createGroup: true, rename: true, addMember: true, removeMember: true, memberIds: true, contactIds: true },
  messages: { append: true, history: true, markRead: true, delete: true, legacyInbox: true },
  feed: { read: true, head: true },
  retention: { purgeExpired: true, purgeExpiredEvents: true },
  store: { ping: true, close: true },
};

export const everyMethod: string[] = Object.entries(portMethods).flatMap(([port, methods]) => Object.keys(methods).map((m) => `${port}.${m}`));

/** The store, with each call of a port method recorded in `called` as "port.method". */
export function recording(store: Store, called: Set<string>): Store {
  const record = <T extends object>(port: string, target: T): T =>
    new Proxy(target, {
      get(t, key, receiver) {
        const value: unknown = Reflect.get(t, key, receiver);
        if (typeof value === 'function' && typeof key === 'string') called.add(`${port}.${key}`);
        return value;
      },
    });
  return {
    accounts: record('accounts', store.accounts),
    devices: record('devices', store.devices),
    conversations: record('conversations', store.conversations),
    messages: record('messages', store.messages),
    feed: record('feed', store.feed),
    retention: record('retention', store.retention),
    ping: () => (called.add('store.ping'), store.ping()),
    close: () => (called.add('store.close'), store.close()),
  };
}
