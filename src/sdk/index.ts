export { ChatClient, newClientId, type ClientOptions } from './client.js';
export { ChatApiError } from './errors.js';
export { ChatStream, type AnyWebSocketConstructor, type StreamOptions, type StreamState, type WebSocketConstructor, type WebSocketLike } from './stream.js';
export type * from '../contract/index.js';
