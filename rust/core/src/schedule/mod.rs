//! The schedule, decided once for every platform: validation of the dual schedule and of daily
//! reminders, the daily "M H * * *" rule, local-time arithmetic in the device's IANA zone (DST
//! gaps and overlaps), and what each event (a plugin call, an alarm, a finished prefetch, a boot,
//! a clock change) means for the alarms, background fetches and notifications. Android and iOS
//! persist the state this returns and run its actions; they decide nothing themselves.
//!
//! The JSON shapes are in docs/core-contract.md ("Schedule"); the shared vectors are
//! tests/vectors/schedule.json.

mod android;
pub mod config;
pub mod daily;
mod ios;
pub mod plan;
pub mod shapes;

pub use config::{DualConfig, Reminder};
pub use daily::{DailyTime, Millis, Zone};
pub use plan::{Action, Event, Platform, Request, Response, State, apply};
