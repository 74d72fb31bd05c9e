// PrefetchResult: what the background task needs of the core's prefetch answer. Foundation only:
// also compiled and run on Linux against the real core (tests/ios/linux).
import Foundation

/// The parts of the core's PrefetchResult (docs/core-contract.md) the notification step needs.
struct PrefetchResult {
    let outcome: String
    let title: String?
    let body: String?
    /// With a notification: what `acknowledgeDelivery` takes once it is handed to the OS.
    let cursor: String?

    init(json: [String: Any]) {
        outcome = json["outcome"] as? String ?? "failed"
        let notification = json["notification"] as? [String: Any]
        title = notification?["title"] as? String
        body = notification?["body"] as? String
        cursor = json["cursor"] as? String
    }

    /// What the scheduler is told: `retry` and `failed` are failures (docs/core-contract.md).
    var isSuccess: Bool { outcome != "retry" && outcome != "failed" }
}
