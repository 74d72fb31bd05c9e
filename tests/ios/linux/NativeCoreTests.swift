// RUNS ON LINUX (tests/ios/linux/run.sh, from `npm test`): the plugin's NativeCore.swift,
// KeyWrapperBridge.swift and PrefetchResult.swift, unchanged, against the real core (the host build
// of rust/ffi) and the HTTPS Endorser double. What needs UIKit, UserNotifications or the Keychain
// runs in the simulator (ios/Tests).
import DailyNotificationCore
import Foundation
import StringFreeCounter
import XCTest

/// An in-memory key wrapper that records its calls. The "wrapped" form is a reference to the key,
/// as the Keychain wrapper's is; `keys` may be shared to reopen a store with another wrapper.
final class RecordingKeyWrapper: DataKeyWrapper {
    final class Keys { var byReference: [Data: Data] = [:] }

    enum Mode { case normal, unavailable, failing }

    let keys: Keys
    var mode: Mode = .normal
    private let lock = NSLock()
    private(set) var wraps = 0
    private(set) var unwraps = 0
    private(set) var deletes = 0

    init(keys: Keys = Keys()) { self.keys = keys }

    func wrap(_ dataKey: Data) -> Result<Data, KeyWrapperFailure> {
        lock.lock(); defer { lock.unlock() }
        wraps += 1
        let reference = Data("ref-\(keys.byReference.count)".utf8)
        keys.byReference[reference] = dataKey
        return .success(reference)
    }

    func unwrap(_ wrapped: Data) -> Result<Data, KeyWrapperFailure> {
        lock.lock(); defer { lock.unlock() }
        unwraps += 1
        switch mode {
        case .unavailable: return .failure(.unavailable)
        case .failing: return .failure(.failed)
        case .normal: return keys.byReference[wrapped].map { .success($0) } ?? .failure(.unavailable)
        }
    }

    func delete() -> Result<Void, KeyWrapperFailure> {
        lock.lock(); defer { lock.unlock() }
        deletes += 1
        keys.byReference.removeAll()
        return .success(Void())
    }
}

/// iOS has the Keychain here (KeychainKeyWrapper.swift); the tests open every store themselves.
func platformKeyWrapper() -> DataKeyWrapper { RecordingKeyWrapper() }

final class NativeCoreTests: XCTestCase {
    private var env: [String: String] { ProcessInfo.processInfo.environment }
    private var storeDirs: [URL] = []

    override func tearDown() {
        for dir in storeDirs { try? FileManager.default.removeItem(at: dir) }
        super.tearDown()
    }

