// The address a request comes from: the socket's, or, behind proxies listed in
// CHAT_TRUST_PROXY, the client that X-Forwarded-For names (the nearest address
// not one of those proxies). Per-address rate limits and logs use it; Fastify
// applies the same list to request.ip, the stream's upgrade goes through here.
import type { IncomingMessage } from 'node:http';
import proxyaddr from '@fastify/proxy-addr';

export type ClientAddress = (request: IncomingMessage) => string;

export function clientAddress(trustProxy: readonly string[]): ClientAddress {
  if (trustProxy.length === 0) return (request) => request.socket.remoteAddress ?? '';
  const trusted = proxyaddr.compile([...trustProxy]);
  return (request) => proxyaddr(request, trusted);
}

