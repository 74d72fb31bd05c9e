// KeychainKeyWrapper: the iOS key wrapper of the core's vault. The vault's 32-byte data key is kept
// as a Keychain generic-password item with kSecAttrAccessibleAfterFirstUnlockThisDeviceOnly
// (readable by a background task while the device is locked, never synced, not in backups); the
// "wrapped" key the core stores in its file is only a reference to that item. The C side is in
// KeyWrapperBridge.swift.
import Foundation
import Security

final class KeychainKeyWrapper: DataKeyWrapper {
    static let service = "com.timesafari.dailynotification.datakey"
    /// "DNPK", format 1, then the item's 16-byte id.
    private static let magic: [UInt8] = [0x44, 0x4E, 0x50, 0x4B, 0x01]
    private static let idLength = 16
    private static let dataKeyLength = 32

    /// What a Keychain status means for the vault's key.
    enum Status: Equatable {
        case success
        /// errSecItemNotFound: the key is gone (KEY_UNAVAILABLE, a new configure starts over).
        case missing
        /// errSecInteractionNotAllowed: the device has not been unlocked since boot; transient.
        case locked
        /// Any other error (a missing entitlement, a damaged Keychain...): KEY_WRAPPER_FAILED,
        /// logged with its code, since retrying rarely helps.
        case failure(OSStatus)

        init(_ status: OSStatus) {
            switch status {
            case errSecSuccess: self = .success
            case errSecItemNotFound: self = .missing
            case errSecInteractionNotAllowed: self = .locked
            default: self = .failure(status)
            }
        }

        /// The core's view: only a missing key is "unavailable"; the store is kept otherwise.
        var keyWrapperFailure: KeyWrapperFailure? {
            switch self {
            case .success: return nil
            case .missing: return .unavailable
            case .locked, .failure: return .failed
            }
        }
    }

    /// The failure of a Keychain call, nil on success; an unexpected error's code is logged.
    private static func failure(_ status: OSStatus) -> KeyWrapperFailure? {
        let classified = Status(status)
        if case .failure(let code) = classified {
            NSLog("DailyNotification: Keychain error %d", Int(code))
        }
        return classified.keyWrapperFailure
    }

    func wrap(_ dataKey: Data) -> Result<Data, KeyWrapperFailure> {
        var id = [UInt8](repeating: 0, count: Self.idLength)
        guard SecRandomCopyBytes(kSecRandomDefault, id.count, &id) == errSecSuccess else {
            return .failure(.failed)
        }
        let account = Self.account(id)
        let item: [String: Any] = [
            kSecClass as String: kSecClassGenericPassword,
            kSecAttrService as String: Self.service,
            kSecAttrAccount as String: account,
            kSecAttrAccessible as String: kSecAttrAccessibleAfterFirstUnlockThisDeviceOnly,
            kSecValueData as String: dataKey,
        ]
        if Self.failure(SecItemAdd(item as CFDictionary, nil)) != nil {
            // A failed add never means "the key is gone": the store is kept, the call fails.
            return .failure(.failed)
        }
        // The core wraps a new key only when no readable store exists (first write, a reset after
        // a lost key, after clear), so older items protect nothing any more.
        deleteItems(except: account)
        return .success(Data(Self.magic + id))
    }

    func unwrap(_ wrapped: Data) -> Result<Data, KeyWrapperFailure> {
        let bytes = [UInt8](wrapped)
        guard bytes.count == Self.magic.count + Self.idLength,
              Array(bytes.prefix(Self.magic.count)) == Self.magic else {
            return .failure(.unavailable)
        }
        let query: [String: Any] = [
            kSecClass as String: kSecClassGenericPassword,
            kSecAttrService as String: Self.service,
            kSecAttrAccount as String: Self.account(Array(bytes.suffix(Self.idLength))),
            kSecReturnData as String: true,
            kSecMatchLimit as String: kSecMatchLimitOne,
        ]
        var found: CFTypeRef?
        if let failure = Self.failure(SecItemCopyMatching(query as CFDictionary, &found)) {
            return .failure(failure)
        }
        guard let key = found as? Data, key.count == Self.dataKeyLength else {
            return .failure(.unavailable)
        }
        return .success(key)
    }

    func delete() -> Result<Void, KeyWrapperFailure> {
        let query: [String: Any] = [
            kSecClass as String: kSecClassGenericPassword,
            kSecAttrService as String: Self.service,
        ]
        let status = SecItemDelete(query as CFDictionary)
        if Status(status) == .missing { return .success(Void()) }
        return Self.failure(status).map { .failure($0) } ?? .success(Void())
    }

    private static func account(_ id: [UInt8]) -> String {
        "data-key-" + id.map { String(format: "%02x", $0) }.joined()
    }

    private func deleteItems(except keep: String) {
        let query: [String: Any] = [
            kSecClass as String: kSecClassGenericPassword,
            kSecAttrService as String: Self.service,
            kSecMatchLimit as String: kSecMatchLimitAll,
            kSecReturnAttributes as String: true,
        ]
        var found: CFTypeRef?
        guard SecItemCopyMatching(query as CFDictionary, &found) == errSecSuccess,
              let items = found as? [[String: Any]] else { return }
        for item in items {
            guard let account = item[kSecAttrAccount as String] as? String, account != keep else { continue }
            let one: [String: Any] = [
                kSecClass as String: kSecClassGenericPassword,
                kSecAttrService as String: Self.service,
                kSecAttrAccount as String: account,
            ]
            SecItemDelete(one as CFDictionary)
        }
    }
}

/// The store's key wrapper on iOS (NativeCore.ensureInitialized); the Linux tests supply their own.
func platformKeyWrapper() -> DataKeyWrapper {
    KeychainKeyWrapper()
}
