// BackgroundPrefetch: the BGAppRefreshTask `com.timesafari.dailynotification.prefetch`, which runs
// the core's prefetch a few minutes before the dual schedule's notification with no JavaScript and
// no WebView, honours the task's expiration, and reports the outcome to the core's schedule.
import BackgroundTasks
import Foundation
import UIKit

public enum BackgroundPrefetch {
    public static let taskIdentifier = "com.timesafari.dailynotification.prefetch"

    private static let queue = DispatchQueue(label: "com.timesafari.dailynotification.prefetch", qos: .utility)
    private static let lock = NSLock()
    /// Guarded by `lock` (Swift 6's checker cannot see the lock).
    nonisolated(unsafe) private static var registered = false

    static var isRegistered: Bool {
        lock.lock()
        defer { lock.unlock() }
        return registered
    }

    /// Why the launch handler was not registered (`registerBackgroundTasks()` throws it).
    public enum RegistrationError: Error, Equatable {
        /// Called once the app was active: BGTaskScheduler would raise an uncatchable exception.
        case afterLaunch
        /// Info.plist's BGTaskSchedulerPermittedIdentifiers lacks the task's identifier.
        case notPermittedInInfoPlist
        /// BGTaskScheduler refused (e.g. the identifier is registered by other code already).
        case refused
    }

    /// Set when UIApplication posts didFinishLaunchingNotification after the first call.
    nonisolated(unsafe) private static var launchFinished = false

    /// Registers the launch handler. BGTaskScheduler accepts this only while the app is launching
    /// and only for identifiers listed in Info.plist's BGTaskSchedulerPermittedIdentifiers; both
    /// are checked first, so a misconfigured app gets an error instead of a crash. `active` is
    /// whether the app is active now: a launching app never is. A later call while the app is
    /// inactive or in the background cannot be told from a launch, unless an earlier call saw
    /// didFinishLaunchingNotification. Idempotent.
    static func register(active: Bool) throws {
        lock.lock()
        defer { lock.unlock() }
        if registered { return }
        guard !active && !launchFinished else { throw RegistrationError.afterLaunch }
        defer { observeLaunchEnd() }
        let permitted = Bundle.main.object(forInfoDictionaryKey: "BGTaskSchedulerPermittedIdentifiers") as? [String] ?? []
        guard permitted.contains(taskIdentifier) else {
            NSLog("DailyNotification: add %@ to BGTaskSchedulerPermittedIdentifiers in Info.plist", taskIdentifier)
            throw RegistrationError.notPermittedInInfoPlist
        }
        // The launch handler and the expiration handler are called on the `using` queue
        // (BGTaskScheduler.h): the handler returns at once and the blocking work runs on `queue`,
        // so the system's queue stays free for the expiration handler.
        registered = BGTaskScheduler.shared.register(forTaskWithIdentifier: taskIdentifier, using: nil) { task in
            let handed = HandedTask(task: task)
            queue.async { BackgroundPrefetch.run(handed.task) }
        }
        if !registered { throw RegistrationError.refused }
    }

    nonisolated(unsafe) private static var launchObserver: NSObjectProtocol?

    private static func observeLaunchEnd() {
        guard launchObserver == nil else { return }
        launchObserver = NotificationCenter.default.addObserver(
            forName: UIApplication.didFinishLaunchingNotification, object: nil, queue: nil
        ) { _ in
            lock.lock()
            launchFinished = true
            lock.unlock()
        }
    }

    /// The next request, not before `date` (the schedule's `submitFetch`); a refusal is logged.
    static func submit(at date: Date) {
        let request = BGAppRefreshTaskRequest(identifier: taskIdentifier)
        request.earliestBeginDate = date
        do {
            // Same identifier: replaces the pending request.
            try submit(request)
        } catch {
            NSLog("DailyNotification: no background prefetch requested (%@)", error.localizedDescription)
        }
    }

    /// Submits the refresh request, only when the launch handler is registered: iOS terminates
    /// an app that submits a task it has no handler for when the task launches in the background.
    /// `getDiagnostics` reports `BACKGROUND_TASK_NOT_REGISTERED`.
    static func submit(_ request: BGTaskRequest) throws {
        guard isRegistered else { throw NotRegistered() }
        try BGTaskScheduler.shared.submit(request)
    }

    struct NotRegistered: LocalizedError {
        var errorDescription: String? {
            "DailyNotificationPlugin.registerBackgroundTasks() was not called at launch"
        }
    }

    /// What the prefetch may take of a refresh task's time, counted from the task's start: iOS
    /// gives about 30 s and then calls the expiration handler.
    private static let refreshBudget: TimeInterval = 25

    private static func run(_ task: BGTask) {
        let completion = Completion(task)
        task.expirationHandler = {
            // The blocking C call cannot be interrupted. The core recorded the token's use before
            // the request, so abandoning it is safe; iOS may suspend us from here on.
            completion.finish(success: false)
        }
        let now = Date()
        // Re-arm first: if iOS suspends us mid-request, the next fetch is already requested.
        Schedule.rearmOnEntry(now: now)
        let result: PrefetchResult
        do {
            // A refresh task has about 30 s in all; what the re-arm and the Keychain took is gone.
            let left = refreshBudget - Date().timeIntervalSince(now)
            result = try PrefetchResult(json: NativeCore.object(NativeCore.prefetch(now: now, within: max(1, left))))
        } catch let error as NativeCoreError {
            NSLog("DailyNotification: prefetch failed: %@", error.code)
            completion.finish(success: false)
            return
        } catch {
            completion.finish(success: false)
            return
        }
        var prefetched: [String: Any] = ["type": "prefetched", "outcome": result.outcome]
        if let title = result.title, let body = result.body {
            prefetched["content"] = ["title": title, "body": body, "fetchedAt": NativeCore.millis(Date())]
        }
        do {
            if try Schedule.handleReportingContent(prefetched), let cursor = result.cursor,
               let delivery = try? NativeCore.json(["cursor": cursor]) {
                // Handed to the notification center: the cursor moves past these changes. Without
                // this the next prefetch carries them again (docs/core-contract.md, "The cursor").
                _ = try? NativeCore.acknowledgeDelivery(delivery)
            }
        } catch {
            NSLog("DailyNotification: prefetch: the notification step failed")
        }
        completion.finish(success: result.isSuccess)
    }
}

/// A BGTask handed to the prefetch queue; its methods may be called from any thread.
private struct HandedTask: @unchecked Sendable {
    let task: BGTask
}

/// `setTaskCompleted` exactly once, whichever of the work and the expiration handler comes first;
/// lock-guarded, so it may be shared with the expiration handler's thread.
private final class Completion: @unchecked Sendable {
    private let task: BGTask
    private let lock = NSLock()
    private var done = false

    init(_ task: BGTask) {
        self.task = task
    }

    func finish(success: Bool) {
        lock.lock()
        defer { lock.unlock() }
        guard !done else { return }
        done = true
        task.setTaskCompleted(success: success)
    }
}
