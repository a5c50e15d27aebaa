// What the domain needs from the outside world, one file per entity, in the
// domain's words. store/ and bus/ implement these; server.ts picks which.
export type * from './system.js';
export type * from './accounts.js';
export type * from './devices.js';
export type * from './conversations.js';
export type * from './messages.js';
export type * from './feed.js';
export type * from './retention.js';
export type * from './store.js';
export type * from './event-bus.js';
export type * from './telemetry.js';
export type * from './instances.js';
