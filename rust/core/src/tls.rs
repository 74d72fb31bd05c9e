//! The client's TLS settings: rustls on the `ring` provider, server certificates checked by
//! rustls-platform-verifier, whose trust roots are loaded at the first certificate check and then
//! kept for the process.
//!
//! Why lazily: on Linux the platform verifier reads every system CA file (about 150) when it is
//! built, and reqwest builds it with the client. A background prefetch starts in a fresh process,
//! so that cost fell on every run, even for a loopback `http` URL that never uses TLS. Here the
//! verifier is built at the first handshake that needs it (Android and iOS ask the OS, which is
//! cheap; Linux reads the CA files) and shared by every client of the process with the same extra
//! roots.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::CryptoProvider;
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{DigitallySignedStruct, SignatureScheme};

/// The process's one crypto provider for TLS (the vault, fingerprints and random numbers use the
/// same `ring` crate directly).
pub fn provider() -> Arc<CryptoProvider> {
    static PROVIDER: OnceLock<Arc<CryptoProvider>> = OnceLock::new();
    PROVIDER
        .get_or_init(|| Arc::new(rustls::crypto::ring::default_provider()))
        .clone()
}

/// A rustls client configuration trusting the platform's roots plus `extra_roots_pem`. Cheap:
/// nothing is read from the system until a server certificate has to be checked.
pub fn client_config(extra_roots_pem: &[String]) -> Result<rustls::ClientConfig, String> {
    let verifier = verifier_for(extra_roots_pem)?;
    let mut config = rustls::ClientConfig::builder_with_provider(provider())
        .with_safe_default_protocol_versions()
        .map_err(|e| format!("cannot configure TLS: {e}"))?
        .dangerous()
        .with_custom_certificate_verifier(verifier)
        .with_no_client_auth();
    // reqwest is built without HTTP/2.
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    Ok(config)
}

/// One verifier per distinct set of extra roots, kept for the process, so the trust roots are
/// loaded at most once even when the client is rebuilt for other timeouts.
static VERIFIERS: Mutex<Vec<Arc<LazyVerifier>>> = Mutex::new(Vec::new());
static ROOT_LOADS: AtomicUsize = AtomicUsize::new(0);
const MAX_KEPT_VERIFIERS: usize = 8;

fn verifier_for(extra_roots_pem: &[String]) -> Result<Arc<LazyVerifier>, String> {
    let mut verifiers = VERIFIERS.lock().unwrap_or_else(|p| p.into_inner());
    if let Some(v) = verifiers
        .iter()
        .find(|v| v.extra_roots_pem == extra_roots_pem)
    {
        return Ok(Arc::clone(v));
    }
    // Parsed now, so a bad certificate is reported when the client is built, not mid-handshake.
    let extra_roots = parse_pem_certificates(extra_roots_pem)?;
    let verifier = Arc::new(LazyVerifier {
        extra_roots_pem: extra_roots_pem.to_vec(),
        extra_roots,
        inner: OnceLock::new(),
    });
    // Apps have one set of roots; tests switch between many. Keep the few most recent.
    if verifiers.len() >= MAX_KEPT_VERIFIERS {
        verifiers.remove(0);
    }
    verifiers.push(Arc::clone(&verifier));
    Ok(verifier)
}

fn parse_pem_certificates(pems: &[String]) -> Result<Vec<CertificateDer<'static>>, String> {
    use rustls::pki_types::pem::PemObject;
    let mut roots = Vec::new();
    for pem in pems {
        let before = roots.len();
        for cert in CertificateDer::pem_slice_iter(pem.as_bytes()) {
            roots.push(cert.map_err(|e| format!("bad extra root certificate: {e}"))?);
        }
        if roots.len() == before {
            return Err("bad extra root certificate: no certificate in the PEM text".into());
        }
    }
    Ok(roots)
}

/// The platform verifier, built at its first use.
#[derive(Debug)]
struct LazyVerifier {
    extra_roots_pem: Vec<String>,
    extra_roots: Vec<CertificateDer<'static>>,
    inner: OnceLock<Arc<rustls_platform_verifier::Verifier>>,
}

impl LazyVerifier {
    /// Only a verifier that loaded is kept: a failed load (no roots readable yet, e.g. early in
    /// boot) is tried again at the next handshake instead of failing every request of the
    /// process (review n8).
    fn inner(&self) -> Result<&rustls_platform_verifier::Verifier, rustls::Error> {
        if let Some(v) = self.inner.get() {
            return Ok(v);
        }
        log::debug!("loading the platform's trust roots");
        ROOT_LOADS.fetch_add(1, Ordering::Relaxed);
        let loaded = platform_verifier(self.extra_roots.clone()).map(Arc::new)?;
        Ok(self.inner.get_or_init(|| loaded))
    }
}

#[cfg(not(target_os = "android"))]
fn platform_verifier(
    extra_roots: Vec<CertificateDer<'static>>,
) -> Result<rustls_platform_verifier::Verifier, rustls::Error> {
    if extra_roots.is_empty() {
        rustls_platform_verifier::Verifier::new(provider())
    } else {
        rustls_platform_verifier::Verifier::new_with_extra_roots(extra_roots, provider())
    }
}

/// Android's verifier asks the system TrustManager and cannot add roots (the core refuses
/// `extraRootsPem` there before a client is built).
#[cfg(target_os = "android")]
fn platform_verifier(
    extra_roots: Vec<CertificateDer<'static>>,
) -> Result<rustls_platform_verifier::Verifier, rustls::Error> {
    if !extra_roots.is_empty() {
        return Err(rustls::Error::General(
            "extra root certificates are not supported on Android".into(),
        ));
    }
    rustls_platform_verifier::Verifier::new(provider())
}

impl ServerCertVerifier for LazyVerifier {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp_response: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        self.inner()?
            .verify_server_cert(end_entity, intermediates, server_name, ocsp_response, now)
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        self.inner()?.verify_tls12_signature(message, cert, dss)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        self.inner()?.verify_tls13_signature(message, cert, dss)
    }

    /// Asked for the ClientHello, before any certificate: answered from the provider, as every
    /// platform verifier does, so it loads nothing.
    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        provider()
            .signature_verification_algorithms
            .supported_schemes()
    }
}

/// How many times this process has loaded the platform's trust roots (tests: zero after a plain
/// `http` prefetch, one after any number of HTTPS ones).
pub fn trust_root_loads() -> usize {
    ROOT_LOADS.load(Ordering::Relaxed)
}
