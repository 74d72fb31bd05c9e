//! The switches a test flips to make the double misbehave, and the log of what it received.

use std::collections::{HashSet, VecDeque};
use std::time::Duration;

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// One planned misbehaviour of the report endpoint, used up by one request. A faulted request is
/// answered before its token is looked at, so it neither fails nor uses up a one-time token.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Fault {
    /// 500 with a bare JSON string body (`"Internal error"`), as the server's catch-all sends.
    Status500,
    /// 429 with a text body; with a `Retry-After` header when [`set_retry_after`] set one.
    ///
    /// [`set_retry_after`]: crate::EndorserDouble::set_retry_after
    Status429,
    /// Read the request, then close the connection without answering.
    Drop,
    /// 200 with a valid-looking JSON body over 2 MiB, chunked, with no `Content-Length`, so a
    /// client must count bytes to notice.
    Oversized,
    /// 200 with `Content-Type: application/json` and an HTML body.
    Malformed,
    /// 400 `{"error":"afterId parameter is required"}`, whatever the request held.
    ParameterError,
    /// 200 whose body stops short of its `Content-Length`, then the connection closes: a reset
    /// in the middle of the body.
    Truncated,
}

impl Fault {
    /// The names the binary's `--fail` flag and the control endpoint take.
    pub const NAMES: [(&'static str, Fault); 7] = [
        ("status500", Fault::Status500),
        ("status429", Fault::Status429),
        ("drop", Fault::Drop),
        ("oversized", Fault::Oversized),
        ("malformed", Fault::Malformed),
        ("parameterError", Fault::ParameterError),
        ("truncated", Fault::Truncated),
    ];

    /// Parses one of [`Fault::NAMES`]; `500` and `429` are accepted too.
    pub fn from_name(name: &str) -> Option<Fault> {
        match name {
            "500" => Some(Fault::Status500),
            "429" => Some(Fault::Status429),
            _ => Self::NAMES
                .iter()
                .find(|(n, _)| n.eq_ignore_ascii_case(name))
                .map(|(_, f)| *f),
        }
    }
}

/// One request the double received on a non-control path, in arrival order.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RecordedRequest {
    pub method: String,
    pub path: String,
    /// The `Authorization` header exactly as sent.
    pub authorization: Option<String>,
    /// The request body when it parsed as JSON.
    pub body: Option<Value>,
    /// The status answered; `None` when the connection was dropped on purpose.
    pub status: Option<u16>,
    /// The fault that answered this request, if one did.
    pub fault: Option<Fault>,
}

impl RecordedRequest {
    /// The bearer token sent, if any.
    pub fn bearer_token(&self) -> Option<&str> {
        crate::auth::bearer_token(self.authorization.as_deref())
    }
}

pub(crate) struct Switches {
    pub one_time_use: bool,
    /// Each token is good for exactly one request: it is used up when a request carrying it
    /// arrives and passes the token checks, before any fault, delay or parameter check, so a
    /// request answered 500, dropped or refused for its body uses it up too.
    pub strict_one_time_use: bool,
    /// Every token that passed so far; with `one_time_use` on, these fail from then on.
    pub accepted_tokens: HashSet<String>,
    pub rejected_tokens: HashSet<String>,
    pub faults: VecDeque<Fault>,
    pub delay: Duration,
    pub retry_after_seconds: Option<u64>,
    /// The message of a reuse refusal instead of the real server's wording (`None`): a client
    /// must not depend on the words.
    pub reuse_message: Option<String>,
    /// The server clock for token checks, seconds since the epoch; `None` follows the system.
    pub now_override: Option<i64>,
    pub record_limit: usize,
    pub requests: VecDeque<RecordedRequest>,
}

impl Switches {
    pub fn new(one_time_use: bool, record_limit: usize) -> Self {
        Switches {
            one_time_use,
            strict_one_time_use: false,
            accepted_tokens: HashSet::new(),
            rejected_tokens: HashSet::new(),
            faults: VecDeque::new(),
            delay: Duration::ZERO,
            retry_after_seconds: None,
            reuse_message: None,
            now_override: None,
            record_limit,
            requests: VecDeque::new(),
        }
    }

    pub fn record(&mut self, request: RecordedRequest) {
        if self.record_limit == 0 {
            return;
        }
        while self.requests.len() >= self.record_limit {
            self.requests.pop_front();
        }
        self.requests.push_back(request);
    }
}
