//! Minting a JWT pool for a throw-away did:ethr identity, as the TimeSafari app does with
//! `createEndorserJwtForDid`: ES256K (secp256k1, SHA-256, r||s with low S) over
//! `{"iat","exp","iss","jti"}`. The demo and the cross-language tests use it; the plugin never
//! signs anything.

use aws_lc_rs::rand::SystemRandom;
use aws_lc_rs::signature::{ECDSA_P256K1_SHA256_FIXED_SIGNING, EcdsaKeyPair, KeyPair};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use sha3::{Digest, Keccak256};

/// The order of secp256k1, big-endian.
const CURVE_ORDER: [u8; 32] = [
    0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xfe,
    0xba, 0xae, 0xdc, 0xe6, 0xaf, 0x48, 0xa0, 0x3b, 0xbf, 0xd2, 0x5e, 0x8c, 0xd0, 0x36, 0x41, 0x41,
];

pub struct Identity {
    key: EcdsaKeyPair,
    pub did: String,
}

impl Identity {
    pub fn generate() -> Result<Self, String> {
        let key = EcdsaKeyPair::generate(&ECDSA_P256K1_SHA256_FIXED_SIGNING)
            .map_err(|_| "cannot generate a secp256k1 key".to_string())?;
        // Uncompressed point 0x04 || X || Y; the address is the last 20 bytes of keccak(X || Y).
        let public = key.public_key().as_ref();
        let hash = Keccak256::digest(&public[1..]);
        let did = format!("did:ethr:{}", checksum_address(&hash[12..]));
        Ok(Self { key, did })
    }

    /// One compact JWT issued at `iat`, valid for `lifetime_seconds`, with a unique `jti`.
    pub fn mint(&self, iat: i64, lifetime_seconds: i64, jti: &str) -> Result<String, String> {
        let header = URL_SAFE_NO_PAD.encode(br#"{"typ":"JWT","alg":"ES256K"}"#);
        let payload = serde_json::json!({
            "iat": iat, "exp": iat + lifetime_seconds, "iss": self.did, "jti": jti,
        });
        let payload = URL_SAFE_NO_PAD.encode(payload.to_string());
        let signing_input = format!("{header}.{payload}");
        let sig = self
            .key
            .sign(&SystemRandom::new(), signing_input.as_bytes())
            .map_err(|_| "signing failed".to_string())?;
        let mut rs = [0u8; 64];
        rs.copy_from_slice(sig.as_ref());
        normalize_low_s(&mut rs);
        Ok(format!("{signing_input}.{}", URL_SAFE_NO_PAD.encode(rs)))
    }

    /// The app's pool: `count` distinct tokens (unique `jti`), all expiring after `days`.
    pub fn mint_pool(&self, now: i64, count: usize, days: i64) -> Result<Vec<String>, String> {
        (0..count)
            .map(|i| self.mint(now, days * 86_400, &format!("{}#bg#{i}", self.did)))
            .collect()
    }
}

/// did-jwt verifies secp256k1 signatures with low S only: replace s by n - s when s > n/2.
fn normalize_low_s(rs: &mut [u8; 64]) {
    let s = &mut rs[32..];
    let mut half = CURVE_ORDER;
    let mut carry = 0u8;
    for b in half.iter_mut() {
        let v = *b;
        *b = (v >> 1) | (carry << 7);
        carry = v & 1;
    }
    if s[..] > half[..] {
        let mut borrow = 0i16;
        for i in (0..32).rev() {
            let mut d = CURVE_ORDER[i] as i16 - s[i] as i16 - borrow;
            borrow = i16::from(d < 0);
            if d < 0 {
                d += 256;
            }
            s[i] = d as u8;
        }
    }
}

/// EIP-55 mixed-case checksum address.
fn checksum_address(addr: &[u8]) -> String {
    let lower: String = addr.iter().map(|b| format!("{b:02x}")).collect();
    let hash = Keccak256::digest(lower.as_bytes());
    let mixed: String = lower
        .chars()
        .enumerate()
        .map(|(i, c)| {
            let nibble = (hash[i / 2] >> (if i % 2 == 0 { 4 } else { 0 })) & 0x0f;
            if c.is_ascii_alphabetic() && nibble >= 8 {
                c.to_ascii_uppercase()
            } else {
                c
            }
        })
        .collect();
    format!("0x{mixed}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use aws_lc_rs::signature::{ECDSA_P256K1_SHA256_FIXED, UnparsedPublicKey};

    #[test]
    fn eip55_matches_the_reference_vector() {
        let addr: Vec<u8> = (0..20)
            .map(|i| {
                u8::from_str_radix(
                    &"5aaeb6053f3e94c9b9a09f33669435e7ef1beaed"[2 * i..2 * i + 2],
                    16,
                )
                .unwrap()
            })
            .collect();
        assert_eq!(
            checksum_address(&addr),
            "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"
        );
    }

    #[test]
    fn minted_tokens_verify_with_low_s_and_pass_the_core_checks() {
        let id = Identity::generate().unwrap();
        let pool = id.mint_pool(1_800_000_000, 20, 90).unwrap();
        let half_order_top = 0x7f;
        for t in &pool {
            let exp =
                daily_notification_core::token::check(t, &id.did, 1_800_000_000, 600).unwrap();
            assert_eq!(exp, 1_800_000_000 + 90 * 86_400);
            let (input, sig) = t.rsplit_once('.').unwrap();
            let sig = URL_SAFE_NO_PAD.decode(sig).unwrap();
            assert!(sig[32] <= half_order_top, "s must be low");
            UnparsedPublicKey::new(&ECDSA_P256K1_SHA256_FIXED, id.key.public_key().as_ref())
                .verify(input.as_bytes(), &sig)
                .expect("signature verifies");
        }
        let distinct: std::collections::HashSet<_> = pool.iter().collect();
        assert_eq!(distinct.len(), pool.len());
    }
}
