// swift-tools-version: 5.9
// SwiftPM manifest of the plugin, at the repository root (Capacitor's CLI and
// package.json "files" look for ./Package.swift); paths below are relative to the root.
// The binary target is a library XCFramework (static library + headers + module map) built by
// scripts/build-ios.sh on a Mac (docs/ios-build.md). The XCTest suite (ios/Tests) runs hosted in a
// small app (ios/TestHost) on a simulator in .github/workflows/ios.yml: the notification center
// needs an app bundle, so it is not a SwiftPM test target.
import PackageDescription

let package = Package(
    name: "TimesafariDailyNotificationPluginRs",
    platforms: [.iOS(.v15)],
    products: [
        .library(
            name: "TimesafariDailyNotificationPluginRs",
            targets: ["DailyNotificationPlugin"])
    ],
    dependencies: [
        .package(url: "https://github.com/ionic-team/capacitor-swift-pm.git", from: "8.0.0")
    ],
    targets: [
        .binaryTarget(
            name: "DailyNotificationCore",
            path: "ios/Frameworks/DailyNotificationCore.xcframework"),
        .target(
            name: "DailyNotificationPlugin",
            dependencies: [
                .product(name: "Capacitor", package: "capacitor-swift-pm"),
                .product(name: "Cordova", package: "capacitor-swift-pm"),
                "DailyNotificationCore",
            ],
            path: "ios/Sources/DailyNotificationPlugin",
            // The privacy manifest (docs/ios-build.md, "Privacy manifest"), relative to `path`.
            // Xcode copies it into the target's resource bundle, where the App Store's privacy
            // report and upload check find it.
            resources: [.copy("PrivacyInfo.xcprivacy")],
            linkerSettings: [
                // The Rust core verifies TLS with the system trust store (Security framework).
                .linkedFramework("Security"),
                .linkedFramework("CoreFoundation"),
            ])
    ],
    // Swift 5 language mode, on purpose (the podspec pins the same): in Swift 6 mode the sources do
    // not compile yet. They keep process-wide state in mutable statics guarded by NSLock
    // (BackgroundPrefetch.registered), pass non-Sendable `[String: Any]` JSON in errors and
    // results, and capture state inside `@Sendable` completion handlers of UNUserNotificationCenter
    // and BGTaskScheduler; Capacitor's own CAPPlugin API is not annotated for Sendable either.
    // Moving to Swift 6 means making those types Sendable (or main-actor bound), not a flag flip.
    swiftLanguageVersions: [.v5]
)
