// Declarations (test tree only, never run) of the UserNotifications API the plugin uses, as Swift
// imports it from the iOS 18 SDK. Source: developer.apple.com/documentation/usernotifications/<symbol>.
// Completion handlers are @Sendable (the SDK's NS_SWIFT_SENDABLE blocks) and, as every Objective-C
// import, @preconcurrency (warnings in Swift 5 mode, errors in Swift 6); the async forms are the
// ones Swift synthesises from them.
import Foundation

private func declarationOnly() -> Never { fatalError("declaration only") }

// .../unauthorizationstatus
public enum UNAuthorizationStatus: Int, @unchecked Sendable {
    case notDetermined = 0
    case denied = 1
    case authorized = 2
    case provisional = 3
    case ephemeral = 4
}

// .../unauthorizationoptions
public struct UNAuthorizationOptions: OptionSet, @unchecked Sendable {
    public let rawValue: UInt
    public init(rawValue: UInt) { self.rawValue = rawValue }
    public static var badge: UNAuthorizationOptions { declarationOnly() }
    public static var sound: UNAuthorizationOptions { declarationOnly() }
    public static var alert: UNAuthorizationOptions { declarationOnly() }
    public static var carPlay: UNAuthorizationOptions { declarationOnly() }
    public static var criticalAlert: UNAuthorizationOptions { declarationOnly() }
    public static var providesAppNotificationSettings: UNAuthorizationOptions { declarationOnly() }
    public static var provisional: UNAuthorizationOptions { declarationOnly() }
}

// .../unnotificationpresentationoptions
public struct UNNotificationPresentationOptions: OptionSet, @unchecked Sendable {
    public let rawValue: UInt
    public init(rawValue: UInt) { self.rawValue = rawValue }
    public static var badge: UNNotificationPresentationOptions { declarationOnly() }
    public static var sound: UNNotificationPresentationOptions { declarationOnly() }
    @available(iOS, deprecated: 14.0, message: "Use -list and -banner instead.")
    public static var alert: UNNotificationPresentationOptions { declarationOnly() }
    public static var list: UNNotificationPresentationOptions { declarationOnly() }
    public static var banner: UNNotificationPresentationOptions { declarationOnly() }
}

// .../unnotificationsound
open class UNNotificationSound: NSObject, @unchecked Sendable {
    open class var `default`: UNNotificationSound { declarationOnly() }
}

// .../unnotificationcontent (immutable; the properties are readonly copies)
open class UNNotificationContent: NSObject, @unchecked Sendable {
    open var title: String { declarationOnly() }
    open var body: String { declarationOnly() }
    open var userInfo: [AnyHashable: Any] { declarationOnly() }
    open var sound: UNNotificationSound? { declarationOnly() }
    open var badge: NSNumber? { declarationOnly() }
}

// .../unmutablenotificationcontent
open class UNMutableNotificationContent: UNNotificationContent {
    override public init() { declarationOnly() }
    override open var title: String { get { declarationOnly() } set { declarationOnly() } }
    override open var body: String { get { declarationOnly() } set { declarationOnly() } }
    override open var userInfo: [AnyHashable: Any] { get { declarationOnly() } set { declarationOnly() } }
    override open var sound: UNNotificationSound? { get { declarationOnly() } set { declarationOnly() } }
    override open var badge: NSNumber? { get { declarationOnly() } set { declarationOnly() } }
}

// .../unnotificationtrigger
open class UNNotificationTrigger: NSObject, @unchecked Sendable {
    open var repeats: Bool { declarationOnly() }
}

// .../uncalendarnotificationtrigger
open class UNCalendarNotificationTrigger: UNNotificationTrigger {
    public convenience init(dateMatching dateComponents: DateComponents, repeats: Bool) { declarationOnly() }
    open var dateComponents: DateComponents { declarationOnly() }
    open func nextTriggerDate() -> Date? { declarationOnly() }
}

// .../untimeintervalnotificationtrigger
open class UNTimeIntervalNotificationTrigger: UNNotificationTrigger {
    public convenience init(timeInterval: TimeInterval, repeats: Bool) { declarationOnly() }
}

// .../unnotificationrequest
open class UNNotificationRequest: NSObject, @unchecked Sendable {
    public convenience init(identifier: String, content: UNNotificationContent, trigger: UNNotificationTrigger?) {
        declarationOnly()
    }
    open var identifier: String { declarationOnly() }
    open var content: UNNotificationContent { declarationOnly() }
    open var trigger: UNNotificationTrigger? { declarationOnly() }
}

// .../unnotification
open class UNNotification: NSObject, @unchecked Sendable {
    open var date: Date { declarationOnly() }
    open var request: UNNotificationRequest { declarationOnly() }
}

// .../unnotificationresponse
open class UNNotificationResponse: NSObject, @unchecked Sendable {
    open var notification: UNNotification { declarationOnly() }
    open var actionIdentifier: String { declarationOnly() }
}

// .../unnotificationdefaultactionidentifier
public let UNNotificationDefaultActionIdentifier: String = "com.apple.UNNotificationDefaultActionIdentifier"

// .../unnotificationsettings
open class UNNotificationSettings: NSObject, @unchecked Sendable {
    open var authorizationStatus: UNAuthorizationStatus { declarationOnly() }
}

// .../unusernotificationcenterdelegate (the plugin never adopts it: Capacitor's router is the
// delegate; declared for NotificationRouter's conformance)
public protocol UNUserNotificationCenterDelegate: NSObjectProtocol {}

// .../unusernotificationcenter
open class UNUserNotificationCenter: NSObject {
    open class func current() -> UNUserNotificationCenter { declarationOnly() }
    weak open var delegate: (any UNUserNotificationCenterDelegate)?

    @preconcurrency open func requestAuthorization(
        options: UNAuthorizationOptions = [],
        completionHandler: @escaping @Sendable (Bool, (any Error)?) -> Void) { declarationOnly() }
    open func requestAuthorization(options: UNAuthorizationOptions = []) async throws -> Bool { declarationOnly() }

    @preconcurrency open func getNotificationSettings(completionHandler: @escaping @Sendable (UNNotificationSettings) -> Void) {
        declarationOnly()
    }
    open func notificationSettings() async -> UNNotificationSettings { declarationOnly() }

    @preconcurrency open func add(_ request: UNNotificationRequest,
                  withCompletionHandler completionHandler: (@Sendable ((any Error)?) -> Void)? = nil) { declarationOnly() }
    open func add(_ request: UNNotificationRequest) async throws { declarationOnly() }

    @preconcurrency open func getPendingNotificationRequests(completionHandler: @escaping @Sendable ([UNNotificationRequest]) -> Void) {
        declarationOnly()
    }
    open func pendingNotificationRequests() async -> [UNNotificationRequest] { declarationOnly() }
    open func removePendingNotificationRequests(withIdentifiers identifiers: [String]) { declarationOnly() }
    open func removeAllPendingNotificationRequests() { declarationOnly() }

    @preconcurrency open func getDeliveredNotifications(completionHandler: @escaping @Sendable ([UNNotification]) -> Void) {
        declarationOnly()
    }
    open func deliveredNotifications() async -> [UNNotification] { declarationOnly() }
    open func removeDeliveredNotifications(withIdentifiers identifiers: [String]) { declarationOnly() }
    open func removeAllDeliveredNotifications() { declarationOnly() }
}
