// The F2 menu. Its first six entries are the six actions of the seed's menu
// (register, log in, send, receive, list sent, list received), each mapped to
// the part of this client that does it now.
export type MenuAction = 'signup' | 'signin' | 'send' | 'receive' | 'sent' | 'received' | 'signout' | 'quit';

export interface MenuItem {
  action: MenuAction;
  label: string;
  detail: string;
  /** Only for someone signed in. */
  needsSession: boolean;
}

export const MENU: MenuItem[] = [
  { action: 'signup', label: 'Sign up', detail: 'create an account, then sign in with it (Ctrl+R on the sign-in screen)', needsSession: false },
  { action: 'signin', label: 'Sign in', detail: 'sign this terminal in (as another account, if signed in)', needsSession: false },
  { action: 'send', label: 'Send a message', detail: 'start a conversation with a user by name (Ctrl+N)', needsSession: true },
  { action: 'receive', label: 'Receive', detail: 'the conversations, with unread counts, updated live', needsSession: true },
  { action: 'sent', label: 'Sent messages', detail: 'every message you sent, newest last', needsSession: true },
  { action: 'received', label: 'Received messages', detail: 'every message sent to you, newest last', needsSession: true },
  { action: 'signout', label: 'Sign out', detail: 'end this device\'s session and forget its token', needsSession: true },
  { action: 'quit', label: 'Quit', detail: 'Ctrl+C', needsSession: false },
];
