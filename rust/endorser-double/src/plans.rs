//! The double's plans and the `plansLastUpdatedBetween` report over them.
//!
//! Every plan version gets a jwtId from one monotonic ULID generator, as on the real server, so
//! "newer" is plain string order across all plans. A plan's handle is the IRI built from its first
//! version's jwtId (the real server does the same: the handle of a claim chain is its first id).

use std::collections::{HashMap, HashSet};
use std::time::SystemTime;

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde_json::{Value, json};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

/// Prefix of every plan handle IRI.
pub const HANDLE_PREFIX: &str = "https://endorser.ch/entity/";
/// The issuer and agent of every plan the double holds.
pub const PLAN_ISSUER_DID: &str = "did:ethr:0xB7f4aF1F7C0C7C27D6aB5a1B1C1e83c0b0d5Bd00";
/// What the real server puts in place of every DID when the caller sent no token.
pub const HIDDEN_DID: &str = "did:none:HIDDEN";
/// Most rows one report answer holds; `hitLimit` tells that more exist.
pub const MAX_ROWS: usize = 50;

/// A plan as the caller of the double sees it: its handle and its latest version's jwtId.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Plan {
    pub handle_id: String,
    pub jwt_id: String,
}

struct Version {
    jwt_id: String,
    issued_at: String,
    name: String,
    description: String,
}

struct PlanRecord {
    handle_id: String,
    versions: Vec<Version>,
}

impl PlanRecord {
    fn latest(&self) -> &Version {
        self.versions.last().expect("a plan always has a version")
    }

    fn as_plan(&self) -> Plan {
        Plan {
            handle_id: self.handle_id.clone(),
            jwt_id: self.latest().jwt_id.clone(),
        }
    }
}

/// The rows of one report answer, before they are written as JSON.
pub(crate) struct Report {
    pub rows: Vec<Value>,
    pub hit_limit: bool,
}

#[derive(Default)]
pub(crate) struct PlanBook {
    ids: ulid::Generator,
    by_handle: HashMap<String, PlanRecord>,
    handles_in_creation_order: Vec<String>,
}

impl PlanBook {
    fn next_version(&mut self, name: &str, description: &str) -> Version {
        let now = SystemTime::now();
        let id = match self.ids.generate_from_datetime(now) {
            Ok(id) => id,
            Err(overflow) => overflow.commit_overflow_increment(),
        };
        Version {
            jwt_id: id.to_string(),
            issued_at: rfc3339_seconds(now),
            name: name.to_owned(),
            description: description.to_owned(),
        }
    }

    pub fn add(&mut self, name: &str, description: &str) -> Plan {
        let first = self.next_version(name, description);
        let handle_id = format!("{HANDLE_PREFIX}{}", first.jwt_id);
        let record = PlanRecord {
            handle_id: handle_id.clone(),
            versions: vec![first],
        };
        let plan = record.as_plan();
        self.handles_in_creation_order.push(handle_id.clone());
        self.by_handle.insert(handle_id, record);
        plan
    }

    /// Adds a version; a `None` field keeps the latest version's value. `None` when unknown.
    pub fn edit(
        &mut self,
        handle_id: &str,
        name: Option<&str>,
        description: Option<&str>,
    ) -> Option<String> {
        let latest = self.by_handle.get(handle_id)?.latest();
        let name = name.unwrap_or(&latest.name).to_owned();
        let description = description.unwrap_or(&latest.description).to_owned();
        let version = self.next_version(&name, &description);
        let jwt_id = version.jwt_id.clone();
        self.by_handle.get_mut(handle_id)?.versions.push(version);
        Some(jwt_id)
    }

    pub fn all(&self) -> Vec<Plan> {
        self.handles_in_creation_order
            .iter()
            .map(|handle| self.by_handle[handle].as_plan())
            .collect()
    }

    /// Plans among `plan_ids` whose latest jwtId is strictly between the bounds, newest first.
    pub fn report(
        &self,
        plan_ids: &[&str],
        after_id: &str,
        before_id: Option<&str>,
        hide_dids: bool,
    ) -> Report {
        let wanted: HashSet<&str> = plan_ids.iter().copied().collect();
        let mut found: Vec<&PlanRecord> = wanted
            .into_iter()
            .filter_map(|handle| self.by_handle.get(handle))
            .filter(|plan| {
                let id = plan.latest().jwt_id.as_str();
                id > after_id && before_id.is_none_or(|before| id < before)
            })
            .collect();
        found.sort_by(|a, b| b.latest().jwt_id.cmp(&a.latest().jwt_id));
        let hit_limit = found.len() > MAX_ROWS;
        let rows = found
            .into_iter()
            .take(MAX_ROWS)
            .map(|plan| row(plan, hide_dids))
            .collect();
        Report { rows, hit_limit }
    }
}

fn row(plan: &PlanRecord, hide_dids: bool) -> Value {
    let did = if hide_dids {
        HIDDEN_DID
    } else {
        PLAN_ISSUER_DID
    };
    let latest = plan.latest();
    let mut row = json!({
        "plan": {
            "jwtId": latest.jwt_id,
            "issuerDid": did,
            "agentDid": did,
            "handleId": plan.handle_id,
            "internalId": null,
            "name": latest.name,
            "description": latest.description,
            "image": null,
            "endTime": "2030-03-31T07:07:07Z",
            "startTime": "2026-01-01T00:00:00Z",
            "resultDescription": null,
            "resultIdentifier": null,
            "url": null,
            "locLat": 40.88,
            "locLon": -111.88,
            "fulfillsLinkConfirmed": 0,
            "fulfillsPlanHandleId": null,
        }
    });
    // The reference: the newest earlier version, absent (not null) when there is none.
    let n = plan.versions.len();
    if n >= 2 {
        let previous = &plan.versions[n - 2];
        // An edit names the version it replaces, so the previous version points one further back.
        let last_claim_id = (n >= 3).then(|| plan.versions[n - 3].jwt_id.as_str());
        row["wrappedClaimBefore"] = wrapped_claim(plan, previous, last_claim_id, did);
    }
    row
}

fn wrapped_claim(
    plan: &PlanRecord,
    version: &Version,
    last_claim_id: Option<&str>,
    did: &str,
) -> Value {
    let claim = json!({
        "@type": "PlanAction",
        "name": version.name,
        "description": version.description,
    });
    let canon = serde_json::to_vec(&claim).expect("a JSON value serializes");
    let hash = aws_lc_rs::digest::digest(&aws_lc_rs::digest::SHA256, &canon);
    json!({
        "id": version.jwt_id,
        "issuedAt": version.issued_at,
        "issuer": did,
        "subject": null,
        "claimContext": "https://schema.org",
        "claimType": "PlanAction",
        "claim": claim,
        "handleId": plan.handle_id,
        "lastClaimId": last_claim_id,
        "claimCanonHash": URL_SAFE_NO_PAD.encode(hash.as_ref()),
        "noncedHashAllChain": null,
    })
}

fn rfc3339_seconds(at: SystemTime) -> String {
    let at = OffsetDateTime::from(at);
    let at = at.replace_nanosecond(0).unwrap_or(at);
    at.format(&Rfc3339).unwrap_or_default()
}
