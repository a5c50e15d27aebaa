import type { App } from './common.js';
import type { Services } from '../services.js';
import { accountRoutes } from './accounts.js';
import { deviceRoutes } from './devices.js';
import { userRoutes } from './users.js';
import { messageRoutes } from './messages.js';
import { conversationRoutes } from './conversations.js';
import { syncRoutes } from './sync.js';

export function registerV1(app: App, services: Services): void {
  for (const routes of [accountRoutes, deviceRoutes, userRoutes, messageRoutes, conversationRoutes, syncRoutes]) routes(app, services);
}
