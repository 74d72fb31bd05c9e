// Notifications: the plugin's few UNUserNotificationCenter operations, in blocking form for the
// plugin's and the background task's own queues (never the main thread). Every request this plugin
// adds has an identifier starting with "dnp." and the schedule's `source` (content, default,
// reminder) in its userInfo; which ones, and when, the core's schedule says.
import Foundation
import UserNotifications

enum Notifications {
    static let prefix = "dnp."
    private static let sourceKey = "dnpSource"

    private static var center: UNUserNotificationCenter { UNUserNotificationCenter.current() }

    /// Adds or replaces (same identifier) a request: at `date`, or at once when `date` is nil.
    /// `repeatsDaily` repeats it every day at `dailyAt` (`{hour, minute}`, the configured local
    /// time: after a spring-forward gap it differs from `date`'s), else at the date's.
    /// True when the notification center took the request (it shows it at `date`, or now).
    @discardableResult
    static func add(id: String, title: String, body: String, sound: Bool, at date: Date?, repeatsDaily: Bool,
                    dailyAt: [String: Any]? = nil, source: String) -> Bool {
        let content = UNMutableNotificationContent()
        content.title = title
        content.body = body
        content.sound = sound ? .default : nil
        content.userInfo = [sourceKey: source]
        var trigger: UNNotificationTrigger?
        if let date {
            trigger = UNCalendarNotificationTrigger(
                dateMatching: triggerComponents(at: date, repeatsDaily: repeatsDaily, dailyAt: dailyAt),
                repeats: repeatsDaily)
        }
        let done = DispatchSemaphore(value: 0)
        var added = false
        center.add(UNNotificationRequest(identifier: id, content: content, trigger: trigger)) { error in
            if let error {
                NSLog("DailyNotification: cannot add notification %@ (%@)", id, error.localizedDescription)
            }
            added = error == nil
            done.signal()
        }
        done.wait()
        return added
    }

    /// A one-shot request matches its full date; a repeating one the hour and minute only.
    static func triggerComponents(at date: Date, repeatsDaily: Bool, dailyAt: [String: Any]?) -> DateComponents {
        guard repeatsDaily else {
            return Calendar.current.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        }
        if let hour = dailyAt?["hour"] as? Int, let minute = dailyAt?["minute"] as? Int {
            return DateComponents(hour: hour, minute: minute)
        }
        return Calendar.current.dateComponents([.hour, .minute], from: date)
    }

    static func removePending(_ ids: [String]) {
        guard !ids.isEmpty else { return }
        center.removePendingNotificationRequests(withIdentifiers: ids)
    }

    static func removeDelivered(_ ids: [String]) {
        guard !ids.isEmpty else { return }
        center.removeDeliveredNotifications(withIdentifiers: ids)
    }

    static func pending() -> [UNNotificationRequest] {
        let done = DispatchSemaphore(value: 0)
        var requests: [UNNotificationRequest] = []
        center.getPendingNotificationRequests { found in
            requests = found.filter { $0.identifier.hasPrefix(Notifications.prefix) }
            done.signal()
        }
        done.wait()
        return requests
    }

    /// Removes the pending and delivered requests whose text the prefetch composed (source
    /// `content`): they name the user's starred projects (logout). The app's own texts stay.
    static func removeFetchedContent() {
        let fetched = { (request: UNNotificationRequest) in request.content.userInfo[sourceKey] as? String == "content" }
        removePending(pending().filter(fetched).map(\.identifier))
        removeDelivered(delivered().map(\.request).filter(fetched).map(\.identifier))
    }

    static func delivered() -> [UNNotification] {
        let done = DispatchSemaphore(value: 0)
        var notifications: [UNNotification] = []
        center.getDeliveredNotifications { found in
            notifications = found.filter { $0.request.identifier.hasPrefix(Notifications.prefix) }
            done.signal()
        }
        done.wait()
        return notifications
    }

    static func authorizationStatus() -> UNAuthorizationStatus {
        let done = DispatchSemaphore(value: 0)
        var status = UNAuthorizationStatus.notDetermined
        center.getNotificationSettings { settings in
            status = settings.authorizationStatus
            done.signal()
        }
        done.wait()
        return status
    }

    /// Asks for alert, sound and badge; the system shows its prompt only the first time. Does not
    /// block: `completion` runs once the user answered, on the notification center's queue.
    static func requestAuthorization(_ completion: @escaping @Sendable (Error?) -> Void) {
        center.requestAuthorization(options: [.alert, .sound, .badge]) { _, error in completion(error) }
    }

    /// `{ display, allPermissionsGranted }` as src-ts/definitions.ts has it.
    static func permissionStatus() -> [String: Any] {
        let display: String
        switch authorizationStatus() {
        case .authorized, .provisional, .ephemeral: display = "granted"
        case .denied: display = "denied"
        case .notDetermined: display = "prompt"
        @unknown default: display = "prompt"
        }
        return ["display": display, "allPermissionsGranted": display == "granted"]
    }
}
