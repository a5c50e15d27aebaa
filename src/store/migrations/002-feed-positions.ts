// Per-account feed positions and JSON payloads. Each account's events are
// numbered 1, 2, 3, ... (users.feed_head is the last number given out, taken
// inside the writing transaction), and each row carries its event as the
// domain's codec encodes it, so a new event type needs no new column.
// Existing events are renumbered per account in their old order, their
// payloads built from the rows they pointed at; events of messages already
// gone are left behind, as reads skipped them.

/** Milliseconds since the epoch -> the API's ISO-8601 time, in integer arithmetic (no rounding of the milliseconds). */
const iso = (ms: string) => `strftime('%Y-%m-%dT%H:%M:%S', ${ms} / 1000, 'unixepoch') || '.' || printf('%03d', ${ms} % 1000) || 'Z'`;

export const sqliteFeedPositions = `
ALTER TABLE users ADD COLUMN feed_head INTEGER NOT NULL DEFAULT 0;

CREATE TABLE feed (
  user_id    TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  position   INTEGER NOT NULL,
  type       TEXT NOT NULL,
  payload    TEXT NOT NULL,
  -- The message the event is about: its events go with it.
  message_id TEXT,
  -- A message event's expiry: hidden from then on, purged with its message.
  expires_at INTEGER,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (user_id, position)
);
CREATE INDEX feed_by_message ON feed(message_id) WHERE message_id IS NOT NULL;

INSERT INTO feed (user_id, position, type, payload, message_id, expires_at, created_at)
SELECT e.user_id, row_number() OVER (PARTITION BY e.user_id ORDER BY e.seq), e.type,
  CASE e.type
    WHEN 'message' THEN json_object('message', json_object(
      'id', m.id, 'conversationId', m.conversation_id, 'sender', json_object('id', s.id, 'name', s.name), 'body', m.body,
      'createdAt', ${iso('m.created_at')},
      'expiresAt', CASE WHEN m.expires_at IS NULL THEN NULL ELSE ${iso('m.expires_at')} END,
      'clientId', m.client_id))
    WHEN 'receipt' THEN json_object('conversationId', e.conversation_id, 'userId', e.actor_id, 'messageId', e.message_id)
    ELSE json_object('conversationId', e.conversation_id, 'messageId', e.message_id)
  END,
  e.message_id, CASE WHEN e.type = 'message' THEN m.expires_at END, e.created_at
FROM events e
LEFT JOIN messages m ON e.type = 'message' AND m.id = e.message_id
LEFT JOIN users s ON s.id = m.sender_id
WHERE e.type <> 'message' OR m.seq IS NOT NULL;

UPDATE users SET feed_head = coalesce((SELECT max(position) FROM feed WHERE feed.user_id = users.id), 0);

DROP TABLE events;
`;

/** The same time on PostgreSQL, also in integer arithmetic. */
const pgIso = (ms: string) =>
  `to_char(to_timestamp(${ms} / 1000) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS') || '.' || lpad((${ms} % 1000)::text, 3, '0') || 'Z'`;

// The same on PostgreSQL: json_build_object keeps the keys in the codec's order.
export const postgresFeedPositions = `
ALTER TABLE users ADD COLUMN feed_head BIGINT NOT NULL DEFAULT 0;

CREATE TABLE feed (
  user_id    TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  position   BIGINT NOT NULL,
  type       TEXT NOT NULL,
  payload    TEXT NOT NULL,
  message_id TEXT,
  expires_at BIGINT,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (user_id, position)
);
CREATE INDEX feed_by_message ON feed(message_id) WHERE message_id IS NOT NULL;

INSERT INTO feed (user_id, position, type, payload, message_id, expires_at, created_at)
SELECT e.user_id, row_number() OVER (PARTITION BY e.user_id ORDER BY e.seq), e.type,
  CASE e.type
    WHEN 'message' THEN json_build_object('message', json_build_object(
      'id', m.id, 'conversationId', m.conversation_id, 'sender', json_build_object('id', s.id, 'name', s.name), 'body', m.body,
      'createdAt', ${pgIso('m.created_at')},
      'expiresAt', CASE WHEN m.expires_at IS NULL THEN NULL ELSE ${pgIso('m.expires_at')} END,
      'clientId', m.client_id))::text
    WHEN 'receipt' THEN json_build_object('conversationId', e.conversation_id, 'userId', e.actor_id, 'messageId', e.message_id)::text
    ELSE json_build_object('conversationId', e.conversation_id, 'messageId', e.message_id)::text
  END,
  e.message_id, CASE WHEN e.type = 'message' THEN m.expires_at END, e.created_at
FROM events e
LEFT JOIN messages m ON e.type = 'message' AND m.id = e.message_id
LEFT JOIN users s ON s.id = m.sender_id
WHERE e.type <> 'message' OR m.seq IS NOT NULL;

UPDATE users SET feed_head = coalesce((SELECT max(position) FROM feed WHERE feed.user_id = users.id), 0);

DROP TABLE events;
`;
