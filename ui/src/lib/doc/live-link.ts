// What File → Share live… sends the shell: the server's address with the project token as the
// link's `token` query, the form `waymark serve` checks at the handshake.

/** `ws://HOST:PORT` and a token → `ws://HOST:PORT?token=TOKEN`; no token, no query. */
export function serverUrl(server: string, token: string): string {
  const address = server.trim().replace(/\/+$/, '');
  const secret = token.trim();
  if (!secret) return address;
  const joiner = address.includes('?') ? '&' : '?';
  return `${address}${joiner}token=${encodeURIComponent(secret)}`;
}

/** The names of the others, for "2 others here: Ada, Bo". */
export function names(people: { name: string }[]): string {
  return people.map((p) => p.name).join(', ');
}
