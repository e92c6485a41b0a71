/**
 * NATS-style subject matching, so the in-process bus filters exactly like JetStream:
 * tokens are separated by '.', '*' matches one token, '>' matches one or more trailing tokens.
 */
export function subjectMatches(filter: string, subject: string): boolean {
  const f = filter.split('.');
  const s = subject.split('.');
  for (let i = 0; i < f.length; i++) {
    const token = f[i];
    if (token === '>') return s.length > i;
    if (i >= s.length) return false;
    if (token !== '*' && token !== s[i]) return false;
  }
  return f.length === s.length;
}
