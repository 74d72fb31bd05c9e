// DualSchedule: the "New Activity" schedule (fetch at T−5 min, notify at T, daily) as iOS can run
// it: the configuration in UserDefaults, the next fetch as a BGAppRefreshTask request, and one
// notification request per day identified by its occurrence, so that a late or repeated prefetch
// replaces that day's notification instead of adding a second one.
import BackgroundTasks
import Foundation
import UserNotifications

/// A time of day from a five-field cron expression. iOS schedules only `M H * * *` (plain numbers):
/// a BGTaskScheduler request and a calendar trigger both need one local time of day.
struct DailyTime: Equatable {
    let hour: Int
    let minute: Int

    init?(cron: String) {
        let fields = cron.split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard fields.count == 5, fields[2...].allSatisfy({ $0 == "*" }),
              let minute = Int(fields[0]), let hour = Int(fields[1]),
              (0...59).contains(minute), (0...23).contains(hour) else { return nil }
        self.hour = hour
        self.minute = minute
    }

    /// The first instant strictly after `date` at this local time of day.
    func next(after date: Date, calendar: Calendar = .current) -> Date {
        let match = DateComponents(hour: hour, minute: minute, second: 0)
        return calendar.nextDate(after: date, matching: match, matchingPolicy: .nextTime) ?? date.addingTimeInterval(86_400)
    }
}

/// A validated `DualScheduleConfiguration` (src-ts/definitions.ts), plus the raw object for status.
struct DualScheduleConfig {
    let raw: [String: Any]
    let fetchEnabled: Bool
    let fetchTime: DailyTime
    let notifyTime: DailyTime
    let title: String
    let body: String
    let sound: Bool
    /// How late a prefetch may still deliver to its occurrence (relationship.contentTimeout).
    let contentTimeout: TimeInterval
    let showDefault: Bool

    static let defaultContentTimeout: TimeInterval = 30 * 60

    init(_ raw: [String: Any]) throws {
        func invalid(_ message: String) -> NativeCoreError {
            NativeCoreError(code: "INVALID_ARGUMENT", message: message)
        }
        guard let fetch = raw["contentFetch"] as? [String: Any],
              let enabled = fetch["enabled"] as? Bool,
              let fetchCron = fetch["schedule"] as? String else {
            throw invalid("config.contentFetch needs enabled (boolean) and schedule (cron)")
        }
        guard let notification = raw["userNotification"] as? [String: Any],
              let notifyCron = notification["schedule"] as? String,
              let title = notification["title"] as? String,
              let body = notification["body"] as? String else {
            throw invalid("config.userNotification needs schedule (cron), title and body")
        }
        guard let fetchTime = DailyTime(cron: fetchCron), let notifyTime = DailyTime(cron: notifyCron) else {
            throw invalid("iOS schedules daily cron expressions \"M H * * *\" only")
        }
        if let url = fetch["url"] as? String, !url.isEmpty {
            throw NativeCoreError(code: "UNIMPLEMENTED", message: "contentFetch.url is not supported on iOS; omit it to use the native fetcher")
        }
        let relationship = raw["relationship"] as? [String: Any] ?? [:]
        let timeoutMillis = (relationship["contentTimeout"] as? NSNumber)?.doubleValue
        if let timeoutMillis, timeoutMillis < 0 || timeoutMillis > 86_400_000 {
            throw invalid("config.relationship.contentTimeout must be an integer from 0 to 86400000 (milliseconds, at most a day)")
        }
        let fallback = relationship["fallbackBehavior"] as? String ?? "skip"
        guard fallback == "skip" || fallback == "show_default" else {
            throw invalid("config.relationship.fallbackBehavior must be \"skip\" or \"show_default\"")
        }
        self.raw = raw
        self.fetchEnabled = enabled
        self.fetchTime = fetchTime
        self.notifyTime = notifyTime
        self.title = title
        self.body = body
        self.sound = notification["sound"] as? Bool ?? true
        self.contentTimeout = timeoutMillis.map { $0 / 1000 } ?? Self.defaultContentTimeout
        self.showDefault = fallback == "show_default"
    }
}

enum DualSchedule {
    private static let configKey = "com.timesafari.dailynotification.dualSchedule"
    private static let nextFetchKey = "com.timesafari.dailynotification.nextFetchAt"
    /// Identifiers `dnp.dual.<yyyyMMdd-HHmm>`: one request per occurrence.
    static let idPrefix = "dnp.dual."
    /// A fallback is armed this many days ahead, so it survives days without a background run.
    private static let armedDays = 7

