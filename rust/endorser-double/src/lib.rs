//! A test double of the Endorser server's `POST /api/v2/report/plansLastUpdatedBetween`, for the
//! core's integration tests, benchmarks, `dnp demo`, and Java and C tests (through the binary).
//! Dev-only: it never verifies a signature.
//!
//! It follows `shared/reference/endorser-api.md`:
//! - a plan is returned when its latest version's jwtId is strictly between `afterId` and
//!   `beforeId`, only for plans in `planIds`, newest first, at most [`MAX_ROWS`] rows, with
//!   `hitLimit: true` when more exist; `wrappedClaimBefore` (the version before the latest) is
//!   absent when the plan has a single version;
//! - `planIds` missing or not an array: 400 `{"error":"planIds array parameter is required"}`
//!   (checked first, as the server does); `afterId` missing or empty: 400
//!   `{"error":"afterId parameter is required"}`;
//! - a bearer token's claims are read, not verified: not a JWT, no `iss`, a rejected token
//!   ("wrong signer"), `iat`/`nbf` over 300 s ahead, `exp <= now - 300`, or a reused token under
//!   one-time-use (or, in strict mode, any second request with it, see
//!   [`EndorserDouble::set_strict_one_time_use`]) give 400 `{"error":{"message":…,"code":"JWT_VERIFY_FAILED"}}`;
//! - no token, an empty `Bearer `, or another scheme: 200 with every DID `did:none:HIDDEN`.
//!
//! # In Rust
//!
//! ```
//! use endorser_double::{EndorserDouble, Fault, Options};
//!
//! let double = EndorserDouble::start(Options { tls: true, ..Default::default() }).unwrap();
//! let plan = double.add_plan("Plan A", "initial");
//! let edited = double.update_plan(&plan.handle_id, None, Some("edited")).unwrap();
//! assert!(edited > plan.jwt_id);
//! double.fail_next(1, Fault::Status429);
//! assert!(double.base_url().starts_with("https://127.0.0.1:"));
//! let _trust_this = double.ca_cert_pem().unwrap();
//! // ... point a blocking client at double.report_url(), then look at double.requests().
//! ```
//!
//! The server runs on its own thread with its own tokio runtime, so every method here is plain
//! blocking code and may be called where `reqwest::blocking` may (outside any runtime). Dropping
//! the [`EndorserDouble`] stops the server and closes its connections.
//!
//! # The binary
//!
//! `endorser-double [--tls] [--port N] [--ca-out FILE] [--plans N] [--one-time-use] [--strict-one-time-use]
//! [--delay-ms N] [--reject-token TOKEN]... [--fail KIND[:COUNT]]... [--retry-after SECONDS]
//! [--record-limit N] [--ignore-stdin]` starts a double, seeds N plans, and prints one line of
//! JSON to stdout:
//!
//! ```text
//! {"baseUrl":"https://127.0.0.1:41234","reportUrl":"https://127.0.0.1:41234/api/v2/report/plansLastUpdatedBetween",
//!  "planIds":["https://endorser.ch/entity/01…"],"jwtIds":["01…"],"caCertPem":"-----BEGIN CERTIFICATE-----\n…","pid":1234}
//! ```
//!
//! (one line; `caCertPem` is null without `--tls`; `--ca-out`, which needs `--tls`, also writes
//! that PEM to a file).
//! It serves until it is killed or, when its stdin is a pipe, until that pipe closes (pass
//! `--ignore-stdin` when the parent hands over an already-closed pipe). KIND is one of
//! `status500`, `status429`, `drop`, `oversized`, `malformed`, `parameterError`, `truncated` (or
//! `500`, `429`).
//!
//! # Control endpoints (same server, never faulted, delayed or recorded)
//!
//! - `GET /__double/plans` → `[{"handleId","jwtId"}]`, in creation order.
//! - `POST /__double/plans` `{"name","description"}` adds a plan; `{"handleId","name"?,
//!   "description"?}` adds a version (absent fields keep their value) → `{"handleId","jwtId"}`;
//!   404 for an unknown handle.
//! - `POST /__double/faults` with any of `{"fail": KIND, "count": N (default 1), "clearFaults":
//!   true, "oneTimeUse": bool, "strictOneTimeUse": bool, "rejectTokens": [token], "delayMs": N|null, "retryAfterSeconds":
//!   N|null, "nowSeconds": N|null}` → the resulting switches.
//! - `GET /__double/requests` → [`RecordedRequest`]s as JSON (camelCase); `DELETE` clears them.

