// Declarations (test tree only, never run): Foundation symbols of Apple's SDK that
// swift-corelibs-foundation lacks. Imported implicitly by tests/ios/swift-check.sh, since on iOS
// they belong to Foundation itself.
import Foundation

extension NSNotification.Name {
    // developer.apple.com/documentation/foundation/nsnotification/name/1415101-nssystemclockdidchange
    // (NSDate.h: FOUNDATION_EXPORT NSNotificationName const NSSystemClockDidChangeNotification)
    public static var NSSystemClockDidChange: NSNotification.Name { fatalError("declaration only") }
}

extension ProcessInfo {
    // developer.apple.com/documentation/foundation/processinfo/1617047-islowpowermodeenabled
    // (NSProcessInfo.h: @property (readonly, getter=isLowPowerModeEnabled) BOOL lowPowerModeEnabled)
    public var isLowPowerModeEnabled: Bool { fatalError("declaration only") }
}

extension NSNotification.Name {
    // developer.apple.com/documentation/foundation/nsnotification/name/1415458-nsprocessinfopowerstatedidchange
    public static var NSProcessInfoPowerStateDidChange: NSNotification.Name { fatalError("declaration only") }
}

// MacTypes.h: typedef SInt32 OSStatus (Foundation re-exports it on Apple platforms).
public typealias OSStatus = Int32
