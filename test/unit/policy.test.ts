// The chat's rules, alone: no database, only the facts a store would read.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  canAccess, canAddMember, canCreateGroup, canDeleteMessage, canMarkRead, canRemoveMember, canRename, canStartDirect, enforce,
  type ConversationFacts, type Verdict,
} from '../../src/domain/policy/index.js';

const group: ConversationFacts = { kind: 'group', creatorId: 'ann', memberIds: ['ann', 'bob', 'cat'] };
const direct: ConversationFacts = { kind: 'direct', creatorId: null, memberIds: ['ann', 'bob'] };

const codeOf = (v: Verdict) => v?.code ?? 'allowed';

describe('policy', () => {
  it('only members see, send to and read a conversation; a missing one is not found', () => {
    assert.equal(codeOf(canAccess(group, 'bob')), 'allowed');
    assert.equal(codeOf(canAccess(group, 'dan')), 'not_a_member');
    assert.equal(codeOf(canAccess(undefined, 'ann')), 'conversation_not_found');
  });

  it('a direct conversation starts only with someone who exists', () => {
    assert.equal(codeOf(canStartDirect(true)), 'allowed');
    assert.equal(codeOf(canStartDirect(false)), 'user_not_found');
  });

  it('any member renames a group; a direct conversation has no title', () => {
    assert.equal(codeOf(canRename(group, 'cat')), 'allowed');
    assert.equal(codeOf(canRename(group, 'dan')), 'not_a_member');
    assert.equal(codeOf(canRename(direct, 'ann')), 'forbidden');
  });

  it('any member adds to a group; a direct conversation keeps its two members', () => {
    assert.equal(codeOf(canAddMember(group, 'bob', 'dan', 256)), 'allowed');
    assert.equal(codeOf(canAddMember(group, 'dan', 'eve', 256)), 'not_a_member');
    assert.equal(codeOf(canAddMember(direct, 'ann', 'cat', 256)), 'forbidden');
    assert.equal(codeOf(canAddMember(undefined, 'ann', 'cat', 256)), 'conversation_not_found');
  });

  it('a group has at most maxGroupSize members, said in the refusal; adding a member again is no growth', () => {
    const refused = canAddMember(group, 'ann', 'dan', 3);
    assert.equal(codeOf(refused), 'forbidden');
    assert.match(refused!.message, /at most 3 members/);
    assert.equal(refused!.status, 403);
    assert.equal(codeOf(canAddMember(group, 'ann', 'bob', 3)), 'allowed');
    assert.equal(codeOf(canCreateGroup(3, 3)), 'allowed');
    assert.match(canCreateGroup(4, 3)!.message, /at most 3 members/);
  });

  it('a member leaves a group; only its creator removes others; nobody leaves a direct conversation', () => {
    assert.equal(codeOf(canRemoveMember(group, 'bob', 'bob')), 'allowed');
    assert.equal(codeOf(canRemoveMember(group, 'ann', 'bob')), 'allowed');
    assert.equal(codeOf(canRemoveMember(group, 'bob', 'cat')), 'forbidden');
    assert.equal(codeOf(canRemoveMember(group, 'ann', 'dan')), 'user_not_found');
    assert.equal(codeOf(canRemoveMember(group, 'dan', 'dan')), 'not_a_member');
    assert.equal(codeOf(canRemoveMember(direct, 'ann', 'ann')), 'forbidden');
  });

  it('a member marks read up to a retained message', () => {
    assert.equal(codeOf(canMarkRead(group, true, 'cat')), 'allowed');
    assert.equal(codeOf(canMarkRead(group, false, 'cat')), 'message_not_found');
    assert.equal(codeOf(canMarkRead(group, true, 'dan')), 'not_a_member');
  });

  it('only the sender deletes a message, while a member', () => {
    assert.equal(codeOf(canDeleteMessage({ senderId: 'bob' }, group, 'bob')), 'allowed');
    assert.equal(codeOf(canDeleteMessage({ senderId: 'bob' }, group, 'ann')), 'forbidden');
    assert.equal(codeOf(canDeleteMessage({ senderId: 'dan' }, group, 'dan')), 'not_a_member');
    assert.equal(codeOf(canDeleteMessage(undefined, group, 'bob')), 'message_not_found');
  });

  it('enforce throws the refusal and lets an allowed action through', () => {
    assert.doesNotThrow(() => enforce(canAccess(group, 'ann')));
    assert.throws(() => enforce(canAccess(group, 'dan')), (e: { code?: string }) => e.code === 'not_a_member');
  });
});