mod auth;
mod control;
mod plans;
mod server;
mod state;
mod switches;
mod tls;

use std::net::SocketAddr;
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use tokio::sync::oneshot;

pub use auth::{SKEW_SECONDS, test_token, token_from_parts};
pub use plans::{HANDLE_PREFIX, HIDDEN_DID, MAX_ROWS, PLAN_ISSUER_DID, Plan};
pub use switches::{Fault, RecordedRequest};

/// The report's path on the server.
pub const REPORT_PATH: &str = "/api/v2/report/plansLastUpdatedBetween";

/// The smallest body [`Fault::Oversized`] sends.
pub const OVERSIZED_BODY_BYTES: usize = server::OVERSIZED_BODY_BYTES;

/// How to start a double.
#[derive(Debug, Clone)]
pub struct Options {
    /// Serve HTTPS with a fresh CA (see [`EndorserDouble::ca_cert_der`]) instead of HTTP.
    pub tls: bool,
    /// Port on 127.0.0.1; 0 (the default) picks a free one.
    pub port: u16,
    /// Start with one-time-use tokens on (see [`EndorserDouble::set_one_time_use`]).
    pub one_time_use: bool,
    /// Start with strict one-time use on (see [`EndorserDouble::set_strict_one_time_use`]).
    pub strict_one_time_use: bool,
    /// How many requests [`EndorserDouble::requests`] keeps (oldest dropped first); 0 keeps none,
    /// which suits benchmarks. Default 1,000.
    pub record_limit: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            tls: false,
            port: 0,
            one_time_use: false,
            strict_one_time_use: false,
            record_limit: 1_000,
        }
    }
}

/// Why a double could not start, or a control call failed.
#[derive(Debug)]
pub enum Error {
    /// Binding the port or starting the server thread failed.
    Io(std::io::Error),
    /// Generating the CA or leaf certificate, or the TLS configuration, failed.
    Certificate(String),
    /// [`EndorserDouble::update_plan`] was given a handle the double does not hold.
    UnknownPlan(String),
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::Io(e) => write!(f, "endorser-double I/O error: {e}"),
            Error::Certificate(e) => write!(f, "endorser-double TLS setup failed: {e}"),
            Error::UnknownPlan(handle) => write!(f, "unknown plan {handle}"),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io(e) => Some(e),
            _ => None,
        }
    }
}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Self {
        Error::Io(e)
    }
}

