// Declarations (test tree only, never run) of the UIKit API the plugin and the example app use, as
// Swift imports it from the iOS 18 SDK. Source: developer.apple.com/documentation/uikit/<symbol>.
// UIApplication and UIResponder are @MainActor (UIKit's NS_SWIFT_UI_ACTOR); their notification
// names are nonisolated. Like every Objective-C import, they are @preconcurrency: a violation is a
// warning in Swift 5 mode and an error in Swift 6 mode.
@_exported import Foundation

private func declarationOnly() -> Never { fatalError("declaration only") }

// .../uibackgroundrefreshstatus
public enum UIBackgroundRefreshStatus: Int, @unchecked Sendable {
    case restricted = 0
    case denied = 1
    case available = 2
}

// .../uiresponder
@preconcurrency @MainActor open class UIResponder: NSObject {}

// .../uiapplication
@preconcurrency @MainActor open class UIApplication: UIResponder {
    open class var shared: UIApplication { declarationOnly() }
    open var backgroundRefreshStatus: UIBackgroundRefreshStatus { declarationOnly() }
    open var applicationState: UIApplication.State { declarationOnly() }
    // .../uiapplication/openurl(_:options:completionhandler:)
    open func open(_ url: URL, options: [UIApplication.OpenExternalURLOptionsKey: Any] = [:],
                   completionHandler completion: (@MainActor @Sendable (Bool) -> Void)? = nil) { declarationOnly() }
    open func open(_ url: URL, options: [UIApplication.OpenExternalURLOptionsKey: Any] = [:]) async -> Bool { declarationOnly() }

    public enum State: Int, @unchecked Sendable {
        case active = 0
        case inactive = 1
        case background = 2
    }

    public struct OpenExternalURLOptionsKey: Hashable, RawRepresentable, @unchecked Sendable {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
    }

    public struct LaunchOptionsKey: Hashable, RawRepresentable, @unchecked Sendable {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
    }

    // .../uiapplication/openSettingsURLString
    nonisolated public class var openSettingsURLString: String { declarationOnly() }
    // .../uiapplication/didfinishlaunchingnotification
    nonisolated public class var didFinishLaunchingNotification: NSNotification.Name { declarationOnly() }
    // .../uiapplication/willenterforegroundnotification
    nonisolated public class var willEnterForegroundNotification: NSNotification.Name { declarationOnly() }
    // .../uiapplication/didbecomeactivenotification
    nonisolated public class var didBecomeActiveNotification: NSNotification.Name { declarationOnly() }
    // .../uiapplication/backgroundrefreshstatusdidchangenotification
    nonisolated public class var backgroundRefreshStatusDidChangeNotification: NSNotification.Name { declarationOnly() }
    // .../uiapplication/significanttimechangenotification
    nonisolated public class var significantTimeChangeNotification: NSNotification.Name { declarationOnly() }
}

// .../uiapplicationdelegate
@preconcurrency @MainActor public protocol UIApplicationDelegate: NSObjectProtocol {}

// .../uiwindow
@preconcurrency @MainActor open class UIWindow: UIResponder {}
