// Who may mark read and delete a message.
import { AppError } from '../errors.js';
import { canAccess, type ConversationFacts } from './conversations.js';
import { allow, type Verdict } from './verdict.js';

/** What the rules need to know of a message (undefined when it does not exist or has expired). */
export interface MessageFacts {
  senderId: string;
}

/** A member marks read up to a message of the conversation that is still retained. */
export function canMarkRead(conversation: ConversationFacts | undefined, messageRetained: boolean, actorId: string): Verdict {
  const refused = canAccess(conversation, actorId);
  if (refused) return refused;
  if (!messageRetained) return new AppError('message_not_found', 'No such message in this conversation');
  return allow;
}

/** Only the sender deletes a message, and only while still a member of its conversation. */
export function canDeleteMessage(message: MessageFacts | undefined, conversation: ConversationFacts | undefined, actorId: string): Verdict {
  if (!message) return new AppError('message_not_found', 'No such message');
  const refused = canAccess(conversation, actorId);
  if (refused) return refused;
  if (message.senderId !== actorId) return new AppError('forbidden', 'Only the sender can delete a message');
  return allow;
}
