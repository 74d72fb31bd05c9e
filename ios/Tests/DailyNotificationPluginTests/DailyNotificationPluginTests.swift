// RUNS ONLY ON macOS, in a simulator (hosted by ios/TestHost, .github/workflows/ios.yml); on Linux
// it is only typechecked (tests/ios/swift-check.sh). What the Linux tests cannot prove: the
// Keychain wrapper on a real Keychain, the Rust core's configure and prefetch through the C ABI
// from Swift against a loopback server, the notification requests a dual schedule arms, the
// foreground presentation rule, the registerBackgroundTasks() guard and the logout clean-up.
import DailyNotificationCore
@testable import DailyNotificationPlugin
import BackgroundTasks
import Foundation
import Security
import UIKit
import UserNotifications
import XCTest

final class DailyNotificationPluginTests: XCTestCase {
    static let did = "did:ethr:0x000000000000000000000000000000000000dEaD"

    override func tearDown() {
        _ = dnp_shutdown()
        _ = KeychainKeyWrapper().delete()
        _ = try? Schedule.handle(["type": "cancelAllNotifications"])
        super.tearDown()
    }

    func testKeychainWrapperRoundTripAndDelete() throws {
        let wrapper = KeychainKeyWrapper()
        var key = [UInt8](repeating: 0, count: 32)
        XCTAssertEqual(SecRandomCopyBytes(kSecRandomDefault, key.count, &key), errSecSuccess)

        let wrapped = try wrapper.wrap(Data(key)).get()
        XCTAssertNotEqual(wrapped, Data(key), "the store holds a reference, never the key")
        XCTAssertEqual(try wrapper.unwrap(wrapped).get(), Data(key))

        XCTAssertNoThrow(try wrapper.delete().get())
        guard case .failure(.unavailable) = wrapper.unwrap(wrapped) else {
            return XCTFail("a deleted key must be unavailable (KEY_UNAVAILABLE)")
        }
    }

    func testConfigureThenPrefetchThroughTheCABIAgainstALoopbackServer() throws {
        let server = try LoopbackEndorser()
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        var error: UnsafeMutablePointer<CChar>?
        XCTAssertEqual(dnp_init(dir.path, cKeyWrapper(KeychainKeyWrapper()), &error), 0)

        let now = Date()
        let options: [String: Any] = [
            "apiBaseUrl": server.baseURL,
            "activeDid": Self.did,
            "jwtTokens": Self.tokens(count: 5, now: now),
            "starredPlanIds": [LoopbackEndorser.plan],
        ]
        let configured = try call { dnp_configure(try NativeCore.json(options), NativeCore.millis(now), $0, $1) }
        XCTAssertEqual(configured["accepted"] as? Int, 5)

        let result = try call { dnp_prefetch(NativeCore.millis(now), $0, $1) }
        XCTAssertEqual(result["outcome"] as? String, "ok")
        XCTAssertEqual(result["changedPlans"] as? Int, 1)
        XCTAssertEqual(server.reports, 1)
        XCTAssertEqual(server.requestsWithBearer, 1, "the request carried a pool token")
    }

    func testADualScheduleArmsItsNotificationRequests() throws {
        // Provisional authorization needs no prompt, so requests can be added in a test.
        let granted = expectation(description: "authorization")
        UNUserNotificationCenter.current().requestAuthorization(options: [.alert, .provisional]) { _, _ in granted.fulfill() }
        wait(for: [granted], timeout: 10)

        let config: [String: Any] = [
            "contentFetch": ["enabled": false, "schedule": "0 8 * * *"] as [String: Any],
            "userNotification": ["schedule": "5 8 * * *", "title": "New Activity", "body": "Your starred projects have updates"] as [String: Any],
        ]
        try Schedule.call("scheduleDualNotification", ["config": config])

        let listed = expectation(description: "pending requests")
        var pending: [UNNotificationRequest] = []
        UNUserNotificationCenter.current().getPendingNotificationRequests { found in
            pending = found
            listed.fulfill()
        }
        wait(for: [listed], timeout: 10)
        let armed = pending.filter { $0.identifier.hasPrefix("dnp.dual.") }
        XCTAssertEqual(armed.count, 48, "the plugin's share of iOS's 64 pending requests is armed, one a day")
        for request in armed {
            XCTAssertEqual(request.content.title, "New Activity")
            let trigger = try XCTUnwrap(request.trigger as? UNCalendarNotificationTrigger)
            XCTAssertEqual(trigger.dateComponents.hour, 8)
            XCTAssertEqual(trigger.dateComponents.minute, 5)
        }
    }

