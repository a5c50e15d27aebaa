// Every command, in the order `chat --help` lists them.
import type { Command } from '../command.js';
import { conversations } from './conversations.js';
import { devices } from './devices.js';
import { group } from './group.js';
import { history } from './history.js';
import { inbox } from './inbox.js';
import { login } from './login.js';
import { logout } from './logout.js';
import { open } from './open.js';
import { register } from './register.js';
import { search } from './search.js';
import { send } from './send.js';
import { watch } from './watch.js';

export const COMMANDS: Command[] = [register, login, logout, send, inbox, history, conversations, group, search, devices, watch, open];

export function findCommand(name: string): Command | undefined {
  return COMMANDS.find((c) => c.name === name);
}
