// getDiagnostics on iOS: "will my notification come, and if not, why?". Gathers what only iOS
// knows (notification authorization, Background App Refresh, Low Power Mode, whether the app
// registered the background task, the next fetch and notification), hands those facts to the core,
// which adds its own status and decides the verdict (rust/core diagnosis.rs, shared with Android).
import Foundation
import UIKit

enum DeliveryDiagnostics {
    /// The schedule's next instants, as RFC 3339 strings or nil.
    struct Instants {
        let scheduled: Bool
        let fetchEnabled: Bool
        let nextFetchAt: String?
        let nextNotificationAt: String?
    }

    /// The ONE place that reads the next fetch and notify instants: the core's schedule status (the
    /// dual schedule and the reminders together).
    static func scheduleInstants(now: Date = Date()) -> Instants {
        let status = (try? Schedule.handle(["type": "status"], now: now)) ?? [:]
        let dual = status["dual"] as? [String: Any] ?? [:]
        let notifications = status["notifications"] as? [String: Any] ?? [:]
        let config = dual["config"] as? [String: Any]
        let fetchEnabled = (config?["contentFetch"] as? [String: Any])?["enabled"] as? Bool ?? false
        return Instants(
            scheduled: notifications["isScheduled"] as? Bool ?? false,
            fetchEnabled: fetchEnabled,
            nextFetchAt: fetchEnabled ? dual["nextFetchAt"] as? String : nil,
            nextNotificationAt: notifications["nextNotificationAt"] as? String)
    }

    /// UIApplication is @MainActor; the plugin's calls run on the core's queue (never the main one,
    /// so the sync hop cannot deadlock). `assumeIsolated` back-deploys to iOS 13 with Xcode 16's
    /// compiler, which Capacitor 8 requires.
    private static func backgroundRefresh() -> String {
        let read = { MainActor.assumeIsolated { UIApplication.shared.backgroundRefreshStatus } }
        let status = Thread.isMainThread ? read() : DispatchQueue.main.sync(execute: read)
        switch status {
        case .available: return "available"
        case .denied: return "denied"
        case .restricted: return "restricted"
        @unknown default: return "restricted"
        }
    }

    static func collect() throws -> [String: Any] {
        let instants = scheduleInstants()
        let permission = Notifications.permissionStatus()["display"] as? String ?? "prompt"
        let refresh = backgroundRefresh()
        let lowPower = ProcessInfo.processInfo.isLowPowerModeEnabled
        let registered = BackgroundPrefetch.isRegistered
        let facts: [String: Any] = [
            "notificationsPermitted": permission == "granted",
            "backgroundRefresh": refresh,
            "lowPowerMode": lowPower,
            "backgroundTaskRegistered": registered,
            "notificationScheduled": instants.scheduled,
            "fetchScheduled": instants.fetchEnabled,
        ]
        let core = try NativeCore.object(NativeCore.diagnose(NativeCore.json(facts)))
        return [
            "platform": "ios",
            "willNotify": core["willNotify"] ?? false,
            "freshContentExpected": core["freshContentExpected"] ?? false,
            "reasons": core["reasons"] ?? [Any](),
            "notificationPermission": permission,
            "channelEnabled": NSNull(),
            "exactAlarms": NSNull(),
            "standbyBucket": NSNull(),
            "backgroundRefresh": refresh,
            "lowPowerMode": lowPower,
            "backgroundTaskRegistered": registered,
            "nextFetchAt": orNull(instants.nextFetchAt),
            "nextNotificationAt": orNull(instants.nextNotificationAt),
            "fetcher": core["fetcher"] ?? NSNull(),
        ]
    }
}