    func testThePluginPresentsItsOwnNotificationsInTheForegroundUnlessAnotherHandlerClaimsThem() {
        let content = UNMutableNotificationContent()
        let ours = UNNotificationRequest(identifier: Notifications.prefix + "dual.x", content: content, trigger: nil)
        let theirs = UNNotificationRequest(identifier: "app.reminder", content: content, trigger: nil)
        XCTAssertEqual(ForegroundPresentation.options(for: ours, claimedBy: nil), [.banner, .list, .sound])
        XCTAssertEqual(ForegroundPresentation.options(for: ours, claimedBy: []), [.banner, .list, .sound],
                       "a handler that presents nothing does not hide ours")
        XCTAssertEqual(ForegroundPresentation.options(for: ours, claimedBy: [.badge]), [.badge], "a claiming handler decides")
        XCTAssertEqual(ForegroundPresentation.options(for: theirs, claimedBy: nil), [], "others' requests are not ours to show")
        XCTAssertEqual(ForegroundPresentation.options(for: theirs, claimedBy: [.list]), [.list])
    }

    func testWithoutRegisterBackgroundTasksNoFetchIsSubmittedAndDiagnosticsSaySo() throws {
        // The test host never calls registerBackgroundTasks(), as an app that forgot it.
        XCTAssertFalse(BackgroundPrefetch.isRegistered)
        XCTAssertThrowsError(try BackgroundPrefetch.submit(BGAppRefreshTaskRequest(identifier: BackgroundPrefetch.taskIdentifier)))

        let dir = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        var error: UnsafeMutablePointer<CChar>?
        XCTAssertEqual(dnp_init(dir.path, cKeyWrapper(KeychainKeyWrapper()), &error), 0)
        try Schedule.call("scheduleDualNotification", ["config": [
            "contentFetch": ["enabled": true, "schedule": "0 8 * * *"] as [String: Any],
            "userNotification": ["schedule": "5 8 * * *", "title": "New Activity", "body": "Updates"] as [String: Any],
        ] as [String: Any]])
        let diagnostics = try DeliveryDiagnostics.collect()
        XCTAssertEqual(diagnostics["platform"] as? String, "ios")
        XCTAssertEqual(diagnostics["backgroundTaskRegistered"] as? Bool, false)
        let codes = (diagnostics["reasons"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String }
        XCTAssertTrue(codes.contains("BACKGROUND_TASK_NOT_REGISTERED"), "\(codes)")
        XCTAssertEqual(diagnostics["freshContentExpected"] as? Bool, false)
    }

    @MainActor
    func testRegisteringTheBackgroundTaskAfterLaunchIsATypedErrorNotACrash() throws {
        // The test host is active: BGTaskScheduler.register would raise NSInternalInconsistencyException.
        try XCTSkipUnless(UIApplication.shared.applicationState == .active, "precondition: launch has finished")
        XCTAssertThrowsError(try DailyNotificationPlugin.registerBackgroundTasks()) { error in
            XCTAssertEqual(error as? BackgroundPrefetch.RegistrationError, .afterLaunch)
        }
        XCTAssertFalse(BackgroundPrefetch.isRegistered)
    }

    func testARepeatingReminderMatchesItsConfiguredTimeNotTheShiftedFirstFiring() {
        // 03:30 is when 02:30 first fires on a spring-forward day; the core sends dailyAt 02:30.
        let shifted = Date(timeIntervalSince1970: 1_774_747_800) // 2026-03-29T01:30:00Z
        let components = Notifications.triggerComponents(at: shifted, repeatsDaily: true, dailyAt: ["hour": 2, "minute": 30])
        XCTAssertEqual(components.hour, 2)
        XCTAssertEqual(components.minute, 30)
        XCTAssertNil(components.day, "a daily repeat matches the time of day only")
    }

    func testRequestsAnotherPluginRemovedComeBackAtTheNextEntryPoint() throws {
        let granted = expectation(description: "authorization")
        UNUserNotificationCenter.current().requestAuthorization(options: [.alert, .provisional]) { _, _ in granted.fulfill() }
        wait(for: [granted], timeout: 10)
        try Schedule.call("scheduleDualNotification", ["config": [
            "contentFetch": ["enabled": false, "schedule": "0 8 * * *"] as [String: Any],
            "userNotification": ["schedule": "5 8 * * *", "title": "New Activity", "body": "Updates"] as [String: Any],
        ] as [String: Any]])
        try Schedule.call("scheduleDailyNotification", ["id": "gratitude", "time": "21:00", "title": "T", "body": "B"])
        XCTAssertEqual(Notifications.pending().count, 48, "precondition: 47 days and the reminder are armed")

        UNUserNotificationCenter.current().removeAllPendingNotificationRequests()
        // The removal is asynchronous: wait until the notification center has none left.
        let deadline = Date().addingTimeInterval(10)
        while !Notifications.pending().isEmpty && Date() < deadline { Thread.sleep(forTimeInterval: 0.1) }
        XCTAssertEqual(Notifications.pending().count, 0, "precondition: another plugin removed them all")
        Schedule.rearmOnEntry()
        let back = Set(Notifications.pending().map(\.identifier))
        XCTAssertEqual(back.count, 48)
        XCTAssertTrue(back.contains("dnp.reminder.gratitude"))
    }

    func testFetchedProjectNamesAreKeptOutOfBackedUpUserDefaults() throws {
        try Schedule.call("scheduleDualNotification", ["config": [
            "contentFetch": ["enabled": true, "schedule": "0 8 * * *"] as [String: Any],
            "userNotification": ["schedule": "5 8 * * *", "title": "New Activity", "body": "Updates"] as [String: Any],
        ] as [String: Any]])
        let content: [String: Any] = ["title": "Starred Project Updates", "body": "Plan A changed",
                                      "fetchedAt": NativeCore.millis(Date())]
        try Schedule.handle(["type": "prefetched", "outcome": "ok", "content": content])

        let state = try XCTUnwrap(UserDefaults.standard.data(forKey: "com.timesafari.dailynotification.schedule"))
        XCTAssertFalse(String(decoding: state, as: UTF8.self).contains("Plan A"), "the backed-up state names no project")
        let file = try FileManager.default.url(for: .applicationSupportDirectory, in: .userDomainMask, appropriateFor: nil, create: false)
            .appendingPathComponent("DailyNotification/schedule/private.json")
        XCTAssertTrue(String(decoding: try Data(contentsOf: file), as: UTF8.self).contains("Plan A"))
        let excluded = try file.deletingLastPathComponent().resourceValues(forKeys: [.isExcludedFromBackupKey]).isExcludedFromBackup
        XCTAssertEqual(excluded, true)
    }

    func testKeychainStatusesAreClassified() {
        XCTAssertEqual(KeychainKeyWrapper.Status(errSecSuccess), .success)
        XCTAssertEqual(KeychainKeyWrapper.Status(errSecItemNotFound).keyWrapperFailure, .unavailable)
        XCTAssertEqual(KeychainKeyWrapper.Status(errSecInteractionNotAllowed), .locked)
        XCTAssertEqual(KeychainKeyWrapper.Status(errSecInteractionNotAllowed).keyWrapperFailure, .failed, "locked is transient")
        XCTAssertEqual(KeychainKeyWrapper.Status(errSecMissingEntitlement), .failure(errSecMissingEntitlement))
        XCTAssertEqual(KeychainKeyWrapper.Status(errSecMissingEntitlement).keyWrapperFailure, .failed)
    }

    func testLogoutRemovesTheNotificationsThatCarryFetchedProjectNames() throws {
        let granted = expectation(description: "authorization")
        UNUserNotificationCenter.current().requestAuthorization(options: [.alert, .provisional]) { _, _ in granted.fulfill() }
        wait(for: [granted], timeout: 10)
        let later = Date().addingTimeInterval(3600)
        Notifications.add(id: "dnp.test.content", title: "Starred Project Updates", body: "\"Plan A\" changed",
                          sound: false, at: later, repeatsDaily: false, source: "content")
        Notifications.add(id: "dnp.test.fallback", title: "New Activity", body: "Default", sound: false, at: later,
                          repeatsDaily: false, source: "default")
        Notifications.removeFetchedContent()
        let left = Set(Notifications.pending().map(\.identifier))
        XCTAssertFalse(left.contains("dnp.test.content"))
        XCTAssertTrue(left.contains("dnp.test.fallback"), "the app's own text stays")
        Notifications.removePending(["dnp.test.fallback"])
    }

    // MARK: - helpers

    /// Calls a `dnp_*` function with result and error out-parameters; the JSON result as a dictionary.
    private func call(_ operation: (UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>, UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) throws -> Int32) throws -> [String: Any] {
        var result: UnsafeMutablePointer<CChar>?
        var error: UnsafeMutablePointer<CChar>?
        defer {
            dnp_string_free(result)
            dnp_string_free(error)
        }
        let status = try operation(&result, &error)
        guard status == 0, let result else {
            throw NSError(domain: "dnp", code: Int(status), userInfo: [NSLocalizedDescriptionKey: error.map { String(cString: $0) } ?? "no result"])
        }
        return try NativeCore.object(String(cString: result))
    }

    /// Tokens with the DID's claims (the core reads claims only; the loopback server checks nothing).
    private static func tokens(count: Int, now: Date) -> [String] {
        func b64(_ s: String) -> String {
            Data(s.utf8).base64EncodedString()
                .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
                .replacingOccurrences(of: "=", with: "")
        }
        let iat = Int(now.timeIntervalSince1970)
        return (0..<count).map { i in
            b64("{\"alg\":\"ES256K\",\"typ\":\"JWT\"}") + "."
                + b64("{\"iss\":\"\(did)\",\"iat\":\(iat),\"exp\":\(iat + 30 * 86400),\"jti\":\"ios-test-\(i)\"}")
                + ".c2lnbmF0dXJl"
        }
    }
}
