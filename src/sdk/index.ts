export { ChatClient, newClientId, type ClientOptions } from './client.js';
export { ChatApiError, type ChatApiErrorCode } from './errors.js';
// The contract's values, so clients check limits and codes the server's way.
export { CloseCodes, ErrorCodes, Limits, StreamLimits } from '../contract/values.js';
export { ChatStream, type AnyWebSocketConstructor, type StreamOptions, type StreamState, type WebSocketConstructor, type WebSocketLike } from './stream.js';
export type * from '../contract/index.js';
