//! HTTPS with the double's own CA, plain HTTP, and shutting down.

mod common;

use std::net::TcpStream;
use std::time::{Duration, Instant};

use common::{client, report, start_http, start_https};
use reqwest::blocking::Client;

#[test]
fn https_works_for_a_client_that_trusts_only_the_ca() {
    let double = start_https();
    assert!(double.base_url().starts_with("https://127.0.0.1:"));
    let plan = double.add_plan("Plan A", "");
    let answer = report(&client(&double), &double, &[&plan.handle_id], "0", None);
    assert_eq!(answer.jwt_ids(), vec![plan.jwt_id]);
}

#[test]
fn https_works_with_the_platform_verifier_plus_the_ca_and_for_localhost() {
    let double = start_https();
    let pem = double.ca_cert_pem().unwrap();
    assert!(pem.starts_with("-----BEGIN CERTIFICATE-----"));
    let ca = reqwest::Certificate::from_pem(pem.as_bytes()).unwrap();
    let client = Client::builder()
        .no_proxy()
        .tls_certs_merge([ca])
        .build()
        .unwrap();
    let by_name = format!(
        "https://localhost:{}/__double/plans",
        double.local_addr().port()
    );
    for url in [format!("{}/__double/plans", double.base_url()), by_name] {
        let response = client
            .get(&url)
            .send()
            .unwrap_or_else(|e| panic!("{url}: {e:?}"));
        assert_eq!(response.status().as_u16(), 200, "{url}");
    }
}

#[test]
fn a_client_that_does_not_trust_the_ca_is_refused() {
    let double = start_https();
    let stranger = Client::builder().no_proxy().build().unwrap();
    let error = stranger
        .get(format!("{}/__double/plans", double.base_url()))
        .send()
        .unwrap_err();
    assert!(error.is_connect(), "{error:?}");

    let other = start_https();
    let trusts_other_ca = common::client(&other);
    assert!(
        trusts_other_ca
            .get(format!("{}/__double/plans", double.base_url()))
            .send()
            .is_err()
    );
}

#[test]
fn plain_http_has_no_ca() {
    let double = start_http();
    assert!(double.base_url().starts_with("http://127.0.0.1:"));
    assert!(double.ca_cert_der().is_none() && double.ca_cert_pem().is_none());
    let plan = double.add_plan("Plan A", "");
    let answer = report(&client(&double), &double, &[&plan.handle_id], "0", None);
    assert_eq!(answer.status, 200);
}

#[test]
fn dropping_the_double_stops_the_server_even_with_a_request_in_flight() {
    let double = start_https();
    let addr = double.local_addr();
    let http = client(&double);
    double.set_delay(Duration::from_secs(30));
    let url = double.report_url();
    let in_flight = std::thread::spawn(move || {
        http.post(url)
            .json(&serde_json::json!({"planIds": [], "afterId": "0"}))
            .send()
    });
    std::thread::sleep(Duration::from_millis(200));
    let dropped_at = Instant::now();
    drop(double);

    assert!(in_flight.join().unwrap().is_err());
    assert!(dropped_at.elapsed() < Duration::from_secs(5));
    assert!(TcpStream::connect_timeout(&addr, Duration::from_secs(2)).is_err());
}

#[test]
fn two_doubles_run_side_by_side_on_their_own_ports() {
    let one = start_http();
    let two = start_https();
    assert_ne!(one.local_addr().port(), two.local_addr().port());
    let a = one.add_plan("only in one", "");
    let answer = report(&client(&two), &two, &[&a.handle_id], "0", None);
    assert_eq!(answer.jwt_ids(), Vec::<String>::new());
}
