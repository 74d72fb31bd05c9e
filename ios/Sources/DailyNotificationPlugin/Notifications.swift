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
    /// `repeatsDaily` repeats it at the date's hour and minute.
    /// True when the notification center took the request (it shows it at `date`, or now).
    @discardableResult
    static func add(id: String, title: String, body: String, sound: Bool, at date: Date?, repeatsDaily: Bool,
                    source: String) -> Bool {
        let content = UNMutableNotificationContent()
        content.title = title
        content.body = body
        content.sound = sound ? .default : nil
        content.userInfo = [sourceKey: source]
        var trigger: UNNotificationTrigger?
        if let date {
            let components: Set<Calendar.Component> = repeatsDaily
                ? [.hour, .minute]
                : [.year, .month, .day, .hour, .minute, .second]
            trigger = UNCalendarNotificationTrigger(
                dateMatching: Calendar.current.dateComponents(components, from: date), repeats: repeatsDaily)
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
}
