// DailyNotificationPlugin: the Capacitor 8 bridge (jsName "DailyNotification"). Each method reads
// its options by the keys of docs/core-contract.md and tests/web/bridge-contract.json, runs off the
// bridge's queue, and resolves the core's JSON or rejects with the core's error code.
import Capacitor
import Foundation
import UIKit

@objc(DailyNotificationPlugin)
public class DailyNotificationPlugin: CAPPlugin, CAPBridgedPlugin {
    public let identifier = "DailyNotificationPlugin"
    public let jsName = "DailyNotification"
    public let pluginMethods: [CAPPluginMethod] = [
        CAPPluginMethod(name: "configureNativeFetcher", returnType: CAPPluginReturnPromise),
        CAPPluginMethod(name: "getNativeFetcherStatus", returnType: CAPPluginReturnPromise),
        CAPPluginMethod(name: "clearNativeFetcher", returnType: CAPPluginReturnPromise),
        CAPPluginMethod(name: "updateStarredPlans", returnType: CAPPluginReturnPromise),
        CAPPluginMethod(name: "getStarredPlans", returnType: CAPPluginReturnPromise),
        CAPPluginMethod(name: "scheduleDualNotification", returnType: CAPPluginReturnPromise),
        CAPPluginMethod(name: "updateDualScheduleConfig", returnType: CAPPluginReturnPromise),
        CAPPluginMethod(name: "cancelDualSchedule", returnType: CAPPluginReturnPromise),
        CAPPluginMethod(name: "getDualScheduleStatus", returnType: CAPPluginReturnPromise),
        CAPPluginMethod(name: "scheduleDailyNotification", returnType: CAPPluginReturnPromise),
        CAPPluginMethod(name: "cancelDailyReminder", returnType: CAPPluginReturnPromise),
        CAPPluginMethod(name: "requestPermissions", returnType: CAPPluginReturnPromise),
        CAPPluginMethod(name: "checkPermissions", returnType: CAPPluginReturnPromise),
        CAPPluginMethod(name: "getNotificationStatus", returnType: CAPPluginReturnPromise),
        CAPPluginMethod(name: "cancelAllNotifications", returnType: CAPPluginReturnPromise),
        CAPPluginMethod(name: "getLastNotification", returnType: CAPPluginReturnPromise),
        CAPPluginMethod(name: "getExactAlarmStatus", returnType: CAPPluginReturnPromise),
        CAPPluginMethod(name: "requestExactAlarmPermission", returnType: CAPPluginReturnPromise),
        CAPPluginMethod(name: "openExactAlarmSettings", returnType: CAPPluginReturnPromise),
        CAPPluginMethod(name: "getDiagnostics", returnType: CAPPluginReturnPromise),
        CAPPluginMethod(name: "isAlarmScheduled", returnType: CAPPluginReturnPromise),
        CAPPluginMethod(name: "getNextAlarmTime", returnType: CAPPluginReturnPromise),
    ]

    /// Presents the plugin's notifications in the foreground (the router holds it weakly).
    private var foregroundPresentation: ForegroundPresentation?

    /// The ConfigureOptions keys (docs/core-contract.md); nothing else is passed to the core.
    private static let configureKeys = [
        "apiBaseUrl", "activeDid", "jwtToken", "jwtTokens", "starredPlanIds", "afterId",
        "tokenPolicy", "lowWaterDays", "expiryMarginSeconds", "allowDevelopmentHttp",
    ]

    /// Whether this is a debug build of the app: the core takes plain http to a private-range host
    /// only then, and only with the app's `allowDevelopmentHttp`. SwiftPM and CocoaPods define
    /// DEBUG in the Debug configuration.
    #if DEBUG
    static let isDebugBuild = true
    #else
    static let isDebugBuild = false
    #endif

    /// Call from `application(_:didFinishLaunchingWithOptions:)`: iOS accepts the background
    /// task's registration only before the app finishes launching, and raises an Objective-C
    /// exception, which Swift cannot catch, after it (docs/ios-build.md). Throws
    /// `BackgroundPrefetch.RegistrationError` instead of registering late or without the
    /// Info.plist entry.
    @MainActor @objc public static func registerBackgroundTasks() throws {
        try BackgroundPrefetch.register(active: UIApplication.shared.applicationState == .active)
    }

