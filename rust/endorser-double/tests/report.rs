//! The report's selection, order, paging, row shape and parameter errors, over plain HTTP.

mod common;

use common::{client, fresh_token, post, report, start_http};
use endorser_double::{HANDLE_PREFIX, MAX_ROWS, PLAN_ISSUER_DID};
use serde_json::json;

#[test]
fn returns_only_the_plans_asked_for_newest_first() {
    let double = start_http();
    let a = double.add_plan("Plan A", "a");
    let b = double.add_plan("Plan B", "b");
    let c = double.add_plan("Plan C", "c");
    let _not_starred = double.add_plan("Plan D", "d");
    let a2 = double
        .update_plan(&a.handle_id, None, Some("a edited"))
        .unwrap();

    let answer = report(
        &client(&double),
        &double,
        &[&a.handle_id, &b.handle_id, &c.handle_id],
        "0",
        None,
    );

    assert_eq!(answer.status, 200);
    assert_eq!(answer.jwt_ids(), vec![a2, c.jwt_id, b.jwt_id]);
    assert!(!answer.hit_limit());
}

#[test]
fn handles_are_iris_of_the_first_version_and_ids_keep_increasing() {
    let double = start_http();
    let a = double.add_plan("Plan A", "a");
    assert_eq!(a.handle_id, format!("{HANDLE_PREFIX}{}", a.jwt_id));
    let b = double.add_plan("Plan B", "b");
    let a2 = double.update_plan(&a.handle_id, Some("A"), None).unwrap();
    let a3 = double.update_plan(&a.handle_id, Some("AA"), None).unwrap();
    assert!(a.jwt_id < b.jwt_id && b.jwt_id < a2 && a2 < a3);
    assert_eq!(a3.len(), 26);
    assert_eq!(double.plans()[0].jwt_id, a3);
}

#[test]
fn after_and_before_bounds_are_exclusive() {
    let double = start_http();
    let plans: Vec<_> = (0..4)
        .map(|n| double.add_plan(&format!("Plan {n}"), ""))
        .collect();
    let ids: Vec<&str> = plans.iter().map(|p| p.handle_id.as_str()).collect();
    let client = client(&double);

    let answer = report(
        &client,
        &double,
        &ids,
        &plans[0].jwt_id,
        Some(&plans[3].jwt_id),
    );
    assert_eq!(
        answer.jwt_ids(),
        vec![plans[2].jwt_id.clone(), plans[1].jwt_id.clone()]
    );

    let after_last = report(&client, &double, &ids, &plans[3].jwt_id, None);
    assert_eq!(after_last.jwt_ids(), Vec::<String>::new());
    assert!(!after_last.hit_limit());
}

#[test]
fn a_plan_counts_by_its_latest_version_only() {
    let double = start_http();
    let edited = double.add_plan("Edited", "v1");
    let cursor = double.add_plan("Untouched", "v1");
    let edited_v2 = double
        .update_plan(&edited.handle_id, None, Some("v2"))
        .unwrap();

    let client = client(&double);
    let ids = [edited.handle_id.as_str(), cursor.handle_id.as_str()];
    // The first version of `edited` is older than the cursor, its latest is newer.
    assert_eq!(
        report(&client, &double, &ids, &cursor.jwt_id, None).jwt_ids(),
        vec![edited_v2.clone()]
    );
    // Bounded above by the latest version: the older first version does not stand in for it.
    assert_eq!(
        report(&client, &double, &ids, "0", Some(&edited_v2)).jwt_ids(),
        vec![cursor.jwt_id]
    );
}

#[test]
fn paging_with_before_id_walks_every_row_once_and_hit_limit_marks_more() {
    let double = start_http();
    let plans: Vec<_> = (0..(2 * MAX_ROWS + 20))
        .map(|n| double.add_plan(&format!("Plan {n}"), ""))
        .collect();
    let ids: Vec<&str> = plans.iter().map(|p| p.handle_id.as_str()).collect();
    let client = client(&double);

    let mut seen = Vec::new();
    let mut before: Option<String> = None;
    let mut pages = Vec::new();
    loop {
        let page = report(&client, &double, &ids, "0", before.as_deref());
        let rows = page.jwt_ids();
        pages.push((rows.len(), page.hit_limit()));
        before = rows.last().cloned();
        seen.extend(rows);
        if !page.hit_limit() {
            break;
        }
    }

    assert_eq!(pages, vec![(MAX_ROWS, true), (MAX_ROWS, true), (20, false)]);
    let mut expected: Vec<String> = plans.iter().map(|p| p.jwt_id.clone()).collect();
    expected.reverse();
    assert_eq!(seen, expected);
}

#[test]
fn exactly_fifty_rows_do_not_hit_the_limit() {
    let double = start_http();
    let plans: Vec<_> = (0..MAX_ROWS)
        .map(|n| double.add_plan(&n.to_string(), ""))
        .collect();
    let ids: Vec<&str> = plans.iter().map(|p| p.handle_id.as_str()).collect();
    let answer = report(&client(&double), &double, &ids, "0", None);
    assert_eq!(answer.jwt_ids().len(), MAX_ROWS);
    assert!(!answer.hit_limit());
}

