import { describe, expect, it } from 'vitest';
import { names, serverUrl } from './live-link';

describe('serverUrl', () => {
  it('adds the token as the link query the server checks', () => {
    expect(serverUrl(' ws://127.0.0.1:7878/ ', ' team token ')).toBe('ws://127.0.0.1:7878?token=team%20token');
  });
  it('leaves the address alone without a token', () => {
    expect(serverUrl('ws://127.0.0.1:7878', '  ')).toBe('ws://127.0.0.1:7878');
  });
  it('joins a query the address already has', () => {
    expect(serverUrl('ws://h:1?x=1', 't')).toBe('ws://h:1?x=1&token=t');
  });
});

describe('names', () => {
  it('lists the others in order', () => {
    expect(names([{ name: 'Ada' }, { name: 'Bo' }])).toBe('Ada, Bo');
  });
});