    override public func load() {
        if let router = bridge?.notificationRouter {
            foregroundPresentation = ForegroundPresentation.install(on: router)
        }
        if !BackgroundPrefetch.isRegistered {
            NSLog("DailyNotification: call DailyNotificationPlugin.registerBackgroundTasks() in application(_:didFinishLaunchingWithOptions:); background prefetch is off")
        }
        // The first launch after the swap takes over the old plugin's starred plan ids; queued
        // first, so the app's first call already sees them.
        NativeCore.queue.async { LegacyState.migrate() }
        // Every launch and every return to the foreground re-requests the next fetch and adds
        // back what the notification center lost; a permission granted in Settings meanwhile
        // re-arms everything.
        NativeCore.queue.async { Schedule.rearmOnEntry() }
        observe(UIApplication.willEnterForegroundNotification) { Schedule.rearmOnEntry() }
        // A time or zone change moves the instants of the local times: the core re-plans. The
        // zone is re-read: TimeZone.current may still be the cached old one in this handler.
        observe(.NSSystemClockDidChange) { Schedule.rearm("timeChange") }
        observe(.NSSystemTimeZoneDidChange) {
            NSTimeZone.resetSystemTimeZone()
            Schedule.rearm("timeChange")
        }
    }

    private func observe(_ name: Notification.Name, _ work: @escaping @Sendable () -> Void) {
        // The block-based observer stays registered for the life of the process, as the plugin.
        _ = NotificationCenter.default.addObserver(forName: name, object: nil, queue: nil) { _ in
            NativeCore.queue.async(execute: work)
        }
    }



    // MARK: Native fetcher (the core)

    @objc func configureNativeFetcher(_ call: CAPPluginCall) {
        var options: [String: Any] = [:]
        for key in Self.configureKeys {
            if let value = call.options[key], !(value is NSNull) {
                options[key] = value
            }
        }
        // Set here, never taken from JavaScript.
        options["debugBuild"] = Self.isDebugBuild
        run(call) { try NativeCore.object(NativeCore.configure(NativeCore.json(options))) }
    }

    @objc func getNativeFetcherStatus(_ call: CAPPluginCall) {
        run(call) { try NativeCore.object(NativeCore.status()) }
    }

    /// Logout: the store and its Keychain item, and the notifications whose text the prefetch
    /// composed (pending or delivered), which name the user's projects. They go even if the store
    /// could not.
    @objc func clearNativeFetcher(_ call: CAPPluginCall) {
        run(call) {
            defer {
                // The schedule forgets the fetched text it armed ahead (re-arming the default in
                // its place); what is still pending or shown goes too.
                Schedule.rearm("fetcherCleared")
                Notifications.removeFetchedContent()
            }
            try NativeCore.clear()
            return nil
        }
    }

    @objc func updateStarredPlans(_ call: CAPPluginCall) {
        let planIds = call.options["planIds"]
        run(call) {
            // A missing or mistyped planIds reaches the core, which rejects it with INVALID_ARGUMENT.
            let input: [String: Any] = planIds.map { ["planIds": $0] } ?? [:]
            return try NativeCore.object(NativeCore.updateStarredPlans(NativeCore.json(input)))
        }
    }

    @objc func getStarredPlans(_ call: CAPPluginCall) {
        run(call) { try NativeCore.object(NativeCore.starredPlans()) }
    }

    // MARK: Dual schedule (background prefetch, then the notification)

    @objc func scheduleDualNotification(_ call: CAPPluginCall) {
        schedulingCall(call)
    }

    /// Takes the configuration itself or `{ config }` (the core tells them apart).
    @objc func updateDualScheduleConfig(_ call: CAPPluginCall) {
        schedulingCall(call)
    }

    /// Leaves the daily reminders alone.
    @objc func cancelDualSchedule(_ call: CAPPluginCall) {
        schedulingCall(call)
    }

    @objc func getDualScheduleStatus(_ call: CAPPluginCall) {
        run(call) {
            var dual = try Schedule.handle(["type": "status"])["dual"] as? [String: Any] ?? [:]
            dual["lastPrefetch"] = (try? NativeCore.object(NativeCore.status()))?["lastPrefetch"] ?? NSNull()
            return dual
        }
    }

    // MARK: Static daily reminder

    @objc func scheduleDailyNotification(_ call: CAPPluginCall) {
        schedulingCall(call)
    }

    @objc func cancelDailyReminder(_ call: CAPPluginCall) {
        schedulingCall(call)
    }

