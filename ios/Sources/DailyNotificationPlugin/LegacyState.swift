// The old plugin's stored state (@timesafari/daily-notification-plugin) and what it leaves behind,
// handled once at plugin load, idempotent (a later launch finds nothing). Foundation only: also
// compiled and run on Linux (tests/ios/linux), seeded with the old state.
// - Its starred plan ids: read from both places the old plugin may have kept them (the suite
//   "daily_notification_timesafari", key "starredPlanIds", as on Android; and the dotted key
//   "daily_notification_timesafari.starredPlanIds" in the standard defaults, where its 3.0.0 docs
//   put it: ../shared/reference/timesafari-plugin-api.md). The native core decides what to do with
//   them (rust/core/src/legacy.rs: import when the plugin has none); the old keys are deleted when
//   the core says so.
// - Then the rest of its defaults (the suite, and every dotted key of that prefix), which may hold
//   a DID, a token or project names, and its pending and delivered notification requests
//   (`daily_timesafari_reminder`, `dual_notify_*`, `dual_fetch_*`): they would keep firing beside
//   this plugin's ("dnp." ids), and cancelAllNotifications does not touch them
//   (docs/migrating-from-daily-notification-plugin.md, "The old stored state").
import Foundation

enum LegacyState {
    static let suiteName = "daily_notification_timesafari"
    static let starredPlanIdsKey = "starredPlanIds"
    /// The old plugin's keys in the standard defaults start with this.
    static let dottedPrefix = suiteName + "."

    /// The old plugin's notification request ids: exactly these, or starting with a prefix here.
    static let oldRequestIds = ["daily_timesafari_reminder"]
    static let oldRequestPrefixes = ["dual_notify_", "dual_fetch_", "daily_notification_"]

    /// Whether a notification request is the old plugin's (never one of this plugin's "dnp." ids,
    /// nor the app's own).
    static func isOldRequest(_ identifier: String) -> Bool {
        oldRequestIds.contains(identifier) || oldRequestPrefixes.contains { identifier.hasPrefix($0) }
    }

    /// Call on `NativeCore.queue`, before the app's first call runs. Returns true when the old
    /// plugin's defaults are gone (then its notification requests can go too).
    @discardableResult
    static func migrate(standard: UserDefaults = .standard, suite: UserDefaults? = UserDefaults(suiteName: suiteName)) -> Bool {
        let dottedKey = dottedPrefix + starredPlanIdsKey
        if let value = suite?.object(forKey: starredPlanIdsKey) ?? standard.object(forKey: dottedKey) {
            do {
                let input = try NativeCore.json(["starredPlanIds": jsonValue(value)])
                let answer = try NativeCore.object(NativeCore.importLegacyStarredPlans(input))
                let outcome = answer["outcome"] as? String ?? "?"
                NSLog("DailyNotification: old plugin's starred plans: \(outcome)")
                guard answer["deleteLegacy"] as? Bool == true else { return false }
            } catch let error as NativeCoreError {
                // The old keys stay; the next launch tries again.
                NSLog("DailyNotification: old plugin's starred plans not migrated: \(error.code)")
                return false
            } catch {
                NSLog("DailyNotification: old plugin's starred plans not migrated")
                return false
            }
        }
        // Imported (or there was nothing to import): nothing of the old defaults is needed any more.
        if let suite {
            for key in standard.persistentDomain(forName: suiteName)?.keys.map({ $0 }) ?? [] {
                suite.removeObject(forKey: key)
            }
            suite.removeObject(forKey: starredPlanIdsKey)
        }
        standard.removePersistentDomain(forName: suiteName)
        for key in standard.dictionaryRepresentation().keys where key.hasPrefix(dottedPrefix) {
            standard.removeObject(forKey: key)
        }
        return true
    }

    /// A string (JSON text) or a string array as they are; any other type becomes `false`, which
    /// the core reports as unreadable (the key then stays).
    private static func jsonValue(_ value: Any) -> Any {
        if let text = value as? String { return text }
        if let list = value as? [String] { return list }
        return false
    }
}
