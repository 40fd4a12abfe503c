import { expect, test } from 'vitest';
import { parseCommand, type Command } from '../../src/screens/command';

const HOSTS = ['web-1', 'db-1', 'Cache-1'];

test.each<[string, Command['type'], Partial<Command>?]>([
  ['', 'none'],
  ['   ', 'none'],
  ['q', 'quit'],
  ['quit', 'quit'],
  ['q!', 'quit'],
  [':q', 'quit'],
  ['help', 'help'],
  ['overview', 'show', { screen: 'overview' }],
  ['o', 'show', { screen: 'overview' }],
  ['resources', 'show', { screen: 'resources' }],
  ['res', 'show', { screen: 'resources' }],
  ['hosts', 'show', { screen: 'hosts' }],
  ['HOSTS', 'show', { screen: 'hosts' }],
  ['host db-1', 'host', { host: 'db-1' }],
  ['  host   db-1  ', 'host', { host: 'db-1' }],
  ['ctx web-1', 'host', { host: 'web-1' }],
  ['host cache-1', 'host', { host: 'Cache-1' }],
  ['host', 'pickHost'],
  ['ctx', 'pickHost'],
  ['hosts extra', 'error'],
  ['frobnicate', 'error'],
])(':%s → %s', (text, type, extra) => {
  const cmd = parseCommand(text, HOSTS);
  expect(cmd.type).toBe(type);
  if (extra) expect(cmd).toMatchObject(extra);
});

test('an unknown host names the host and lists the known ones', () => {
  const cmd = parseCommand('host nope', HOSTS);
  expect(cmd).toEqual({ type: 'error', message: 'unknown host "nope" (hosts: web-1, db-1, Cache-1)' });
});

test('a long host list is shortened in the message', () => {
  const many = Array.from({ length: 30 }, (_, i) => `h${i}`);
  const cmd = parseCommand('host nope', many);
  expect(cmd.type === 'error' && cmd.message).toContain('… (30)');
});

test('an unknown command says what would work', () => {
  const cmd = parseCommand('frobnicate now', HOSTS);
  expect(cmd.type === 'error' && cmd.message).toMatch(/unknown command ":frobnicate now".*:host \[NAME\]/);
});
