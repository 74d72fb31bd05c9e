//! The HTTP(S) side: accepting connections, routing, and the report endpoint as the real server
//! answers it (body parsing, then the token, then the parameters, then the report).

use std::collections::VecDeque;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use bytes::Bytes;
use http_body_util::{BodyExt as _, Either, Full, Limited};
use hyper::body::{Body as HttpBody, Frame, Incoming};
use hyper::header::{AUTHORIZATION, CONTENT_TYPE, HeaderValue, RETRY_AFTER};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Method, Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use serde_json::{Value, json};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::oneshot;
use tokio_rustls::TlsAcceptor;

use crate::state::Shared;
use crate::switches::{Fault, RecordedRequest};
use crate::{REPORT_PATH, control};

/// Largest request body read; the real server's JSON limit is of the same order.
const REQUEST_BODY_LIMIT: usize = 4 * 1024 * 1024;
/// Size of the [`Fault::Oversized`] answer: over the 2 MiB a client should accept.
pub(crate) const OVERSIZED_BODY_BYTES: usize = 2 * 1024 * 1024 + 64 * 1024;

pub(crate) type Body = Either<Full<Bytes>, Chunks>;

/// Returned by the service to make hyper close the connection without writing an answer.
#[derive(Debug)]
pub(crate) struct Hangup;

impl std::fmt::Display for Hangup {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("connection dropped on purpose (Fault::Drop)")
    }
}

impl std::error::Error for Hangup {}

/// A body sent in pieces with no length, so hyper writes it chunked.
/// A body sent chunk by chunk; with `then_fail`, it fails after the last chunk, which makes hyper
/// abort the connection in the middle of the body.
pub(crate) struct Chunks(VecDeque<Bytes>, bool);

impl HttpBody for Chunks {
    type Data = Bytes;
    type Error = std::io::Error;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        _cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, std::io::Error>>> {
        match self.0.pop_front() {
            Some(chunk) => Poll::Ready(Some(Ok(Frame::data(chunk)))),
            None if self.1 => {
                self.1 = false;
                Poll::Ready(Some(Err(std::io::Error::other("truncated on purpose"))))
            }
            None => Poll::Ready(None),
        }
    }

    fn is_end_stream(&self) -> bool {
        self.0.is_empty() && !self.1
    }
}

pub(crate) async fn serve(
    listener: std::net::TcpListener,
    tls: Option<TlsAcceptor>,
    shared: Arc<Shared>,
    mut shutdown: oneshot::Receiver<()>,
) {
    let listener = match TcpListener::from_std(listener) {
        Ok(listener) => listener,
        Err(e) => {
            log::error!("endorser-double cannot listen: {e}");
            return;
        }
    };
    loop {
        tokio::select! {
            _ = &mut shutdown => break,
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => {
                    tokio::spawn(connection(stream, tls.clone(), Arc::clone(&shared)));
                }
                Err(e) => {
                    // Out of descriptors and the like: back off instead of spinning.
                    log::warn!("endorser-double accept failed: {e}");
                    tokio::time::sleep(Duration::from_millis(10)).await;
                }
            },
        }
    }
}

async fn connection(stream: TcpStream, tls: Option<TlsAcceptor>, shared: Arc<Shared>) {
    let _ = stream.set_nodelay(true);
    match tls {
        None => serve_http(TokioIo::new(stream), shared).await,
        Some(acceptor) => match acceptor.accept(stream).await {
            Ok(stream) => serve_http(TokioIo::new(stream), shared).await,
            Err(e) => log::debug!("endorser-double TLS handshake failed: {e}"),
        },
    }
}

async fn serve_http<I>(io: I, shared: Arc<Shared>)
where
    I: hyper::rt::Read + hyper::rt::Write + Unpin + Send + 'static,
{
    let service = service_fn(move |request| handle(Arc::clone(&shared), request));
    if let Err(e) = http1::Builder::new().serve_connection(io, service).await {
        log::debug!("endorser-double connection ended: {e}");
    }
}

async fn handle(shared: Arc<Shared>, request: Request<Incoming>) -> Result<Response<Body>, Hangup> {
    if request.uri().path().starts_with(control::PREFIX) {
        return Ok(control::handle(&shared, request).await);
    }
    api(&shared, request).await
}

