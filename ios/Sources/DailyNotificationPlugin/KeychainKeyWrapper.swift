// KeychainKeyWrapper: the iOS key wrapper of the core's vault. The vault's 32-byte data key is kept
// as a Keychain generic-password item with kSecAttrAccessibleAfterFirstUnlockThisDeviceOnly
// (readable by a background task while the device is locked, never synced, not in backups); the
// "wrapped" key the core stores in its file is only a reference to that item.
import DailyNotificationCore
import Foundation
import Security

final class KeychainKeyWrapper {
    static let service = "com.timesafari.dailynotification.datakey"
    /// "DNPK", format 1, then the item's 16-byte id.
    private static let magic: [UInt8] = [0x44, 0x4E, 0x50, 0x4B, 0x01]
    private static let idLength = 16
    private static let dataKeyLength = 32

    enum Failure: Error {
        /// The item is gone: the core reports KEY_UNAVAILABLE and needs a new configure.
        case unavailable
        /// Anything else, e.g. errSecInteractionNotAllowed before the first unlock: transient.
        case failed
    }

    func wrap(_ dataKey: Data) -> Result<Data, Failure> {
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
        guard SecItemAdd(item as CFDictionary, nil) == errSecSuccess else {
            return .failure(.failed)
        }
        // The core wraps a new key only when no readable store exists (first write, a reset after
        // a lost key, after clear), so older items protect nothing any more.
        deleteItems(except: account)
        return .success(Data(Self.magic + id))
    }

    func unwrap(_ wrapped: Data) -> Result<Data, Failure> {
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
        switch SecItemCopyMatching(query as CFDictionary, &found) {
        case errSecSuccess:
            guard let key = found as? Data, key.count == Self.dataKeyLength else {
                return .failure(.unavailable)
            }
            return .success(key)
        case errSecItemNotFound:
            return .failure(.unavailable)
        default:
            return .failure(.failed)
        }
    }

    func delete() -> Result<Void, Failure> {
        let query: [String: Any] = [
            kSecClass as String: kSecClassGenericPassword,
            kSecAttrService as String: Self.service,
        ]
        let status = SecItemDelete(query as CFDictionary)
        guard status == errSecSuccess || status == errSecItemNotFound else { return .failure(.failed) }
        return .success(Void())
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

    /// The C struct for `dnp_init`. The library holds one retain of `self` as the context and
    /// gives it back through `release` (see DnpKeyWrapper in the header).
    func cWrapper() -> DnpKeyWrapper {
        DnpKeyWrapper(
            context: Unmanaged.passRetained(self).toOpaque(),
            wrap: keychainWrap,
            unwrap: keychainUnwrap,
            delete_key: keychainDelete,
            release: keychainRelease)
    }
}

// C callbacks: no captures allowed, so they reach the wrapper through the context pointer.

private func keyWrapper(_ context: UnsafeMutableRawPointer?) -> KeychainKeyWrapper? {
    context.map { Unmanaged<KeychainKeyWrapper>.fromOpaque($0).takeUnretainedValue() }
}

private func copyOut(
    _ result: Result<Data, KeychainKeyWrapper.Failure>,
    _ output: UnsafeMutablePointer<UInt8>?,
    _ capacity: Int,
    _ outputLength: UnsafeMutablePointer<Int>?
) -> Int32 {
    switch result {
    case .failure(.unavailable):
        return DNP_KEY_CALLBACK_UNAVAILABLE
    case .failure(.failed):
        return DNP_KEY_CALLBACK_FAILED
    case .success(let bytes):
        guard let output, let outputLength, bytes.count <= capacity else { return DNP_KEY_CALLBACK_FAILED }
        bytes.copyBytes(to: output, count: bytes.count)
        outputLength.pointee = bytes.count
        return DNP_KEY_CALLBACK_OK
    }
}

private let keychainWrap: DnpKeyTransformFn = { context, input, inputLength, output, capacity, outputLength in
    guard let wrapper = keyWrapper(context), let input else { return DNP_KEY_CALLBACK_FAILED }
    return copyOut(wrapper.wrap(Data(bytes: input, count: inputLength)), output, capacity, outputLength)
}

private let keychainUnwrap: DnpKeyTransformFn = { context, input, inputLength, output, capacity, outputLength in
    guard let wrapper = keyWrapper(context), let input else { return DNP_KEY_CALLBACK_FAILED }
    return copyOut(wrapper.unwrap(Data(bytes: input, count: inputLength)), output, capacity, outputLength)
}

private let keychainDelete: DnpKeyDeleteFn = { context in
    guard let wrapper = keyWrapper(context) else { return DNP_KEY_CALLBACK_FAILED }
    switch wrapper.delete() {
    case .success: return DNP_KEY_CALLBACK_OK
    case .failure: return DNP_KEY_CALLBACK_FAILED
    }
}

private let keychainRelease: DnpKeyReleaseFn = { context in
    guard let context else { return }
    Unmanaged<KeychainKeyWrapper>.fromOpaque(context).release()
}
