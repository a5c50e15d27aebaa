// Accounts, sessions (one per device) and devices.
import { createHash } from 'node:crypto';
import type { Device, LoginAnswer, User } from '../contract/index.js';
import { AppError } from './errors.js';
import type { BusMessage, Clock, DeviceRecord, EventBus, Hasher, Random, Session, Store, Telemetry, UserRecord } from './ports/index.js';
import { publicDevice, publicUser } from './presenters.js';
import { SessionCache } from './session-cache.js';

export interface AccountsDeps {
  store: Store;
  hasher: Hasher;
  random: Random;
  clock: Clock;
  bus: EventBus;
  telemetry: Telemetry;
  /** When the events a deletion writes about groups leave the feed (the message TTL); none keeps them. */
  eventsExpireAt?: (now: number) => number | null;
}

/** Devices are touched at most this often, so a busy client does not write on every request. */
const TOUCH_EVERY_MS = 60_000;

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

const invalidCredentials = () => new AppError('invalid_credentials', 'Wrong login or password');

export class Accounts {
  private cache = new SessionCache();
  /** Verified against when the login names nobody, so both answers take as long. */
  private decoyHash: Promise<string> | undefined;

  constructor(private deps: AccountsDeps) {
    // Every process caches sessions; a revocation anywhere reaches all of them through the bus.
    deps.bus.onRevoke((r) => (r.deviceIds ? this.cache.dropDevices(r.deviceIds) : this.cache.dropUser(r.userId)));
    // Revocations sent while the bus was away may be lost: forget every cached session.
    deps.bus.onGap((userId) => userId === undefined && this.cache.clear());
  }

  async register(input: { name: string; email: string; password: string }): Promise<User> {
    const { store, hasher, random, clock } = this.deps;
    if (await store.accounts.findByName(input.name)) throw new AppError('name_taken', 'That name is taken');
    if (await store.accounts.findByLogin(input.email)) throw new AppError('email_taken', 'That email is already registered');
    const user: UserRecord = {
      id: random.id(),
      name: input.name,
      email: input.email,
      passwordHash: await hasher.hash(input.password),
      createdAt: clock.now(),
    };
    await store.accounts.create(user); // still throws name_taken/email_taken if a concurrent registration won
    return publicUser(user, true);
  }

  /** Checks a login and password; the same refusal whether or not the account exists. */
  async checkPassword(login: string, password: string): Promise<UserRecord> {
    const user = await this.deps.store.accounts.findByLogin(login);
    if (!user) {
      this.decoyHash ??= this.deps.hasher.hash('decoy password for timing');
      await this.deps.hasher.verify(await this.decoyHash, password);
      throw invalidCredentials();
    }
    if (!(await this.deps.hasher.verify(user.passwordHash, password))) throw invalidCredentials();
    return user;
  }

  /**
   * The account a login names, by name or email in any case, as the key its
   * failed attempts are counted under; a login that names nobody is its own key.
   */
  async loginKey(login: string): Promise<string> {
    const user = await this.deps.store.accounts.findByLogin(login);
    return user ? `user:${user.id}` : `login:${login.toLowerCase()}`;
  }

  async login(input: { login: string; password: string; deviceName: string }): Promise<LoginAnswer> {
    const user = await this.checkPassword(input.login, input.password);
    const { token, device } = await this.addDevice(user.id, input.deviceName);
    this.deps.telemetry.login();
    return { token, device: publicDevice(device, device.id), user: publicUser(user, true) };
  }

  /** Creates a device with a fresh token; the token is returned once and only its hash is kept. */
  async addDevice(userId: string, name: string, legacyName?: string): Promise<{ token: string; device: DeviceRecord }> {
    const { store, random, clock } = this.deps;
    const token = random.token();
    const now = clock.now();
    const device: DeviceRecord = { id: random.id(), userId, name, createdAt: now, lastSeenAt: now };
    await store.devices.create({ ...device, tokenHash: hashToken(token), legacyName });
    return { token, device };
  }

  /** Bearer token -> session, or null. */
  async authenticate(token: string): Promise<Session | null> {
    const tokenHash = hashToken(token);
    const now = this.deps.clock.now();
    let session = this.cache.get(tokenHash, now) ?? null;
    if (!session) {
      const generation = this.cache.generation;
      session = await this.deps.store.devices.findSession(tokenHash);
      if (!session) return null;
      if (this.cache.generation === generation) this.cache.set(tokenHash, session, now);
    }
    this.touch(session, now);
    return session;
  }

