// Schedule: the iOS executor of the core's schedule (rust/core/src/schedule, docs/core-contract.md
// "Schedule"). Every event (a plugin call, a background prefetch, a launch, a time or zone change)
// goes to the core with the stored state, TimeZone.current and the time; the core answers the new
// state, the actions and the status. This file stores the state as given and runs exactly the
// actions listed (notification requests, the BGAppRefreshTask request): it decides nothing itself.
import BackgroundTasks
import Foundation

enum Schedule {
    /// The state: in UserDefaults, backed up, so a restore brings the schedules back (the re-arm
    /// then adds the requests iOS did not restore). It names no project: fetched text is in the
    /// private state.
    private static let stateKey = "com.timesafari.dailynotification.schedule"
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

    /// Launch, foreground, the refresh task, a permission answer: `permissionChange` (a full
    /// re-arm, and the app's permissionChanged event) when the notification permission differs from the one last seen (a grant in
    /// Settings), else `load` (adds back only what iOS lost). The zone is re-read first: the cached
    /// TimeZone.current may predate a change made while the app was suspended.
    static func rearmOnEntry(now: Date = Date()) {
        NSTimeZone.resetSystemTimeZone()
        let display = Notifications.permissionStatus()["display"] as? String ?? "prompt"
        let key = "com.timesafari.dailynotification.lastPermission"
        let last = UserDefaults.standard.string(forKey: key)
        UserDefaults.standard.set(display, forKey: key)
        let changed = last != nil && last != display
        rearm(changed ? "permissionChange" : "load", now: now)
        if changed {
            // The app's permissionChanged listeners, when the plugin is loaded.
            DailyNotificationPlugin.send(PluginEvents.permissionChanged, ["display": display])
        }
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
        let stored: Any = UserDefaults.standard.data(forKey: stateKey).map { d in
            (try? JSONSerialization.jsonObject(with: d)) ?? (String(data: d, encoding: .utf8) ?? "")
        } ?? NSNull()
        // `pendingIds`: the plugin's requests iOS really has. The core re-adds what it lost (backup
        // restore, removeAllPendingNotificationRequests by the app or another plugin, adds refused
        // before permission) and removes what its state does not account for, on every event.
        let request: [String: Any] = [
            "platform": "ios", "zone": TimeZone.current.identifier, "now": NativeCore.millis(now),
            "state": stored, "privateState": try PrivateStateFile.read() ?? NSNull(),
            "pendingIds": Notifications.pending().map(\.identifier), "event": event,
        ]
        let answer = try NativeCore.object(NativeCore.schedule(NativeCore.json(request)))
        if answer["stateReset"] as? Bool == true {
            NSLog("DailyNotification: stored schedule state unreadable; started empty")
        }
        if let state = answer["state"] {
            UserDefaults.standard.set(try JSONSerialization.data(withJSONObject: state), forKey: stateKey)
        }
        if let privateState = answer["privateState"] {
            try PrivateStateFile.write(JSONSerialization.data(withJSONObject: privateState))
        }
        var shown: [[String: Any]] = []
        for action in answer["actions"] as? [[String: Any]] ?? [] {
            guard try run(action) else { continue }
            if action["source"] as? String == "content" { contentHandedOver = true }
            if action["type"] as? String == "post" {
                shown.append(["type": "shown", "occurrence": action["occurrence"] ?? 0, "source": action["source"] ?? "content"])
            }
        }
        // Reported once every action ran: a nested event in between would see requests not yet
        // added as lost.
        for event in shown {
            try handle(event, now: now)
        }
        return answer["status"] as? [String: Any] ?? [:]
    }

    /// Runs one action; true when it handed a request to the notification center.
    private static func run(_ a: [String: Any]) throws -> Bool {
        let ids = a["ids"] as? [String] ?? []
        switch a["type"] as? String {
        case "addRequest":
            return Notifications.add(id: a["id"] as? String ?? "", title: a["title"] as? String ?? "", body: a["body"] as? String ?? "",
                              sound: a["sound"] as? Bool ?? true, at: date(a["at"]),
                              repeatsDaily: a["repeatsDaily"] as? Bool ?? false, dailyAt: a["dailyAt"] as? [String: Any],
                              source: a["source"] as? String ?? "", planIds: a["planIds"] as? [String] ?? [])
        case "post":
            return Notifications.add(id: a["tag"] as? String ?? "", title: a["title"] as? String ?? "", body: a["body"] as? String ?? "",
                                     sound: a["sound"] as? Bool ?? true, at: nil, repeatsDaily: false, source: a["source"] as? String ?? "",
                                     planIds: a["planIds"] as? [String] ?? [])
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

    /// The core's `privateState` (the fetched title and body armed ahead, which name the user's
    /// projects), in Application Support/DailyNotification/schedule/private.json: excluded from
    /// backups and readable after the first unlock (refresh tasks run while the device is locked).
    private enum PrivateStateFile {
        /// Set once the directory exists (guarded by Schedule.lock, held by every caller): each
        /// event reads and writes the file, and need not create the directory twice over.
        nonisolated(unsafe) private static var known: URL?

        static func url() throws -> URL {
            if let known { return known }
            let file = try NativeCore.deviceOnlyDirectory("schedule").appendingPathComponent("private.json")
            known = file
            return file
        }

        /// nil when there is none; a file that exists but cannot be read is an error (the event
        /// fails rather than overwrite it with nothing).
        static func read() throws -> Any? {
            let file = try url()
            guard FileManager.default.fileExists(atPath: file.path) else { return nil }
            let data = try Data(contentsOf: file)
            // Not JSON: sent as text, which the core reads as empty (the default stands).
            return (try? JSONSerialization.jsonObject(with: data)) ?? String(decoding: data, as: UTF8.self)
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