    /// A scheduling method: its name and options go to the core as they are; resolves empty.
    private func schedulingCall(_ call: CAPPluginCall) {
        // CAPPluginCall.h:15 declares methodName with no nullability: Swift sees `String!`.
        let method: String = call.methodName
        let options = call.options
        run(call) {
            try Schedule.call(method, options)
            return nil
        }
    }

    // MARK: Permissions and notification state

    /// The system prompt may stay up for minutes: the core's queue is not held meanwhile (other
    /// calls go on); the answer comes back to it.
    @objc override public func requestPermissions(_ call: CAPPluginCall) {
        let answer = PendingCall(call: call) { Notifications.permissionStatus() }
        Notifications.requestAuthorization { error in
            NativeCore.queue.async {
                if let error {
                    answer.call.reject(error.localizedDescription, "UNAVAILABLE")
                    return
                }
                Schedule.rearmOnEntry()
                answer.settle()
            }
        }
    }

    @objc override public func checkPermissions(_ call: CAPPluginCall) {
        run(call) { Notifications.permissionStatus() }
    }

    @objc func getNotificationStatus(_ call: CAPPluginCall) {
        run(call) {
            var status = try Schedule.handle(["type": "status"])["notifications"] as? [String: Any] ?? [:]
            status["isEnabled"] = Notifications.permissionStatus()["allPermissionsGranted"] as? Bool ?? false
            return status
        }
    }

    /// Cancels every schedule (dual and reminders) and removes the plugin's shown notifications,
    /// as on Android; the fetcher stays.
    @objc func cancelAllNotifications(_ call: CAPPluginCall) {
        schedulingCall(call)
    }

    /// The most recent notification of this plugin still in Notification Center. Resolves with no
    /// value when there is none (`call.resolve()`: JavaScript sees `undefined`, never `{}`), the
    /// documented answer; a Capacitor call cannot resolve a bare null.
    @objc func getLastNotification(_ call: CAPPluginCall) {
        run(call) {
            guard let last = Notifications.delivered().max(by: { $0.date < $1.date }) else { return nil }
            return [
                "id": last.request.identifier,
                "title": last.request.content.title,
                "body": last.request.content.body,
                "shownAt": rfc3339(last.date),
            ]
        }
    }

    // MARK: Diagnostics

    @objc func getDiagnostics(_ call: CAPPluginCall) {
        run(call) { try DeliveryDiagnostics.collect() }
    }

    /// The old plugin's call, answered from the same state as getDiagnostics.
    @objc func isAlarmScheduled(_ call: CAPPluginCall) {
        run(call) { ["scheduled": DeliveryDiagnostics.scheduleInstants().scheduled] }
    }

    /// The old plugin's call, answered from the same state as getDiagnostics.
    @objc func getNextAlarmTime(_ call: CAPPluginCall) {
        run(call) {
            let instants = DeliveryDiagnostics.scheduleInstants()
            return ["scheduled": instants.scheduled, "nextAlarmAt": orNull(instants.nextNotificationAt)]
        }
    }

    // MARK: Android only

    @objc func getExactAlarmStatus(_ call: CAPPluginCall) {
        call.unimplemented("getExactAlarmStatus is Android only")
    }

    @objc func requestExactAlarmPermission(_ call: CAPPluginCall) {
        call.unimplemented("requestExactAlarmPermission is Android only")
    }

    @objc func openExactAlarmSettings(_ call: CAPPluginCall) {
        call.unimplemented("openExactAlarmSettings is Android only")
    }

    // MARK: Plumbing

    /// Runs `work` on the core's queue and settles the call: a dictionary resolves it, nil
    /// resolves it with no value (`undefined` in JavaScript), a NativeCoreError rejects it with the core's code and message.
    private func run(_ call: CAPPluginCall, _ work: @escaping () throws -> [String: Any]?) {
        let pending = PendingCall(call: call, work: work)
        NativeCore.queue.async { pending.settle() }
    }
}

/// A plugin call and its work, handed to the core's queue. Capacitor's CAPPluginCall is not
/// Sendable; it is safe here because only that queue touches it from then on, once.
private struct PendingCall: @unchecked Sendable {
    let call: CAPPluginCall
    let work: () throws -> [String: Any]?

    func settle() {
        do {
            if let result = try work() {
                call.resolve(result)
            } else {
                call.resolve()
            }
        } catch let error as NativeCoreError {
            call.reject(error.message, error.code, nil, error.data)
        } catch {
            call.reject(error.localizedDescription, "INTERNAL")
        }
    }
}