  /** Records that the device was seen, without making the request wait on a write. */
  touch(session: Session, now: number): void {
    if (now - session.device.lastSeenAt < TOUCH_EVERY_MS) return;
    session.device.lastSeenAt = now;
    this.deps.store.devices.touch(session.device.id, now).catch(() => {
      // A lost lastSeenAt update is harmless; the next request tries again.
    });
  }

  me(session: Session): { user: User; device: Device } {
    return { user: publicUser(session.user, true), device: publicDevice(session.device, session.device.id) };
  }

  async logout(session: Session): Promise<void> {
    await this.deleteDevice(session.user.id, session.device.id);
  }

  async updateProfile(session: Session, change: { email?: string; password?: string; currentPassword: string }): Promise<User> {
    const { store, hasher } = this.deps;
    const user = await store.accounts.get(session.user.id);
    if (!user || !(await hasher.verify(user.passwordHash, change.currentPassword))) {
      throw new AppError('invalid_credentials', 'The current password is wrong');
    }
    const update: { email?: string; passwordHash?: string } = {};
    if (change.email !== undefined && change.email.toLowerCase() !== user.email.toLowerCase()) {
      const holder = await store.accounts.findByLogin(change.email);
      if (holder && holder.id !== user.id) throw new AppError('email_taken', 'That email is already registered');
      update.email = change.email;
    } else if (change.email !== undefined) {
      update.email = change.email; // a change of case only
    }
    if (change.password !== undefined) update.passwordHash = await hasher.hash(change.password);
    await store.accounts.update(user.id, update);
    if (update.passwordHash) {
      const gone = await store.devices.deleteOthers(user.id, session.device.id);
      this.afterRevoke(user.id, gone);
    }
    this.deps.bus.revoke({ userId: user.id });
    const fresh = (await store.accounts.get(user.id)) ?? user;
    session.user = fresh;
    return publicUser(fresh, true);
  }

  async deleteAccount(session: Session, password: string): Promise<void> {
    const { store, hasher } = this.deps;
    const user = await store.accounts.get(session.user.id);
    if (!user || !(await hasher.verify(user.passwordHash, password))) throw new AppError('invalid_credentials', 'The password is wrong');
    const now = this.deps.clock.now();
    const { deviceIds, deliveries } = await store.accounts.delete(user.id, now, this.deps.eventsExpireAt?.(now) ?? null);
    this.afterRevoke(user.id, deviceIds);
    this.deps.bus.revoke({ userId: user.id });
    // The other members learn that the account's messages are gone, as from deleteMessage, and that its groups lost a member.
    if (deliveries.length) this.deps.bus.publish(deliveries);
  }

  async listDevices(session: Session): Promise<Device[]> {
    const devices = await this.deps.store.devices.list(session.user.id);
    return devices.map((d) => publicDevice(d, session.device.id));
  }

  async renameDevice(session: Session, deviceId: string, name: string): Promise<Device> {
    const device = await this.deps.store.devices.rename(session.user.id, deviceId, name);
    if (!device) throw new AppError('not_found', 'No such device');
    if (device.id === session.device.id) session.device.name = name;
    this.deps.bus.revoke({ userId: session.user.id, deviceIds: [device.id] });
    return publicDevice(device, session.device.id);
  }

  async revokeDevice(session: Session, deviceId: string): Promise<void> {
    if (!(await this.deleteDevice(session.user.id, deviceId))) throw new AppError('not_found', 'No such device');
  }

  async searchUsers(query: string, limit: number): Promise<User[]> {
    return this.deps.store.accounts.search(query, limit);
  }

  /** Deletes one device and, if it existed, revokes its token and streams. */
  private async deleteDevice(userId: string, deviceId: string): Promise<boolean> {
    const found = await this.deps.store.devices.delete(userId, deviceId);
    if (found) this.afterRevoke(userId, [deviceId]);
    return found;
  }

  /** Every process forgets the tokens at once and closes those devices' streams. */
  private afterRevoke(userId: string, deviceIds: string[]): void {
    if (deviceIds.length) this.deps.bus.revoke({ userId, deviceIds });
    const messages: BusMessage[] = deviceIds.map((deviceId) => ({ userId, deviceId, event: { type: 'device.revoked' } }));
    if (messages.length) this.deps.bus.publish(messages);
  }
}
