// The chat's rules as pure functions of the facts a store reads in its
// transaction (check, then do): every store runs the same rules, and each rule
// is tested without a database.
export * from './verdict.js';
export * from './conversations.js';
export * from './messages.js';
