// Group changes write feed events about no message; they carry their own
// expiry (the message TTL from when they were written) and the purge finds
// them by it.
export const sqliteGroupEventExpiry = `
CREATE INDEX feed_unattached_by_expiry ON feed(expires_at) WHERE message_id IS NULL AND expires_at IS NOT NULL;
`;

export const postgresGroupEventExpiry = sqliteGroupEventExpiry; // the same statement in both dialects
