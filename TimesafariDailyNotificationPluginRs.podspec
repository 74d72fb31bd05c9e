# CocoaPods spec of the plugin, at the repository root beside package.json (Capacitor's
# CLI looks for ./*.podspec); paths below are relative to the root. The XCFramework is a library
# XCFramework (static library, header and module map per slice) built by scripts/build-ios.sh on a
# Mac (docs/ios-build.md); CocoaPods links it and puts its Headers on the search path.
require 'json'

package = JSON.parse(File.read(File.join(__dir__, 'package.json')))

Pod::Spec.new do |s|
  s.name = 'TimesafariDailyNotificationPluginRs'
  s.version = package['version']
  s.summary = package['description']
  s.license = package['license']
  s.homepage = 'https://github.com/trentlarson/daily-notification-plugin-rs'
  s.author = 'TimeSafari'
  s.source = { :git => 'https://github.com/trentlarson/daily-notification-plugin-rs.git', :tag => s.version.to_s }
  s.source_files = 'ios/Sources/DailyNotificationPlugin/**/*.swift'
  # The privacy manifest (docs/ios-build.md, "Privacy manifest") in a resource bundle of its own,
  # as Capacitor's own podspec ships its manifest (node_modules/@capacitor/ios/Capacitor.podspec).
  s.resource_bundles = { 'TimesafariDailyNotificationPluginRs_Privacy' => ['ios/Sources/DailyNotificationPlugin/PrivacyInfo.xcprivacy'] }
  s.vendored_frameworks = 'ios/Frameworks/DailyNotificationCore.xcframework'
  s.frameworks = 'Security', 'CoreFoundation', 'BackgroundTasks', 'UserNotifications'
  s.ios.deployment_target = '15.0'
  s.dependency 'Capacitor'
  # Swift 5 language mode on purpose, as Package.swift pins it (the reason is written there: the
  # sources do not compile in Swift 6 mode yet).
  s.swift_version = '5.9'
  # Same module name as the SwiftPM target, so apps `import DailyNotificationPlugin` either way.
  s.module_name = 'DailyNotificationPlugin'
end
