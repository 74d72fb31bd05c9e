// BUILT ONLY ON macOS (ios/TestHost/project.yml, .github/workflows/ios.yml): the empty app that
// hosts the XCTest suite, so the suite runs with a bundle identifier, a Keychain and a
// notification center as a real app has.
import SwiftUI

@main
struct TestHostApp: App {
    var body: some Scene {
        WindowGroup {
            Text("DailyNotification test host")
        }
    }
}
