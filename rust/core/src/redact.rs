//! Redaction for logs: a token is shown only as a short fingerprint of its SHA-256, which
//! identifies it across log lines without revealing any of its characters.

use ring::digest;

/// `jwt#1a2b3c4d`: the first 4 bytes of SHA-256(token) in hex.
pub fn fingerprint(token: &str) -> String {
    let d = digest::digest(&digest::SHA256, token.as_bytes());
    let hex: String = d.as_ref()[..4].iter().map(|b| format!("{b:02x}")).collect();
    format!("jwt#{hex}")
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
    fn fingerprint_reveals_no_characters_of_the_token() {
        let token = "eyJhbGciOiJFUzI1NksifQ.eyJpc3MiOiJkaWQ6ZXRocjoweDEyMyJ9.c2ln";
        let fp = fingerprint(token);
        assert!(fp.starts_with("jwt#") && fp.len() == 12);
        for window in token.as_bytes().windows(4) {
            let piece = std::str::from_utf8(window).unwrap();
            assert!(!fp[4..].contains(piece) || piece.chars().all(|c| c.is_ascii_hexdigit()));
        }
        assert_ne!(fingerprint(token), fingerprint("other"));
    }
}
