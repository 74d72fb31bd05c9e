// Schedule: the iOS executor of the core's schedule (rust/core/src/schedule, docs/core-contract.md
// "Schedule"). Every event (a plugin call, a background prefetch, a launch, a time or zone change)
// goes to the core with the stored state, TimeZone.current and the time; the core answers the new
// state, the actions and the status. This file stores the state as given and runs exactly the
// actions listed (notification requests, the BGAppRefreshTask request): it decides nothing itself.
import BackgroundTasks
import Foundation

enum Schedule {
    /// Where earlier versions kept the state (UserDefaults is backed up): moved once to the file.
    private static let legacyStateKey = "com.timesafari.dailynotification.schedule"
    /// Plugin calls and the background task may overlap: one event at a time.
    private static let lock = NSRecursiveLock()

    /// A plugin call: its method name and options, passed to the core as they are.
    @discardableResult
    static func call(_ method: String, _ options: [AnyHashable: Any]?, now: Date = Date()) throws -> [String: Any] {
        var json: [String: Any] = [:]
        for (key, value) in options ?? [:] {
            if let key = key as? String { json[key] = value }
        }
        return try handle(["type": method, "options": json], now: now)
    }

    /// load, timeChange, permissionChange: logged, never thrown.
    static func rearm(_ type: String, now: Date = Date()) {
        do {
            try handle(["type": type], now: now)
        } catch let error as NativeCoreError {
            NSLog("DailyNotification: re-arming (%@) failed: %@", type, error.code)
        } catch {
            NSLog("DailyNotification: re-arming (%@) failed", type)
        }
    }

    /// Sends `event` to the core, stores the state it returns, runs its actions, returns its status.
    @discardableResult
    static func handle(_ event: [String: Any], now: Date = Date()) throws -> [String: Any] {
        var contentHandedOver = false
        return try handle(event, now: now, contentHandedOver: &contentHandedOver)
    }

    /// `handle`, answering whether the notification center took a request showing fetched content
    /// (source `content`): then its changes may be acknowledged to the core.
    static func handleReportingContent(_ event: [String: Any], now: Date = Date()) throws -> Bool {
        var contentHandedOver = false
        try handle(event, now: now, contentHandedOver: &contentHandedOver)
        return contentHandedOver
    }

    @discardableResult
    private static func handle(_ event: [String: Any], now: Date, contentHandedOver: inout Bool) throws -> [String: Any] {
        lock.lock()
        defer { lock.unlock() }
        // Text that is not JSON goes as a string: the core reports it (stateReset) and starts empty.
        let data = StateFile.read()
        let stored: Any = data.map { d in
            (try? JSONSerialization.jsonObject(with: d)) ?? (String(data: d, encoding: .utf8) ?? "")
        } ?? NSNull()
        // The plugin's requests iOS really has: the core re-adds what it lost (backup restore,
        // removeAllPendingNotificationRequests by the app or another plugin, adds refused before
        // permission), on every event.
        let request: [String: Any] = [
            "platform": "ios", "zone": TimeZone.current.identifier, "now": NativeCore.millis(now),
            "state": stored, "pendingIds": Notifications.pending().map(\.identifier), "event": event,
        ]
        let answer = try NativeCore.object(NativeCore.schedule(NativeCore.json(request)))
        if answer["stateReset"] as? Bool == true {
            NSLog("DailyNotification: stored schedule state unreadable; started empty")
        }
        if let state = answer["state"] {
            try StateFile.write(JSONSerialization.data(withJSONObject: state))
        }
        for action in answer["actions"] as? [[String: Any]] ?? [] {
            if try run(action, now: now), action["source"] as? String == "content" {
                contentHandedOver = true
            }
        }
        return answer["status"] as? [String: Any] ?? [:]
    }

    /// Runs one action; true when it handed a request to the notification center.
    private static func run(_ a: [String: Any], now: Date) throws -> Bool {
        let ids = a["ids"] as? [String] ?? []
        switch a["type"] as? String {
        case "addRequest":
            return Notifications.add(id: a["id"] as? String ?? "", title: a["title"] as? String ?? "", body: a["body"] as? String ?? "",
                              sound: a["sound"] as? Bool ?? true, at: date(a["at"]),
                              repeatsDaily: a["repeatsDaily"] as? Bool ?? false, dailyAt: a["dailyAt"] as? [String: Any],
                              source: a["source"] as? String ?? "", planIds: a["planIds"] as? [String] ?? [])
        case "post":
            let added = Notifications.add(id: a["tag"] as? String ?? "", title: a["title"] as? String ?? "", body: a["body"] as? String ?? "",
                                          sound: a["sound"] as? Bool ?? true, at: nil, repeatsDaily: false, source: a["source"] as? String ?? "",
                                          planIds: a["planIds"] as? [String] ?? [])
            if added {
                try handle(["type": "shown", "occurrence": a["occurrence"] ?? 0, "source": a["source"] ?? "content"], now: now)
            }
            return added
        case "removePending":
            Notifications.removePending(ids)
        case "removeDelivered":
            Notifications.removeDelivered(ids)
        case "clearShown":
            Notifications.removeDelivered(Notifications.delivered().map(\.request.identifier))
        case "submitFetch":
            if let at = date(a["at"]) { BackgroundPrefetch.submit(at: at) }
        case "cancelAllFetches":
            BGTaskScheduler.shared.cancel(taskRequestWithIdentifier: BackgroundPrefetch.taskIdentifier)
        default:
            // An Android action, or one of a newer core: nothing to do here.
            NSLog("DailyNotification: schedule action not run on iOS: %@", a["type"] as? String ?? "?")
        }
        return false
    }

    private static func date(_ millis: Any?) -> Date? {
        (millis as? NSNumber).map { Date(timeIntervalSince1970: $0.doubleValue / 1000) }
    }

    /// The state, in Application Support/DailyNotification/schedule/state.json: excluded from
    /// backups (fetched titles and bodies in it name the user's projects) and readable after the
    /// first unlock (refresh tasks run while the device is locked). After a restore to a new
    /// device it is gone, like the fetcher's store: the app schedules and configures again.
    private enum StateFile {
        static func url() throws -> URL {
            let base = try FileManager.default.url(
                for: .applicationSupportDirectory, in: .userDomainMask, appropriateFor: nil, create: true)
            var dir = base.appendingPathComponent("DailyNotification/schedule", isDirectory: true)
            try FileManager.default.createDirectory(
                at: dir, withIntermediateDirectories: true,
                attributes: [.protectionKey: FileProtectionType.completeUntilFirstUserAuthentication])
            var values = URLResourceValues()
            values.isExcludedFromBackup = true
            try dir.setResourceValues(values)
            return dir.appendingPathComponent("state.json")
        }

        static func read() -> Data? {
            if let legacy = UserDefaults.standard.data(forKey: legacyStateKey) {
                if (try? write(legacy)) != nil { UserDefaults.standard.removeObject(forKey: legacyStateKey) }
                return legacy
            }
            return (try? url()).flatMap { try? Data(contentsOf: $0) }
        }

        static func write(_ data: Data) throws {
            try data.write(to: url(), options: [.atomic, .completeFileProtectionUntilFirstUserAuthentication])
        }
    }
}

/// JSON null for a missing value in a resolved object.
func orNull(_ value: Any?) -> Any {
    value ?? NSNull()
}

func rfc3339(_ date: Date) -> String {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime]
    return formatter.string(from: date)
}
