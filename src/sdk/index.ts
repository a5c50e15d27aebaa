export { ChatClient, newClientId, type ClientOptions } from './client.js';
export { ChatApiError } from './errors.js';
export type * from '../contract/index.js';
