// Declarations (test tree only, never run) of the BackgroundTasks API the plugin uses, as Swift
// imports it from the iOS 18 SDK. Source: developer.apple.com/documentation/backgroundtasks/<symbol>
// and BGTaskScheduler.h / BGTask.h / BGTaskRequest.h. The blocks carry no NS_SWIFT_SENDABLE there
// (launchHandler: @escaping (BGTask) -> Void, expirationHandler: (() -> Void)?); `init` is
// NS_UNAVAILABLE on BGTask, BGTaskRequest and BGTaskScheduler.
import Foundation

private func declarationOnly() -> Never { fatalError("declaration only") }

// .../bgtask
open class BGTask: NSObject {
    @available(*, unavailable) override public init() { declarationOnly() }
    open var identifier: String { declarationOnly() }
    // .../bgtask/expirationhandler
    open var expirationHandler: (() -> Void)? { get { declarationOnly() } set { declarationOnly() } }
    // .../bgtask/settaskcompleted(success:)
    open func setTaskCompleted(success: Bool) { declarationOnly() }
}

// .../bgapprefreshtask
open class BGAppRefreshTask: BGTask {}

// .../bgtaskrequest
open class BGTaskRequest: NSObject {
    @available(*, unavailable) override public init() { declarationOnly() }
    init(designated identifier: String) { declarationOnly() }
    open var identifier: String { declarationOnly() }
    open var earliestBeginDate: Date? { get { declarationOnly() } set { declarationOnly() } }
}

// .../bgapprefreshtaskrequest
open class BGAppRefreshTaskRequest: BGTaskRequest {
    public init(identifier: String) { super.init(designated: identifier) }
}

// .../bgtaskscheduler
open class BGTaskScheduler: NSObject {
    @available(*, unavailable) override public init() { declarationOnly() }
    open class var shared: BGTaskScheduler { declarationOnly() }

    // .../bgtaskscheduler/register(fortaskwithidentifier:using:launchhandler:)
    @discardableResult
    open func register(forTaskWithIdentifier identifier: String, using queue: DispatchQueue?,
                       launchHandler: @escaping (BGTask) -> Void) -> Bool { declarationOnly() }
    // .../bgtaskscheduler/submit(_:) — throws BGTaskScheduler.Error
    open func submit(_ taskRequest: BGTaskRequest) throws { declarationOnly() }
    open func cancel(taskRequestWithIdentifier identifier: String) { declarationOnly() }
    open func cancelAllTaskRequests() { declarationOnly() }
    open func getPendingTaskRequests(completionHandler: @escaping ([BGTaskRequest]) -> Void) {
        declarationOnly()
    }
    open func pendingTaskRequests() async -> [BGTaskRequest] { declarationOnly() }

    // .../bgtaskscheduler/error
    public struct Error: Swift.Error, @unchecked Sendable {
        public enum Code: Int, @unchecked Sendable {
            case unavailable = 1
            case tooManyPendingTaskRequests = 2
            case notPermitted = 3
        }
        public var code: Code { declarationOnly() }
    }
}
