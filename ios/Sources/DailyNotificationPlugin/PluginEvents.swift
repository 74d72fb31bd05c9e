// PluginEvents: the payloads of the plugin's events for the app's JavaScript listeners
// (src-ts/definitions.ts, "Events"; tests/web/bridge-contract.json "events"), sent with Capacitor's
// CAPPlugin.notifyListeners (CAPPlugin.h:22-23) by DailyNotificationPlugin.send. Foundation only:
// also compiled and run on Linux (tests/ios/linux).
import Foundation

enum PluginEvents {
    static let notificationTapped = "notificationTapped"
    static let permissionChanged = "permissionChanged"
    static let prefetchFinished = "prefetchFinished"

    /// The request ids the core gives the plugin's notifications (rust/core/src/schedule/shapes.rs).
    static let reminderPrefix = "dnp.reminder."
    static let pluginPrefix = "dnp."

    /// The tap on request `identifier` of `source` (its userInfo's schedule source: content,
    /// default, reminder) naming `planIds` (fetched content), shown at `shownAt` (RFC 3339); nil
    /// for a request that is not the plugin's.
    static func tap(identifier: String, source: String?, planIds: [String] = [], shownAt: String) -> [String: Any]? {
        guard identifier.hasPrefix(pluginPrefix) else { return nil }
        let kind: String
        switch source {
        case "reminder", "default": kind = source ?? "content"
        case nil where identifier.hasPrefix(reminderPrefix): kind = "reminder"
        default: kind = "content"
        }
        var payload: [String: Any] = ["kind": kind, "id": identifier, "shownAt": shownAt,
                                      "planIds": kind == "content" ? planIds : [String]()]
        if kind == "reminder", identifier.hasPrefix(reminderPrefix) {
            payload["reminderId"] = String(identifier.dropFirst(reminderPrefix.count))
        }
        return payload
    }

    /// A prefetch of the refresh task ended while the app's process was alive.
    static func prefetchFinished(outcome: String, changedPlans: Int, at: String) -> [String: Any] {
        ["outcome": outcome, "changedPlans": changedPlans, "by": "task", "at": at]
    }
}