pub(crate) fn json_response(status: StatusCode, body: &Value) -> Response<Body> {
    let mut response = Response::new(Either::Left(Full::new(Bytes::from(body.to_string()))));
    *response.status_mut() = status;
    response.headers_mut().insert(
        CONTENT_TYPE,
        HeaderValue::from_static("application/json; charset=utf-8"),
    );
    response
}

/// Reads a request body the way the server's JSON body parser does: a body that is not declared
/// JSON, or is empty, reads as `{}`; declared JSON that does not parse is an error.
pub(crate) async fn read_json_body(
    request: Request<Incoming>,
) -> (Option<Value>, Result<Value, String>) {
    let declared_json = request
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.to_ascii_lowercase().contains("json"));
    let bytes = match Limited::new(request.into_body(), REQUEST_BODY_LIMIT)
        .collect()
        .await
    {
        Ok(collected) => collected.to_bytes(),
        Err(e) => return (None, Err(format!("request body unreadable: {e}"))),
    };
    let parsed = serde_json::from_slice::<Value>(&bytes);
    let recorded = parsed.as_ref().ok().cloned();
    let effective = if !declared_json || bytes.iter().all(u8::is_ascii_whitespace) {
        Ok(json!({}))
    } else {
        match parsed {
            Ok(v) if v.is_object() || v.is_array() => Ok(v),
            Ok(_) => Err("SyntaxError: a JSON body must be an object or an array".to_owned()),
            Err(e) => Err(format!("SyntaxError: {e}")),
        }
    };
    (recorded, effective)
}

async fn api(shared: &Shared, request: Request<Incoming>) -> Result<Response<Body>, Hangup> {
    let is_report = request.method() == Method::POST && request.uri().path() == REPORT_PATH;
    let mut record = RecordedRequest {
        method: request.method().to_string(),
        path: request.uri().path().to_owned(),
        authorization: request
            .headers()
            .get(AUTHORIZATION)
            .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned()),
        body: None,
        status: None,
        fault: None,
    };
    let (parsed, body) = read_json_body(request).await;
    record.body = parsed;

    let answer = if is_report {
        report(shared, &mut record, body).await
    } else {
        Ok(json_response(
            StatusCode::NOT_FOUND,
            &json!({"error": "Not Found"}),
        ))
    };
    record.status = answer.as_ref().ok().map(|r| r.status().as_u16());
    shared.record(record);
    answer
}

async fn report(
    shared: &Shared,
    record: &mut RecordedRequest,
    body: Result<Value, String>,
) -> Result<Response<Body>, Hangup> {
    // Strict one-time use: the token is judged (and used up) on arrival, whatever follows.
    let judged = shared
        .strict_one_time_use()
        .then(|| shared.authenticate(record.authorization.as_deref()));
    let misbehaviour = shared.misbehaviour_for_request();
    if !misbehaviour.delay.is_zero() {
        tokio::time::sleep(misbehaviour.delay).await;
    }
    if let Some(fault) = misbehaviour.fault {
        record.fault = Some(fault);
        return fault_answer(fault, misbehaviour.retry_after_seconds);
    }
    let body = match body {
        Ok(body) => body,
        Err(message) => {
            return Ok(json_response(
                StatusCode::BAD_REQUEST,
                &json!({"error": message}),
            ));
        }
    };
    let judged = judged.unwrap_or_else(|| shared.authenticate(record.authorization.as_deref()));
    let hide_dids = match judged {
        Ok(hide_dids) => hide_dids,
        Err(message) => {
            return Ok(json_response(
                StatusCode::BAD_REQUEST,
                &json!({"error": {"message": message, "code": "JWT_VERIFY_FAILED"}}),
            ));
        }
    };
    Ok(report_answer(shared, &body, hide_dids))
}

/// JavaScript truthiness, which is what the server's `if (!afterId)` tests.
fn truthy(value: Option<&Value>) -> Option<&Value> {
    value.filter(|v| match v {
        Value::Null => false,
        Value::Bool(b) => *b,
        Value::Number(n) => n.as_f64().is_some_and(|f| f != 0.0 && !f.is_nan()),
        Value::String(s) => !s.is_empty(),
        Value::Array(_) | Value::Object(_) => true,
    })
}

/// An id as the database compares it: strings as they are, anything else as its JSON text.
fn id_text(value: &Value) -> String {
    value
        .as_str()
        .map_or_else(|| value.to_string(), str::to_owned)
}