/// A running double. Every method is thread-safe and blocking-safe; dropping it stops the server.
pub struct EndorserDouble {
    addr: SocketAddr,
    ca: Option<(Vec<u8>, String)>,
    shared: Arc<state::Shared>,
    shutdown: Option<oneshot::Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl EndorserDouble {
    /// Binds 127.0.0.1, makes the certificates when `tls` is on, and starts serving on a
    /// background thread. Returns once the port accepts connections.
    pub fn start(options: Options) -> Result<EndorserDouble, Error> {
        let listener = std::net::TcpListener::bind(("127.0.0.1", options.port))?;
        listener.set_nonblocking(true)?;
        let addr = listener.local_addr()?;
        let authority = if options.tls {
            Some(tls::generate()?)
        } else {
            None
        };
        let acceptor = authority
            .as_ref()
            .map(|a| tokio_rustls::TlsAcceptor::from(Arc::clone(&a.server_config)));
        let shared = Arc::new(state::Shared::new(
            options.one_time_use,
            options.record_limit,
        ));
        shared.with_switches(|s| s.strict_one_time_use = options.strict_one_time_use);
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()?;
        let (shutdown, shutdown_rx) = oneshot::channel();
        let serving = Arc::clone(&shared);
        let thread = std::thread::Builder::new()
            .name(format!("endorser-double:{}", addr.port()))
            .spawn(move || {
                runtime.block_on(server::serve(listener, acceptor, serving, shutdown_rx));
                // Dropping the runtime here cancels the connection tasks and closes their sockets.
            })?;
        Ok(EndorserDouble {
            addr,
            ca: authority.map(|a| (a.ca_der, a.ca_pem)),
            shared,
            shutdown: Some(shutdown),
            thread: Some(thread),
        })
    }

    /// `https://127.0.0.1:PORT` or `http://127.0.0.1:PORT`, without a trailing slash.
    pub fn base_url(&self) -> String {
        let scheme = if self.ca.is_some() { "https" } else { "http" };
        format!("{scheme}://{}", self.addr)
    }

    /// [`base_url`](Self::base_url) followed by [`REPORT_PATH`].
    pub fn report_url(&self) -> String {
        format!("{}{REPORT_PATH}", self.base_url())
    }

    pub fn local_addr(&self) -> SocketAddr {
        self.addr
    }

    /// The CA certificate (DER) a client must trust; `None` for plain HTTP.
    pub fn ca_cert_der(&self) -> Option<Vec<u8>> {
        self.ca.as_ref().map(|(der, _)| der.clone())
    }

    /// The CA certificate as PEM; `None` for plain HTTP.
    pub fn ca_cert_pem(&self) -> Option<String> {
        self.ca.as_ref().map(|(_, pem)| pem.clone())
    }

    /// Adds a plan with one version; its handle is built from that version's jwtId.
    pub fn add_plan(&self, name: &str, description: &str) -> Plan {
        self.shared.add_plan(name, description)
    }

    /// Adds a newer version to a plan (a `None` keeps the current value) and returns its jwtId,
    /// which is greater than every jwtId the double issued before.
    pub fn update_plan(
        &self,
        handle_id: &str,
        name: Option<&str>,
        description: Option<&str>,
    ) -> Result<String, Error> {
        self.shared.edit_plan(handle_id, name, description)
    }

    /// Every plan with its latest jwtId, in creation order.
    pub fn plans(&self) -> Vec<Plan> {
        self.shared.plans()
    }

    /// With one-time-use on, a token string that already passed once is refused with
    /// `JWT_VERIFY_FAILED`. Tokens are remembered whether or not the switch is on, so turning it
    /// on also refuses tokens used before.
    pub fn set_one_time_use(&self, on: bool) {
        self.shared.with_switches(|s| s.one_time_use = on);
    }

    /// Strict one-time use: each token is good for exactly one request. It is used up when the
    /// request carrying it arrives and passes the token checks, even if that request is then
    /// faulted, delayed, dropped or refused for its body; any later request with it gets
    /// `JWT_VERIFY_FAILED` ("JWT has already been used"). Implies [`set_one_time_use`].
    ///
    /// [`set_one_time_use`]: Self::set_one_time_use
    pub fn set_strict_one_time_use(&self, on: bool) {
        self.shared.with_switches(|s| s.strict_one_time_use = on);
    }

    /// The message of a reuse refusal (`JWT_VERIFY_FAILED`); `None` restores the real server's
    /// "JWT has already been used". A client must read reuse from its own records, not words.
    pub fn set_reuse_message(&self, message: Option<&str>) {
        self.shared
            .with_switches(|s| s.reuse_message = message.map(str::to_owned));
    }

    /// Refuses this exact token string as the server refuses a token from the wrong signer.
    pub fn reject_token(&self, token: &str) {
        self.shared
            .with_switches(|s| s.rejected_tokens.insert(token.to_owned()));
    }

    /// Queues `n` report requests to be answered with `fault`, after any faults already queued.
    pub fn fail_next(&self, n: usize, fault: Fault) {
        self.shared.fail_next(n, fault);
    }

    /// Drops every queued fault.
    pub fn clear_faults(&self) {
        self.shared.with_switches(|s| s.faults.clear());
    }

    /// Waits this long before answering each report request (faulted ones too).
    pub fn set_delay(&self, delay: Duration) {
        self.shared.with_switches(|s| s.delay = delay);
    }

    /// The `Retry-After` seconds a [`Fault::Status429`] answer carries; `None` sends none.
    pub fn set_retry_after(&self, seconds: Option<u64>) {
        self.shared
            .with_switches(|s| s.retry_after_seconds = seconds);
    }

    /// The server's clock for token checks (`iat`, `exp`); `None` follows the system clock.
    pub fn set_now(&self, now: Option<SystemTime>) {
        let seconds = now.map(|t| match t.duration_since(UNIX_EPOCH) {
            Ok(d) => i64::try_from(d.as_secs()).unwrap_or(i64::MAX),
            Err(e) => -i64::try_from(e.duration().as_secs()).unwrap_or(i64::MAX),
        });
        self.shared.with_switches(|s| s.now_override = seconds);
    }

    /// The requests received on non-control paths, oldest first (up to the record limit).
    pub fn requests(&self) -> Vec<RecordedRequest> {
        self.shared.requests()
    }

    pub fn clear_requests(&self) {
        self.shared.with_switches(|s| s.requests.clear());
    }
}

impl Drop for EndorserDouble {
    fn drop(&mut self) {
        if let Some(shutdown) = self.shutdown.take() {
            let _ = shutdown.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}
