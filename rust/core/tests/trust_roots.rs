//! When the platform's trust roots are loaded: at the first TLS handshake that needs them, once
//! per process, never for a plain-http (loopback) prefetch. Its own test binary, so the process-wide
//! count starts at zero and no other test moves it.

mod support;

use std::time::Duration;

use daily_notification_core::{HttpSettings, Outcome, tls};
use endorser_double::{EndorserDouble, Options};
use support::*;

fn configured(double: &EndorserDouble, store: &Store) -> daily_notification_core::Fetcher {
    let plan = double.add_plan("Plan", "initial").handle_id;
    let f = store.open();
    let mut opts = options(&live_pool(5, 90));
    opts.api_base_url = double.base_url();
    opts.starred_plan_ids = Some(vec![plan]);
    // A cursor below every id, so the first prefetch reports the plan instead of only
    // establishing the cursor.
    opts.after_id = Some(BEFORE_ALL.into());
    f.configure(&opts, now()).unwrap();
    f
}

#[test]
fn trust_roots_load_at_the_first_tls_handshake_and_once_per_process() {
    // Plain http: the client is built and used, and no root is read.
    let http = EndorserDouble::start(Options::default()).unwrap();
    let store = Store::new();
    let f = configured(&http, &store);
    assert_eq!(f.prefetch(now()).unwrap().outcome, Outcome::Ok);
    assert_eq!(tls::trust_root_loads(), 0, "plain http loaded trust roots");

    // HTTPS with the double's CA on top of the platform's: loaded at the handshake.
    let https = EndorserDouble::start(Options {
        tls: true,
        ..Default::default()
    })
    .unwrap();
    let store = Store::new();
    let f = configured(&https, &store);
    trust(&f, &https);
    assert_eq!(
        tls::trust_root_loads(),
        0,
        "building the client loaded roots"
    );
    assert_eq!(f.prefetch(now()).unwrap().outcome, Outcome::Ok);
    assert_eq!(tls::trust_root_loads(), 1);

    // Other timeouts rebuild the client, not the roots; a second handshake reuses them.
    f.set_http_settings(HttpSettings {
        connect_timeout: Duration::from_secs(5),
        extra_roots_pem: https.ca_cert_pem().into_iter().collect(),
        ..Default::default()
    });
    let other_store = Store::new();
    let again = configured(&https, &other_store);
    trust(&again, &https);
    assert_eq!(again.prefetch(now()).unwrap().outcome, Outcome::Ok);
    // Nothing was acknowledged, so the same change is reported again, over the reused roots.
    let r = f.prefetch(now()).unwrap();
    assert_eq!((r.outcome, r.http_status), (Outcome::Ok, Some(200)));
    assert_eq!(
        tls::trust_root_loads(),
        1,
        "roots loaded twice in one process"
    );
}

#[test]
fn a_bad_extra_root_fails_the_prefetch_before_any_connection() {
    let https = EndorserDouble::start(Options {
        tls: true,
        ..Default::default()
    })
    .unwrap();
    let store = Store::new();
    let f = configured(&https, &store);
    f.set_http_settings(HttpSettings {
        extra_roots_pem: vec!["not a certificate".into()],
        ..Default::default()
    });
    let r = f.prefetch(now()).unwrap();
    assert_eq!((r.outcome, r.http_status), (Outcome::Failed, None));
    assert!(r.message.unwrap().contains("bad extra root certificate"));
    assert!(https.requests().is_empty(), "a request reached the server");
}
