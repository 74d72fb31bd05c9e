// ForegroundPresentation: shows the plugin's notifications while the app is in the foreground.
// Capacitor's NotificationRouter is the UNUserNotificationCenter delegate; for a local notification
// it asks its `localNotificationHandler` and presents nothing when there is none, so without this a
// notification due while the app is open is silently dropped. The plugin registers itself as that
// handler and keeps whatever handler was there before (e.g. @capacitor/local-notifications'): that
// handler is asked first, and the plugin presents only its own requests ("dnp." ids) that it did not
// claim. A handler registered later replaces this one (the router keeps one), and then decides alone.
// It also hears the taps (didReceive), which the plugin sends to the app's notificationTapped
// listeners; the router calls it for a tap that launched the app too.
import Capacitor
import Foundation
import UserNotifications

final class ForegroundPresentation: NSObject, NotificationHandlerProtocol {
    /// The handler that was registered before; the router holds handlers weakly, so does this.
    private weak var previous: NotificationHandlerProtocol?

    /// Registers with the bridge's router. The plugin keeps the returned object alive.
    static func install(on router: NotificationRouter) -> ForegroundPresentation {
        let presenter = ForegroundPresentation()
        presenter.previous = router.localNotificationHandler
        router.localNotificationHandler = presenter
        return presenter
    }

    func willPresent(notification: UNNotification) -> UNNotificationPresentationOptions {
        Self.options(for: notification.request, claimedBy: previous?.willPresent(notification: notification))
    }

    /// A tap on one of the plugin's notifications (its payload, PluginEvents.tap): set by the plugin.
    var onTap: (([String: Any]) -> Void)?

    /// The user acted on a notification: a tap (the default action) on one of the plugin's is
    /// reported; every response also goes to the handler that was there before.
    func didReceive(response: UNNotificationResponse) {
        let request = response.notification.request
        if response.actionIdentifier == UNNotificationDefaultActionIdentifier,
           let tap = PluginEvents.tap(identifier: request.identifier,
                                      source: Notifications.source(of: request),
                                      planIds: Notifications.planIds(of: request),
                                      shownAt: rfc3339(response.notification.date)) {
            onTap?(tap)
        }
        previous?.didReceive(response: response)
    }

    /// What to present: another handler's non-empty answer wins; otherwise the plugin's own
    /// requests show as a banner, in the list, with their sound (none when the request has none).
    static func options(for request: UNNotificationRequest, claimedBy other: UNNotificationPresentationOptions?)
        -> UNNotificationPresentationOptions
    {
        if let other, !other.isEmpty { return other }
        guard request.identifier.hasPrefix(Notifications.prefix) else { return other ?? [] }
        return [.banner, .list, .sound]
    }
}