fn report_answer(shared: &Shared, body: &Value, hide_dids: bool) -> Response<Body> {
    let Some(plan_ids) = body.get("planIds").and_then(Value::as_array) else {
        return json_response(
            StatusCode::BAD_REQUEST,
            &json!({"error": "planIds array parameter is required"}),
        );
    };
    let Some(after_id) = truthy(body.get("afterId")).map(id_text) else {
        return json_response(
            StatusCode::BAD_REQUEST,
            &json!({"error": "afterId parameter is required"}),
        );
    };
    let before_id = truthy(body.get("beforeId")).map(id_text);
    let plan_ids: Vec<&str> = plan_ids.iter().filter_map(Value::as_str).collect();
    let report = shared.report(&plan_ids, &after_id, before_id.as_deref(), hide_dids);
    json_response(
        StatusCode::OK,
        &json!({"data": report.rows, "hitLimit": report.hit_limit}),
    )
}

fn fault_answer(fault: Fault, retry_after_seconds: Option<u64>) -> Result<Response<Body>, Hangup> {
    match fault {
        Fault::Status500 => Ok(json_response(
            StatusCode::INTERNAL_SERVER_ERROR,
            &json!("Internal error"),
        )),
        Fault::Status429 => {
            let mut response = Response::new(Either::Left(Full::new(Bytes::from_static(
                b"Too many requests, please try again later.",
            ))));
            *response.status_mut() = StatusCode::TOO_MANY_REQUESTS;
            let headers = response.headers_mut();
            headers.insert(
                CONTENT_TYPE,
                HeaderValue::from_static("text/plain; charset=utf-8"),
            );
            if let Some(seconds) = retry_after_seconds {
                headers.insert(RETRY_AFTER, HeaderValue::from(seconds));
            }
            Ok(response)
        }
        Fault::Drop => Err(Hangup),
        Fault::Oversized => {
            let mut response = Response::new(Either::Right(oversized_body()));
            response.headers_mut().insert(
                CONTENT_TYPE,
                HeaderValue::from_static("application/json; charset=utf-8"),
            );
            Ok(response)
        }
        Fault::Malformed => {
            let mut response = Response::new(Either::Left(Full::new(Bytes::from_static(
                b"<!DOCTYPE html><html><head><title>Endorser</title></head>\
                  <body><h1>Service temporarily unavailable</h1></body></html>",
            ))));
            response.headers_mut().insert(
                CONTENT_TYPE,
                HeaderValue::from_static("application/json; charset=utf-8"),
            );
            Ok(response)
        }
        Fault::ParameterError => Ok(json_response(
            StatusCode::BAD_REQUEST,
            &json!({"error": "afterId parameter is required"}),
        )),
        Fault::Truncated => {
            // Enough bytes (512 KiB, under any client's cap) that hyper has flushed the head and
            // part of the body before it sees the failure.
            let mut chunks = VecDeque::from([Bytes::from_static(br#"{"data":[{"plan":{"name":""#)]);
            chunks.extend((0..8).map(|_| Bytes::from(vec![b'x'; 64 * 1024])));
            let mut response = Response::new(Either::Right(Chunks(chunks, true)));
            response.headers_mut().insert(
                CONTENT_TYPE,
                HeaderValue::from_static("application/json; charset=utf-8"),
            );
            Ok(response)
        }
    }
}

/// A well-formed report whose rows carry long descriptions, in 64 KiB chunks.
fn oversized_body() -> Chunks {
    let description = "x".repeat(8 * 1024);
    let mut text = String::with_capacity(OVERSIZED_BODY_BYTES + 16 * 1024);
    text.push_str(r#"{"data":["#);
    let mut n = 0u32;
    while text.len() < OVERSIZED_BODY_BYTES {
        if n > 0 {
            text.push(',');
        }
        let handle = format!("https://endorser.ch/entity/01OVERSIZED{n:015}");
        let row = json!({"plan": {
            "jwtId": format!("01OVERSIZED{n:015}"),
            "issuerDid": crate::HIDDEN_DID,
            "agentDid": crate::HIDDEN_DID,
            "handleId": handle,
            "name": format!("Oversized {n}"),
            "description": description,
        }});
        text.push_str(&row.to_string());
        n += 1;
    }
    text.push_str(r#"],"hitLimit":false}"#);
    let bytes = Bytes::from(text);
    let chunks = (0..bytes.len())
        .step_by(64 * 1024)
        .map(|start| bytes.slice(start..(start + 64 * 1024).min(bytes.len())))
        .collect();
    Chunks(chunks, false)
}
