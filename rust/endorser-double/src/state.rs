//! The state one double shares between its server thread, its handle and its control endpoints.
//! Two locks, never held together: the plans, and the switches with the request log.

use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use crate::Error;
use crate::auth;
use crate::plans::{Plan, PlanBook, Report};
use crate::switches::{Fault, RecordedRequest, Switches};

pub(crate) struct Shared {
    plans: Mutex<PlanBook>,
    switches: Mutex<Switches>,
}

/// A test that panicked while holding a lock must not take the rest of the double down with it.
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

fn system_now_seconds() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

/// How the double misbehaves for one report request, taken when the request arrives.
pub(crate) struct Misbehaviour {
    pub delay: Duration,
    pub fault: Option<Fault>,
    pub retry_after_seconds: Option<u64>,
}

impl Shared {
    pub fn new(one_time_use: bool, record_limit: usize) -> Self {
        Shared {
            plans: Mutex::new(PlanBook::default()),
            switches: Mutex::new(Switches::new(one_time_use, record_limit)),
        }
    }

    pub fn strict_one_time_use(&self) -> bool {
        self.with_switches(|s| s.strict_one_time_use)
    }

    pub fn add_plan(&self, name: &str, description: &str) -> Plan {
        lock(&self.plans).add(name, description)
    }

    pub fn edit_plan(
        &self,
        handle_id: &str,
        name: Option<&str>,
        description: Option<&str>,
    ) -> Result<String, Error> {
        lock(&self.plans)
            .edit(handle_id, name, description)
            .ok_or_else(|| Error::UnknownPlan(handle_id.to_owned()))
    }

    pub fn plans(&self) -> Vec<Plan> {
        lock(&self.plans).all()
    }

    pub fn report(
        &self,
        plan_ids: &[&str],
        after_id: &str,
        before_id: Option<&str>,
        hide_dids: bool,
    ) -> Report {
        lock(&self.plans).report(plan_ids, after_id, before_id, hide_dids)
    }

    pub fn with_switches<R>(&self, f: impl FnOnce(&mut Switches) -> R) -> R {
        f(&mut lock(&self.switches))
    }

    pub fn fail_next(&self, n: usize, fault: Fault) {
        self.with_switches(|s| s.faults.extend(std::iter::repeat_n(fault, n)));
    }

    /// Takes the delay and the next fault for one report request.
    pub fn misbehaviour_for_request(&self) -> Misbehaviour {
        self.with_switches(|s| Misbehaviour {
            delay: s.delay,
            fault: s.faults.pop_front(),
            retry_after_seconds: s.retry_after_seconds,
        })
    }

    /// Judges the `Authorization` header: `Ok(true)` when DIDs must be hidden (no usable bearer
    /// token), `Ok(false)` for a token that passed, `Err(message)` for a `JWT_VERIFY_FAILED`.
    pub fn authenticate(&self, header: Option<&str>) -> Result<bool, String> {
        let Some(token) = auth::bearer_token(header) else {
            return Ok(true);
        };
        self.with_switches(|s| {
            let now = s.now_override.unwrap_or_else(system_now_seconds);
            auth::check_token(token, now, !s.rejected_tokens.contains(token))?;
            if (s.one_time_use || s.strict_one_time_use) && s.accepted_tokens.contains(token) {
                return Err(s
                    .reuse_message
                    .clone()
                    .unwrap_or_else(|| auth::ALREADY_USED.to_owned()));
            }
            s.accepted_tokens.insert(token.to_owned());
            Ok(false)
        })
    }

    pub fn record(&self, request: RecordedRequest) {
        self.with_switches(|s| s.record(request));
    }

    pub fn requests(&self) -> Vec<RecordedRequest> {
        self.with_switches(|s| s.requests.iter().cloned().collect())
    }
}