#[test]
fn a_row_has_the_servers_plan_fields() {
    let double = start_http();
    let plan = double.add_plan("Plan A", "initial");
    let answer = report(&client(&double), &double, &[&plan.handle_id], "0", None);
    let row = &answer.json()["data"][0];
    assert_eq!(
        row["plan"],
        json!({
            "jwtId": plan.jwt_id, "issuerDid": PLAN_ISSUER_DID, "agentDid": PLAN_ISSUER_DID,
            "handleId": plan.handle_id, "internalId": null, "name": "Plan A",
            "description": "initial", "image": null, "endTime": "2030-03-31T07:07:07Z",
            "startTime": "2026-01-01T00:00:00Z", "resultDescription": null,
            "resultIdentifier": null, "url": null, "locLat": 40.88, "locLon": -111.88,
            "fulfillsLinkConfirmed": 0, "fulfillsPlanHandleId": null
        })
    );
    assert!(
        row.get("wrappedClaimBefore").is_none(),
        "a single-version plan has no wrappedClaimBefore: {row}"
    );
}

#[test]
fn wrapped_claim_before_holds_the_previous_version() {
    let double = start_http();
    let plan = double.add_plan("Plan A", "initial");
    let v2 = double
        .update_plan(&plan.handle_id, None, Some("edited"))
        .unwrap();
    let client = client(&double);

    let answer = report(&client, &double, &[&plan.handle_id], &plan.jwt_id, None);
    let row = &answer.json()["data"][0];
    assert_eq!(row["plan"]["jwtId"], v2);
    assert_eq!(row["plan"]["description"], "edited");
    let before = &row["wrappedClaimBefore"];
    assert_eq!(before["id"], plan.jwt_id);
    assert_eq!(before["handleId"], plan.handle_id);
    assert_eq!(before["issuer"], PLAN_ISSUER_DID);
    assert_eq!(before["claimType"], "PlanAction");
    assert_eq!(before["claimContext"], "https://schema.org");
    assert_eq!(
        before["claim"],
        json!({"@type": "PlanAction", "name": "Plan A", "description": "initial"})
    );
    assert_eq!(before["lastClaimId"], json!(null));
    assert_eq!(before["claimCanonHash"].as_str().unwrap().len(), 43);
    let issued_at = before["issuedAt"].as_str().unwrap();
    assert!(
        issued_at.len() == 20 && issued_at.ends_with('Z'),
        "RFC 3339 to the second: {issued_at}"
    );

    let v3 = double
        .update_plan(&plan.handle_id, Some("Plan A2"), None)
        .unwrap();
    let answer = report(&client, &double, &[&plan.handle_id], "0", None);
    let row = &answer.json()["data"][0];
    assert_eq!(row["plan"]["jwtId"], v3);
    assert_eq!(row["plan"]["name"], "Plan A2");
    assert_eq!(row["wrappedClaimBefore"]["id"], v2);
    assert_eq!(row["wrappedClaimBefore"]["lastClaimId"], plan.jwt_id);
}

#[test]
fn unknown_or_empty_plan_ids_give_an_empty_answer() {
    let double = start_http();
    let plan = double.add_plan("Plan A", "");
    let client = client(&double);
    for ids in [
        vec![],
        vec![format!("{HANDLE_PREFIX}01UNKNOWN0000000000000000")],
    ] {
        let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
        let answer = report(&client, &double, &ids, "0", None);
        assert_eq!(answer.status, 200);
        assert_eq!(answer.json(), json!({"data": [], "hitLimit": false}));
    }
    // Repeating a plan id does not repeat its row.
    let twice = report(
        &client,
        &double,
        &[&plan.handle_id, &plan.handle_id],
        "0",
        None,
    );
    assert_eq!(twice.jwt_ids(), vec![plan.jwt_id]);
}

#[test]
fn parameter_errors_have_the_servers_string_shape() {
    let double = start_http();
    let client = client(&double);
    let auth = format!("Bearer {}", fresh_token());
    let cases = [
        (json!({"planIds": []}), "afterId parameter is required"),
        (
            json!({"planIds": [], "afterId": ""}),
            "afterId parameter is required",
        ),
        (
            json!({"planIds": [], "afterId": null}),
            "afterId parameter is required",
        ),
        (
            json!({"afterId": "0"}),
            "planIds array parameter is required",
        ),
        (
            json!({"planIds": "x", "afterId": "0"}),
            "planIds array parameter is required",
        ),
        // planIds is checked before afterId.
        (json!({}), "planIds array parameter is required"),
    ];
    for (body, error) in cases {
        let answer = post(&client, &double, Some(&auth), &body);
        assert_eq!(answer.status, 400, "{body}");
        assert_eq!(answer.json(), json!({"error": error}), "{body}");
    }
}

#[test]
fn a_body_not_declared_json_reads_as_empty() {
    let double = start_http();
    let response = client(&double)
        .post(double.report_url())
        .header("Content-Type", "text/plain")
        .body(r#"{"planIds": [], "afterId": "0"}"#)
        .send()
        .unwrap();
    assert_eq!(response.status().as_u16(), 400);
    assert_eq!(
        response.json::<serde_json::Value>().unwrap(),
        json!({"error": "planIds array parameter is required"})
    );
}

#[test]
fn other_paths_are_not_found_and_still_recorded() {
    let double = start_http();
    let client = client(&double);
    let response = client.get(double.report_url()).send().unwrap();
    assert_eq!(response.status().as_u16(), 404);
    let response = client
        .post(format!("{}/api/v2/report/plans", double.base_url()))
        .send()
        .unwrap();
    assert_eq!(response.status().as_u16(), 404);
    let recorded = double.requests();
    assert_eq!(recorded.len(), 2);
    assert_eq!(recorded[0].method, "GET");
    assert_eq!(recorded[1].path, "/api/v2/report/plans");
    assert_eq!(recorded[1].status, Some(404));
}
