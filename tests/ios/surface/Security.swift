// Declarations (test tree only, never run) of the Security API the Keychain key wrapper uses, as
// Swift imports it from the iOS 18 SDK. Source: developer.apple.com/documentation/security/<symbol>
// and Security/SecItem.h, SecBase.h, SecRandom.h. The C constants import as `let` globals; the
// OSStatus codes (an anonymous enum in SecBase.h) import as `var ...: OSStatus { get }`. Imported C
// functions are implicitly @discardableResult.
// CFString / CFDictionary / CFTypeRef: see README.md (aliases of their bridged Foundation types).
import AppleFoundation
import Foundation

private func declarationOnly() -> Never { fatalError("declaration only") }

public typealias CFString = NSString
public typealias CFDictionary = NSDictionary
public typealias CFTypeRef = AnyObject
// SecRandom.h: typedef const struct __SecRandom * SecRandomRef
public final class __SecRandom {}
public typealias SecRandomRef = __SecRandom

// SecItem.h
@discardableResult public func SecItemAdd(_ attributes: CFDictionary, _ result: UnsafeMutablePointer<CFTypeRef?>?) -> OSStatus { declarationOnly() }
@discardableResult public func SecItemCopyMatching(_ query: CFDictionary, _ result: UnsafeMutablePointer<CFTypeRef?>?) -> OSStatus { declarationOnly() }
@discardableResult public func SecItemUpdate(_ query: CFDictionary, _ attributesToUpdate: CFDictionary) -> OSStatus { declarationOnly() }
@discardableResult public func SecItemDelete(_ query: CFDictionary) -> OSStatus { declarationOnly() }
// SecRandom.h
@discardableResult public func SecRandomCopyBytes(_ rnd: SecRandomRef?, _ count: Int, _ bytes: UnsafeMutableRawPointer) -> Int32 { declarationOnly() }
public let kSecRandomDefault: SecRandomRef? = nil
// SecBase.h
public func SecCopyErrorMessageString(_ status: OSStatus, _ reserved: UnsafeMutableRawPointer?) -> CFString? { declarationOnly() }

// SecItem.h attribute keys and values (const CFStringRef)
public let kSecClass: CFString = "class"
public let kSecClassGenericPassword: CFString = "genp"
public let kSecAttrService: CFString = "svce"
public let kSecAttrAccount: CFString = "acct"
public let kSecAttrAccessible: CFString = "pdmn"
public let kSecAttrAccessibleAfterFirstUnlockThisDeviceOnly: CFString = "cku"
public let kSecAttrSynchronizable: CFString = "sync"
public let kSecValueData: CFString = "v_Data"
public let kSecReturnData: CFString = "r_Data"
public let kSecReturnAttributes: CFString = "r_Attributes"
public let kSecMatchLimit: CFString = "m_Limit"
public let kSecMatchLimitOne: CFString = "m_LimitOne"
public let kSecMatchLimitAll: CFString = "m_LimitAll"

// SecBase.h result codes (developer.apple.com/documentation/security/security-framework-result-codes)
public var errSecSuccess: OSStatus { 0 }
public var errSecItemNotFound: OSStatus { -25300 }
public var errSecDuplicateItem: OSStatus { -25299 }
public var errSecInteractionNotAllowed: OSStatus { -25308 }
public var errSecAuthFailed: OSStatus { -25293 }
public var errSecDecode: OSStatus { -26275 }
public var errSecNotAvailable: OSStatus { -25291 }
public var errSecMissingEntitlement: OSStatus { -34018 }