    private func newStoreDir() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dnp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        storeDirs.append(dir)
        return dir
    }

    private func tokens() throws -> [String] {
        let text = try String(contentsOfFile: try XCTUnwrap(env["DNP_TEST_TOKENS_FILE"]), encoding: .utf8)
        return text.split(separator: "\n").map(String.init)
    }

    private func configureOptions(tokens: [String], extra: [String: Any] = [:]) throws -> String {
        var options: [String: Any] = [
            "apiBaseUrl": try XCTUnwrap(env["DNP_TEST_BASE_URL"]),
            "activeDid": try XCTUnwrap(env["DNP_TEST_DID"]),
            "jwtTokens": tokens,
        ]
        options.merge(extra) { _, new in new }
        return try NativeCore.json(options)
    }

    private func coreError(_ body: () throws -> Any) -> NativeCoreError? {
        do {
            _ = try body()
            return nil
        } catch {
            return error as? NativeCoreError
        }
    }

    func testEveryStringTheCoreReturnsIsFreedExactlyOnce() throws {
        try NativeCore.open(directory: try newStoreDir(), keys: RecordingKeyWrapper())
        var before = dnp_test_freed_strings()
        _ = try NativeCore.status()
        XCTAssertEqual(dnp_test_freed_strings() - before, 1, "a result string is freed")

        before = dnp_test_freed_strings()
        XCTAssertNotNil(coreError { try NativeCore.configure("{}") })
        XCTAssertEqual(dnp_test_freed_strings() - before, 1, "an error string is freed")

        before = dnp_test_freed_strings()
        let request = try NativeCore.json(["platform": "ios", "zone": "UTC", "now": 0, "event": ["type": "status"]])
        _ = try NativeCore.schedule(request)
        XCTAssertEqual(dnp_test_freed_strings() - before, 1, "the schedule's answer is freed")

        before = dnp_test_freed_strings()
        try NativeCore.clear()
        XCTAssertEqual(dnp_test_freed_strings() - before, 0, "a clear that succeeds returns no string")
    }

    func testErrorCodesAndTheirDataReachNativeCoreError() throws {
        try NativeCore.open(directory: try newStoreDir(), keys: RecordingKeyWrapper())
        let pool = try tokens()

        let badURL = coreError { try NativeCore.configure(try self.configureOptions(tokens: pool, extra: ["apiBaseUrl": "ftp://example.org"])) }
        XCTAssertEqual(badURL?.code, "INVALID_API_BASE_URL")

        let none = coreError { try NativeCore.configure(try self.configureOptions(tokens: ["not-a-jwt", "x.y.z"])) }
        XCTAssertEqual(none?.code, "NO_USABLE_TOKENS")
        let rejected = none?.data?["rejected"] as? [[String: Any]] ?? []
        XCTAssertEqual(rejected.compactMap { $0["index"] as? Int }, [0, 1], "the rejections come by index in `data`")
        XCTAssertTrue(rejected.allSatisfy { ($0["reason"] as? String)?.isEmpty == false })

        let malformed = coreError { try NativeCore.acknowledgeDelivery("not json") }
        XCTAssertEqual(malformed?.code, "INVALID_ARGUMENT")
        XCTAssertFalse(malformed?.message.isEmpty ?? true)

        // A rejected configure names no token in its message or data.
        let oneBad = coreError { try NativeCore.configure(try self.configureOptions(tokens: [pool[0]], extra: ["activeDid": "nope"])) }
        XCTAssertEqual(oneBad?.code, "INVALID_ACTIVE_DID")
        XCTAssertFalse("\(oneBad?.message ?? "") \(oneBad?.data ?? [:])".contains(pool[0].split(separator: ".")[1]))

        _ = dnp_shutdown()
        XCTAssertEqual(coreError { try NativeCore.status() }?.code, "NOT_INITIALIZED")
    }

    func testTheKeyWrapperCallbacksAreCalledAndTheirFailuresMapped() throws {
        let dir = try newStoreDir()
        let keys = RecordingKeyWrapper.Keys()
        var first: RecordingKeyWrapper? = RecordingKeyWrapper(keys: keys)
        weak var released = first
        try NativeCore.open(directory: dir, keys: first!)
        _ = try NativeCore.configure(try configureOptions(tokens: try tokens()))
        XCTAssertEqual(first?.wraps, 1, "the first write wraps a new data key")
        first = nil

        let second = RecordingKeyWrapper(keys: keys)
        try NativeCore.open(directory: try newStoreDir(), keys: RecordingKeyWrapper())
        XCTAssertNil(released, "the library released the replaced wrapper")
        try NativeCore.open(directory: dir, keys: second)
        let starred = try NativeCore.object(NativeCore.starredPlans())
        XCTAssertNotNil(starred["planIds"])
        XCTAssertGreaterThan(second.unwraps, 0, "reading the store unwraps its key")
        XCTAssertEqual(second.wraps, 0)

        second.mode = .failing
        try NativeCore.open(directory: try newStoreDir(), keys: RecordingKeyWrapper())
        try NativeCore.open(directory: dir, keys: second)
        XCTAssertEqual(coreError { try NativeCore.starredPlans() }?.code, "KEY_WRAPPER_FAILED")
        second.mode = .unavailable
        try NativeCore.open(directory: try newStoreDir(), keys: RecordingKeyWrapper())
        try NativeCore.open(directory: dir, keys: second)
        XCTAssertEqual(coreError { try NativeCore.starredPlans() }?.code, "KEY_UNAVAILABLE")
        let status = try NativeCore.object(NativeCore.status())
        XCTAssertEqual(status["needsConfigure"] as? Bool, true)

        try NativeCore.clear()
        XCTAssertEqual(second.deletes, 1, "clear deletes the wrapping key")
    }

    func testAPrefetchAgainstTheEndorserDouble() throws {
        try NativeCore.open(directory: try newStoreDir(), keys: RecordingKeyWrapper())
        let ca = try String(contentsOfFile: try XCTUnwrap(env["DNP_TEST_CA_FILE"]), encoding: .utf8)
        var error: UnsafeMutablePointer<CChar>?
        XCTAssertEqual(dnp_set_http_settings(try NativeCore.json(["extraRootsPem": [ca]]), &error), DNP_OK)
        dnp_string_free(error)
        let planIds = try JSONSerialization.jsonObject(with: Data(try XCTUnwrap(env["DNP_TEST_PLAN_IDS"]).utf8))
        // A cursor below every plan: the first prefetch reports them (without one it only sets it).
        _ = try NativeCore.configure(try configureOptions(
            tokens: try tokens(), extra: ["starredPlanIds": planIds, "afterId": "00000000000000000000000000"]))

        let result = PrefetchResult(json: try NativeCore.object(NativeCore.prefetch(within: 20)))
        XCTAssertEqual(result.outcome, "ok")
        XCTAssertTrue(result.isSuccess)
        XCTAssertEqual(result.title?.isEmpty, false)
        XCTAssertEqual(result.body?.isEmpty, false)
        let cursor = try XCTUnwrap(result.cursor)

        // Until delivery is acknowledged the same changes come again; after it, nothing new.
        XCTAssertEqual(PrefetchResult(json: try NativeCore.object(NativeCore.prefetch(within: 20))).outcome, "ok")
        _ = try NativeCore.acknowledgeDelivery(try NativeCore.json(["cursor": cursor]))
        XCTAssertEqual(PrefetchResult(json: try NativeCore.object(NativeCore.prefetch(within: 20))).outcome, "no_changes")

        XCTAssertFalse(PrefetchResult(json: ["outcome": "retry"]).isSuccess)
        XCTAssertFalse(PrefetchResult(json: [:]).isSuccess, "no outcome reads as failed")
    }
}
