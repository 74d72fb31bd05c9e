// A throw-away did:ethr identity for the example: a fresh secp256k1 key on each launch, and an
// ES256K signer shaped like TimeSafari's createEndorserJwtForDid (header + claims, signed with the
// identity's key). The real app signs with the user's own key; this plugin never holds a key.
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { keccak_256 } from '@noble/hashes/sha3.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

export interface ThrowAwayIdentity {
  did: string;
  sign(claims: object): Promise<string>;
}

function base64url(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** EIP-55 mixed-case checksum of a lower-case hex address (what ethers prints, as TimeSafari does). */
function checksumAddress(hex: string): string {
  const hash = bytesToHex(keccak_256(utf8ToBytes(hex)));
  let out = '0x';
  for (let i = 0; i < hex.length; i++) out += parseInt(hash[i], 16) >= 8 ? hex[i].toUpperCase() : hex[i];
  return out;
}

export function createThrowAwayIdentity(): ThrowAwayIdentity {
  const secretKey = secp256k1.utils.randomSecretKey();
  const publicKey = secp256k1.getPublicKey(secretKey, false); // 0x04 || X || Y
  const address = bytesToHex(keccak_256(publicKey.subarray(1)).subarray(-20));
  const did = `did:ethr:${checksumAddress(address)}`;
  const header = base64url(utf8ToBytes(JSON.stringify({ alg: 'ES256K', typ: 'JWT' })));
  return {
    did,
    async sign(claims: object): Promise<string> {
      const signingInput = `${header}.${base64url(utf8ToBytes(JSON.stringify(claims)))}`;
      // ES256K: ECDSA over SHA-256 of the signing input, r || s (64 bytes), low-s.
      const signature = secp256k1.sign(sha256(utf8ToBytes(signingInput)), secretKey, { prehash: false, lowS: true });
      return `${signingInput}.${base64url(signature)}`;
    },
  };
}
