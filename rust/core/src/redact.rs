//! Redaction for logs: a token is shown only as a short fingerprint of its SHA-256, which
//! identifies it across log lines without revealing any of its characters.

use ring::digest;

/// `jwt#1a2b3c4d`: the first 4 bytes of SHA-256(token) in hex.
pub fn fingerprint(token: &str) -> String {
    let d = digest::digest(&digest::SHA256, token.as_bytes());
    format!("jwt#{}", hex(&d.as_ref()[..4]))
}

/// Lower-case hex of `bytes` (fingerprints, retired token ids).
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A full-length SHA-256 of a token, used to recognise it again (rejections, one-time use)
/// without keeping a second copy of the secret.
pub fn token_id(token: &str) -> [u8; 32] {
    let d = digest::digest(&digest::SHA256, token.as_bytes());
    let mut out = [0u8; 32];
    out.copy_from_slice(d.as_ref());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprint_is_a_digest_and_not_a_piece_of_the_token() {
        // SHA-256("abc") = ba7816bf 8f01cfea… (FIPS 180-2, appendix B.1): the fingerprint is the
        // digest's first 4 bytes, whatever the token's own characters.
        assert_eq!(fingerprint("abc"), "jwt#ba7816bf");
        let token = "eyJhbGciOiJFUzI1NksifQ.eyJpc3MiOiJkaWQ6ZXRocjoweDEyMyJ9.c2ln";
        let fp = fingerprint(token);
        assert_eq!(fp.len(), 12);
        assert!(fp[4..].bytes().all(|b| b.is_ascii_hexdigit()));
        // Tokens sharing all but their last character get unrelated fingerprints.
        let sibling = format!("{}x", &token[..token.len() - 1]);
        assert_ne!(fingerprint(&sibling), fp);
        assert_eq!(token_id("abc")[..4], [0xba, 0x78, 0x16, 0xbf]);
    }
}
