// Declarations (test tree only, never run) of the Capacitor 8.5.2 iOS API the plugin uses, as Swift
// imports it. Every line cites its source under node_modules/@capacitor/ios/Capacitor/Capacitor/.
// CAPPluginCall.h and CAPPluginMethod.h have no NS_ASSUME_NONNULL and no nullability annotations,
// so their object pointers import as implicitly unwrapped optionals (String!, [AnyHashable: Any]!).
// Capacitor.modulemap exports UIKit (Capacitor.h: #import <UIKit/UIKit.h>, `export *`).
@_exported import UIKit
import UserNotifications

private func declarationOnly() -> Never { fatalError("declaration only") }

// PluginCallResult.swift:3
public typealias PluginCallResultData = [String: Any]

// CAPBridgedPlugin.h:9-11: #define CAPPluginReturnNone / Callback / Promise @"..." (imported as
// String constants)
public var CAPPluginReturnNone: String { "none" }
public var CAPPluginReturnCallback: String { "callback" }
public var CAPPluginReturnPromise: String { "promise" }

// CAPPluginCall.h:10-25
open class CAPPluginCall: NSObject {
    open var keepAlive: Bool { get { declarationOnly() } set { declarationOnly() } }          // :13
    open var callbackId: String! { get { declarationOnly() } set { declarationOnly() } }      // :14
    open var methodName: String! { get { declarationOnly() } set { declarationOnly() } }      // :15
    open var options: [AnyHashable: Any]! { get { declarationOnly() } set { declarationOnly() } } // :16

    // CAPPluginCall.swift:37-63 (@objc public extension CAPPluginCall)
    public func resolve() { declarationOnly() }
    public func resolve(_ data: PluginCallResultData = [:]) { declarationOnly() }
    public func reject(_ message: String, _ code: String? = nil, _ error: Error? = nil,
                       _ data: PluginCallResultData? = nil) { declarationOnly() }
    public func unimplemented() { declarationOnly() }
    public func unimplemented(_ message: String) { declarationOnly() }
    public func unavailable() { declarationOnly() }
    public func unavailable(_ message: String) { declarationOnly() }
}

// CAPPluginMethod.h:27-36: an unannotated `instancetype` init imports as a failable `init!`.
open class CAPPluginMethod: NSObject {
    open var name: String! { get { declarationOnly() } set { declarationOnly() } }             // :30
    public init!(name: String!, returnType: String!) { declarationOnly() }                     // :33
}

// CAPBridgedPlugin.h:16-20 (properties annotated nonnull)
public protocol CAPBridgedPlugin: NSObjectProtocol {
    var identifier: String { get }
    var jsName: String { get }
    var pluginMethods: [CAPPluginMethod] { get }
}

// NotificationHandlerProtocol.swift:3-6
public protocol NotificationHandlerProtocol: AnyObject {
    func willPresent(notification: UNNotification) -> UNNotificationPresentationOptions
    func didReceive(response: UNNotificationResponse)
}

// NotificationRouter.swift:3, 19, 27
public class NotificationRouter: NSObject, UNUserNotificationCenterDelegate {
    public weak var pushNotificationHandler: NotificationHandlerProtocol?
    public weak var localNotificationHandler: NotificationHandlerProtocol?
}

// CAPBridgeProtocol.swift:4, 9, 11 (only the members the plugin reads)
public protocol CAPBridgeProtocol: NSObjectProtocol {
    var notificationRouter: NotificationRouter { get }
    var isDevEnvironment: Bool { get }
}

// CAPPlugin.h:9-50
open class CAPPlugin: NSObject {
    weak open var bridge: CAPBridgeProtocol?                                                   // :12
    open var pluginId: String { get { declarationOnly() } set { declarationOnly() } }          // :13 (nonnull)
    open var pluginName: String { get { declarationOnly() } set { declarationOnly() } }        // :14 (nonnull)
    // :22-23, notifyListeners:data: and notifyListeners:data:retainUntilConsumed:
    open func notifyListeners(_ eventName: String, data: [String: Any]?) { declarationOnly() }
    open func notifyListeners(_ eventName: String, data: [String: Any]?, retainUntilConsumed retain: Bool) {
        declarationOnly()
    }
    open func hasListeners(_ eventName: String) -> Bool { declarationOnly() }                  // :25
    open func addListener(_ call: CAPPluginCall) { declarationOnly() }                         // :26
    open func removeListener(_ call: CAPPluginCall) { declarationOnly() }                      // :27
    open func removeAllListeners(_ call: CAPPluginCall) { declarationOnly() }                  // :28
    open func checkPermissions(_ call: CAPPluginCall) { declarationOnly() }                    // :32
    open func requestPermissions(_ call: CAPPluginCall) { declarationOnly() }                  // :33
    open func load() { declarationOnly() }                                                     // :50
}
