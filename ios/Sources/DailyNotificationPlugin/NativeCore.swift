// NativeCore: the Swift face of the Rust core's C ABI (rust/ffi/include/daily_notification.h).
// Every call goes through `invoke`, which opens the store on first use, frees the library's strings
// and turns a non-zero status into a NativeCoreError carrying the core's code. The calls block
// (prefetch does network I/O): callers run them on `NativeCore.queue` or a background task's queue.
// Needs only Foundation and the core's header: also compiled and run on Linux against the real
// core (tests/ios/linux), with its own key wrapper in place of the Keychain's.
import DailyNotificationCore
import Foundation

/// A failure of the core: `code` is one of docs/core-contract.md's ErrorCode strings.
struct NativeCoreError: Error, @unchecked Sendable {
    let code: String
    let message: String
    /// The core's structured details (e.g. `rejected` with NO_USABLE_TOKENS), passed to JS as `data`.
    /// Immutable JSON values: safe to share across threads, hence the unchecked Sendable.
    let data: [String: Any]?

    init(code: String, message: String, data: [String: Any]? = nil) {
        self.code = code
        self.message = message
        self.data = data
    }
}

enum NativeCore {
    /// Serial queue for the plugin's calls into the core, off the bridge's and the main queue.
    static let queue = DispatchQueue(label: "com.timesafari.dailynotification.core", qos: .userInitiated)

    private static let initLock = NSLock()
    /// Guarded by initLock (Swift 6's checker cannot see the lock).
    nonisolated(unsafe) private static var initialized = false

    private typealias Out = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>

    // MARK: Operations (JSON in and out, shapes of docs/core-contract.md)

    static func configure(_ optionsJSON: String, now: Date = Date()) throws -> String {
        try invoke { dnp_configure(optionsJSON, millis(now), $0, $1) }
    }

    static func updateStarredPlans(_ planIdsJSON: String) throws -> String {
        try invoke { dnp_update_starred_plans(planIdsJSON, $0, $1) }
    }

    static func starredPlans() throws -> String {
        try invoke { dnp_get_starred_plans($0, $1) }
    }

    static func importLegacyStarredPlans(_ legacyJSON: String) throws -> String {
        try invoke { dnp_import_legacy_starred_plans(legacyJSON, $0, $1) }
    }

    /// getDiagnostics: the platform's facts in, the core's verdict and status out.
    static func diagnose(_ factsJSON: String, now: Date = Date()) throws -> String {
        try invoke { dnp_diagnose(factsJSON, millis(now), $0, $1) }
    }

    static func status(now: Date = Date()) throws -> String {
        try invoke { dnp_status(millis(now), $0, $1) }
    }

    static func prefetch(now: Date = Date()) throws -> String {
        try invoke { dnp_prefetch(millis(now), $0, $1) }
    }

    /// The schedule's state machine (docs/core-contract.md, "Schedule"). Pure: needs no store.
    static func schedule(_ requestJSON: String) throws -> String {
        try call { dnp_schedule(requestJSON, $0, $1) }
    }

    /// A prefetch that ends within `deadline` seconds (a refresh task has about 30 s in all).
    static func prefetch(now: Date = Date(), within deadline: TimeInterval) throws -> String {
        try invoke { dnp_prefetch_within(millis(now), Int64(deadline * 1000), $0, $1) }
    }

    /// `{"cursor"}` of a notification that was shown (or handed to the OS to show): the cursor
    /// moves forward; until then the next prefetch carries those changes again.
    static func acknowledgeDelivery(_ deliveryJSON: String) throws -> String {
        try invoke { dnp_acknowledge_delivery(deliveryJSON, $0, $1) }
    }

    static func clear() throws {
        try ensureInitialized()
        var error: UnsafeMutablePointer<CChar>?
        let status = dnp_clear(&error)
        defer { dnp_string_free(error) }
        if status != DNP_OK { throw decodeError(status, error) }
    }

    // MARK: Plumbing

