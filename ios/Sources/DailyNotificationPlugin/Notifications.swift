// Notifications: the plugin's few UNUserNotificationCenter operations, in blocking form for the
// plugin's and the background task's own queues (never the main thread). Every request this plugin
// adds has an identifier starting with "dnp." and a `kind` in its userInfo.
import Foundation
import UserNotifications

enum Notifications {
    static let prefix = "dnp."
    private static let kindKey = "dnpKind"

    enum Kind: String {
        /// Text fetched by the prefetch.
        case content
        /// The dual schedule's own title and body (fallbackBehavior show_default).
        case fallback
        /// A static daily reminder.
        case reminder
    }

    private static var center: UNUserNotificationCenter { UNUserNotificationCenter.current() }

    /// Adds or replaces (same identifier) a request: at `date`, or at once when `date` is nil.
    /// A reminder repeats daily at the date's time of day.
    /// True when the notification center took the request (it shows it at `date`, or now).
    @discardableResult
    static func add(id: String, title: String, body: String, sound: Bool, at date: Date?, kind: Kind) -> Bool {
        let content = UNMutableNotificationContent()
        content.title = title
        content.body = body
        content.sound = sound ? .default : nil
        content.userInfo = [kindKey: kind.rawValue]
        var trigger: UNNotificationTrigger?
        if let date {
            let components: Set<Calendar.Component> = kind == .reminder
                ? [.hour, .minute]
                : [.year, .month, .day, .hour, .minute]
            trigger = UNCalendarNotificationTrigger(
                dateMatching: Calendar.current.dateComponents(components, from: date), repeats: kind == .reminder)
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

    static func pendingRequests() -> [UNNotificationRequest] {
        let done = DispatchSemaphore(value: 0)
        var requests: [UNNotificationRequest] = []
        center.getPendingNotificationRequests { found in
            requests = found.filter { $0.identifier.hasPrefix(Notifications.prefix) }
            done.signal()
        }
        done.wait()
        return requests
    }

    static func pendingIds() -> [String] {
        pendingRequests().map(\.identifier)
    }

    static func pendingKind(_ id: String) -> Kind? {
        pendingRequests().first { $0.identifier == id }
            .flatMap { ($0.content.userInfo[kindKey] as? String).flatMap(Kind.init(rawValue:)) }
    }

    static func removePending(_ ids: [String]) {
        guard !ids.isEmpty else { return }
        center.removePendingNotificationRequests(withIdentifiers: ids)
    }

    static func removeDelivered(_ ids: [String]) {
        guard !ids.isEmpty else { return }
        center.removeDeliveredNotifications(withIdentifiers: ids)
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

    /// Asks for alert, sound and badge; the system shows its prompt only the first time.
    static func requestAuthorization() -> Result<Bool, Error> {
        let done = DispatchSemaphore(value: 0)
        var result: Result<Bool, Error> = .success(false)
        center.requestAuthorization(options: [.alert, .sound, .badge]) { granted, error in
            if let error {
                result = .failure(error)
            } else {
                result = .success(granted)
            }
            done.signal()
        }
        done.wait()
        return result
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

    /// The next fire date of the plugin's pending requests, or nil.
    static func nextFireDate() -> Date? {
        pendingRequests().compactMap { request -> Date? in
            (request.trigger as? UNCalendarNotificationTrigger)?.nextTriggerDate()
        }.min()
    }
}
