// Test fixtures: unsigned compact JWTs with chosen claims (the client only reads claims, so a
// fake signature is enough) and the clock the web tests run at.
export const NOW_MILLIS = Date.UTC(2026, 10, 22, 7, 0, 0);
export const NOW = Math.floor(NOW_MILLIS / 1000);
export const DID = 'did:ethr:0xB7f4aB1c2D3e4F5a6B7c8D9e0F1a2B3c4D5eBd00';
export const OTHER_DID = 'did:ethr:0x0000000000000000000000000000000000000001';
export const DAY = 24 * 60 * 60;

export function base64url(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}

/** A compact JWT with the given payload; `jti` defaults to a counter so every token is distinct. */
let counter = 0;
export function jwt(claims: Record<string, unknown> = {}, header: Record<string, unknown> = { typ: 'JWT', alg: 'ES256K' }): string {
  counter += 1;
  const payload = { iss: DID, iat: NOW, exp: NOW + 90 * DAY, jti: `test-${counter}`, ...claims };
  return `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(payload))}.${base64url(`signature-${counter}`)}`;
}

/** A claim set without the given claims. */
export function jwtWithout(...names: string[]): string {
  const token = jwt();
  const [h, p, s] = token.split('.');
  const payload = JSON.parse(Buffer.from(p, 'base64url').toString('utf8')) as Record<string, unknown>;
  for (const n of names) delete payload[n];
  return `${h}.${base64url(JSON.stringify(payload))}.${s}`;
}

/** Options that pass every rule, with a pool of `n` tokens. */
export function validOptions(n = 3): {
  apiBaseUrl: string;
  activeDid: string;
  jwtTokens: string[];
} {
  return {
    apiBaseUrl: 'https://api.endorser.ch',
    activeDid: DID,
    jwtTokens: Array.from({ length: n }, () => jwt()),
  };
}

/** A valid token exactly `total` bytes long (the signature part takes up the slack). */
export function jwtOfBytes(total: number): string {
  const header = base64url(JSON.stringify({ typ: 'JWT', alg: 'ES256K' }));
  for (let pad = 0; ; pad += 1) {
    const payload = base64url(JSON.stringify({ iss: DID, iat: NOW, exp: NOW + 90 * DAY, pad: 'x'.repeat(pad) }));
    const signatureLength = total - header.length - payload.length - 2;
    // A base64url length of 4k+1 decodes to nothing valid; take the next padding instead.
    if (signatureLength % 4 !== 1) return `${header}.${payload}.${'A'.repeat(signatureLength)}`;
  }
}