    /// Application Support/DailyNotification/store. Readable after the first unlock (background
    /// tasks run while the device is locked) and excluded from backups: its key is in the Keychain
    /// as ThisDeviceOnly, so a restored copy could never be opened anyway.
    private static func storeDirectory() throws -> URL {
        let base = try FileManager.default.url(
            for: .applicationSupportDirectory, in: .userDomainMask, appropriateFor: nil, create: true)
        var dir = base.appendingPathComponent("DailyNotification/store", isDirectory: true)
        try FileManager.default.createDirectory(
            at: dir, withIntermediateDirectories: true,
            attributes: [.protectionKey: FileProtectionType.completeUntilFirstUserAuthentication])
        var values = URLResourceValues()
        values.isExcludedFromBackup = true
        try dir.setResourceValues(values)
        return dir
    }

    /// `dnp_init` once per process, with the store directory and the platform's key wrapper
    /// (`platformKeyWrapper()`: the Keychain on iOS); the library keeps the store open from then on.
    static func ensureInitialized() throws {
        initLock.lock()
        defer { initLock.unlock() }
        if initialized { return }
        let dir: URL
        do {
            dir = try storeDirectory()
        } catch {
            throw NativeCoreError(code: "STORE_IO", message: "cannot prepare the store directory: \(error.localizedDescription)")
        }
        try openLocked(directory: dir, keys: platformKeyWrapper())
    }

    /// Opens the store in `directory` with `keys`, replacing the open one (the tests' entry).
    static func open(directory: URL, keys: DataKeyWrapper) throws {
        initLock.lock()
        defer { initLock.unlock() }
        try openLocked(directory: directory, keys: keys)
    }

    private static func openLocked(directory: URL, keys: DataKeyWrapper) throws {
        var error: UnsafeMutablePointer<CChar>?
        let status = dnp_init(directory.path, cKeyWrapper(keys), &error)
        defer { dnp_string_free(error) }
        if status != DNP_OK { throw decodeError(status, error) }
        initialized = true
    }

    private static func invoke(_ operation: (Out, Out) -> Int32) throws -> String {
        try ensureInitialized()
        return try call(operation)
    }

    /// One C call with a result string, without opening the store.
    private static func call(_ operation: (Out, Out) -> Int32) throws -> String {
        var result: UnsafeMutablePointer<CChar>?
        var error: UnsafeMutablePointer<CChar>?
        let status = operation(&result, &error)
        defer {
            dnp_string_free(result)
            dnp_string_free(error)
        }
        if status == DNP_OK, let result {
            return String(cString: result)
        }
        throw decodeError(status, error)
    }

    /// `{"error":{"code","message","data"?}}` from the library; a bare status only if that is missing.
    private static func decodeError(_ status: Int32, _ error: UnsafeMutablePointer<CChar>?) -> NativeCoreError {
        if let error,
           let data = String(cString: error).data(using: .utf8),
           let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
           let body = object["error"] as? [String: Any],
           let code = body["code"] as? String {
            return NativeCoreError(code: code, message: body["message"] as? String ?? code,
                                   data: body["data"] as? [String: Any])
        }
        return NativeCoreError(code: "INTERNAL", message: "the native core failed with status \(status)")
    }

    static func millis(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1000).rounded())
    }

    /// Parses the core's JSON output into a dictionary for `CAPPluginCall.resolve`.
    static func object(_ json: String) throws -> [String: Any] {
        guard let data = json.data(using: .utf8),
              let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw NativeCoreError(code: "INTERNAL", message: "the native core returned malformed JSON")
        }
        return object
    }

    /// Encodes input for the core. Only JSON types arrive from a plugin call.
    static func json(_ object: [String: Any]) throws -> String {
        guard JSONSerialization.isValidJSONObject(object),
              let text = String(data: try JSONSerialization.data(withJSONObject: object), encoding: .utf8) else {
            throw NativeCoreError(code: "INVALID_ARGUMENT", message: "the options are not JSON")
        }
        return text
    }
}
