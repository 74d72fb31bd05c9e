// The old plugin's stored state (@timesafari/daily-notification-plugin): its starred plan ids,
// read once at plugin load when they are there. The native core decides what to do with them
// (rust/core/src/legacy.rs: import when the plugin has none); this file only reads the old key and
// deletes it when the core says so. Where the old plugin kept them on iOS is not in any source
// this project could read: the location below mirrors Android's (SharedPreferences file
// "daily_notification_timesafari", key "starredPlanIds") and is the one place to correct
// (docs/migrating-from-daily-notification-plugin.md, "The old stored state").
import Foundation

enum LegacyState {
    static let suiteName = "daily_notification_timesafari"
    static let starredPlanIdsKey = "starredPlanIds"

    /// Call on `NativeCore.queue`, before the app's first call runs.
    static func migrate() {
        guard let defaults = UserDefaults(suiteName: suiteName),
              let value = defaults.object(forKey: starredPlanIdsKey) else { return }
        do {
            let input = try NativeCore.json(["starredPlanIds": jsonValue(value)])
            let answer = try NativeCore.object(NativeCore.importLegacyStarredPlans(input))
            if answer["deleteLegacy"] as? Bool == true {
                defaults.removeObject(forKey: starredPlanIdsKey)
            }
            let outcome = answer["outcome"] as? String ?? "?"
            NSLog("DailyNotification: old plugin's starred plans: \(outcome)")
        } catch let error as NativeCoreError {
            // The old key stays; the next launch tries again.
            NSLog("DailyNotification: old plugin's starred plans not migrated: \(error.code)")
        } catch {
            NSLog("DailyNotification: old plugin's starred plans not migrated")
        }
    }

    /// A string (JSON text) or a string array as they are; any other type becomes `false`, which
    /// the core reports as unreadable (the key then stays).
    private static func jsonValue(_ value: Any) -> Any {
        if let text = value as? String { return text }
        if let list = value as? [String] { return list }
        return false
    }
}