    static func load() -> DualScheduleConfig? {
        guard let data = UserDefaults.standard.data(forKey: configKey),
              let raw = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return nil }
        return try? DualScheduleConfig(raw)
    }

    static func save(_ config: DualScheduleConfig) throws {
        let data = try JSONSerialization.data(withJSONObject: config.raw)
        UserDefaults.standard.set(data, forKey: configKey)
    }

    static var nextFetchAt: Date? {
        UserDefaults.standard.object(forKey: nextFetchKey) as? Date
    }

    /// Replaces the schedule (scheduleDualNotification / updateDualScheduleConfig).
    static func replace(with config: DualScheduleConfig, now: Date = Date()) throws {
        try save(config)
        Notifications.removePending(Notifications.pendingIds().filter { $0.hasPrefix(idPrefix) })
        rearm(now: now)
    }

    static func cancel() {
        UserDefaults.standard.removeObject(forKey: configKey)
        UserDefaults.standard.removeObject(forKey: nextFetchKey)
        BGTaskScheduler.shared.cancel(taskRequestWithIdentifier: BackgroundPrefetch.taskIdentifier)
        Notifications.removePending(Notifications.pendingIds().filter { $0.hasPrefix(idPrefix) })
    }

    /// Keeps the chain alive: the next fetch request and the fallback notifications. Runs on every
    /// launch, schedule change and background run.
    static func rearm(now: Date = Date()) {
        guard let config = load() else { return }
        if config.fetchEnabled {
            submitFetch(at: config.fetchTime.next(after: now))
        }
        guard config.showDefault || !config.fetchEnabled else { return }
        let pending = Set(Notifications.pendingIds())
        var occurrence = now
        for _ in 0..<armedDays {
            occurrence = config.notifyTime.next(after: occurrence)
            let id = occurrenceId(occurrence)
            if !pending.contains(id) {
                Notifications.add(id: id, title: config.title, body: config.body, sound: config.sound,
                                  at: occurrence, kind: .fallback)
            }
        }
    }

    private static func submitFetch(at date: Date) {
        let request = BGAppRefreshTaskRequest(identifier: BackgroundPrefetch.taskIdentifier)
        request.earliestBeginDate = date
        do {
            // Same identifier: replaces the pending request.
            try BGTaskScheduler.shared.submit(request)
            UserDefaults.standard.set(date, forKey: nextFetchKey)
        } catch {
            NSLog("DailyNotification: cannot submit the background prefetch (%@)", error.localizedDescription)
        }
    }

    /// Turns one prefetch's outcome into that day's notification. True when its content was
    /// handed to the notification center.
    @discardableResult
    static func apply(_ result: PrefetchResult, now: Date) -> Bool {
        guard let config = load(), config.fetchEnabled else { return false }
        // The occurrence this fetch serves: the next notification, or one that passed no longer
        // ago than the content timeout (iOS may run the task late).
        let occurrence = config.notifyTime.next(after: now.addingTimeInterval(-config.contentTimeout))
        let id = occurrenceId(occurrence)
        switch result.outcome {
        case "ok":
            guard let title = result.title, let body = result.body else { return false }
            if occurrence > now {
                return Notifications.add(id: id, title: title, body: body, sound: config.sound, at: occurrence, kind: .content)
            } else {
                // Late: a fallback may already be on screen for this occurrence; replace it.
                Notifications.removeDelivered([id])
                return Notifications.add(id: id, title: title, body: body, sound: config.sound, at: nil, kind: .content)
            }
        case "no_changes":
            // Nothing new: no "No updates" notification. Content from an earlier run stays.
            if occurrence > now, Notifications.pendingKind(id) == .fallback {
                Notifications.removePending([id])
            }
        default:
            // not_configured, no_plans, no_token, retry, failed: the fallback (if any) stands.
            break
        }
        return false
    }

    static func occurrenceId(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.calendar = Calendar(identifier: .gregorian)
        formatter.dateFormat = "yyyyMMdd-HHmm"
        return idPrefix + formatter.string(from: date)
    }

    /// `getDualScheduleStatus`, with `lastPrefetch` from the core's status.
    static func status(now: Date = Date()) -> [String: Any] {
        let config = load()
        let lastPrefetch = (try? NativeCore.object(NativeCore.status(now: now)))?["lastPrefetch"] ?? NSNull()
        let nextFetch = config?.fetchEnabled == true ? nextFetchAt.map(rfc3339) : nil
        let nextNotification = config.map { rfc3339($0.notifyTime.next(after: now)) }
        return [
            "scheduled": config != nil,
            "config": orNull(config?.raw),
            "nextFetchAt": orNull(nextFetch),
            "nextNotificationAt": orNull(nextNotification),
            "lastPrefetch": lastPrefetch,
        ]
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
