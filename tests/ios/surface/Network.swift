// Declarations (test tree only, never run) of the Network framework API the XCTest loopback server
// (ios/Tests/.../LoopbackEndorser.swift) uses, as the iOS 18 SDK's Swift overlay declares it.
// Source: developer.apple.com/documentation/network/<symbol>. The handlers are
// `@preconcurrency` and `@Sendable`, as the overlay declares them.
import AppleFoundation
import Foundation

private func declarationOnly() -> Never { fatalError("declaration only") }

// dns_sd.h: typedef int32_t DNSServiceErrorType
public typealias DNSServiceErrorType = Int32

// .../nwerror
public enum NWError: Error, @unchecked Sendable {
    case posix(POSIXErrorCode)
    case dns(DNSServiceErrorType)
    case tls(OSStatus)
}

// .../ipv4address, .../ipv6address
public struct IPv4Address: Hashable, @unchecked Sendable {}
public struct IPv6Address: Hashable, @unchecked Sendable {}

// .../nwendpoint
public enum NWEndpoint: Hashable, @unchecked Sendable {
    case hostPort(host: NWEndpoint.Host, port: NWEndpoint.Port)
    case service(name: String, type: String, domain: String, interface: NWInterface?)
    case unix(path: String)
    case url(URL)

    public enum Host: Hashable, ExpressibleByStringLiteral, @unchecked Sendable {
        case name(String, NWInterface?)
        case ipv4(IPv4Address)
        case ipv6(IPv6Address)
        public init(stringLiteral value: String) { declarationOnly() }
        public init(_ string: String) { declarationOnly() }
    }

    public struct Port: Hashable, ExpressibleByIntegerLiteral, RawRepresentable, @unchecked Sendable {
        public static let any: NWEndpoint.Port = 0
        public let rawValue: UInt16
        public init?(rawValue: UInt16) { declarationOnly() }
        public init(integerLiteral value: UInt16) { declarationOnly() }
    }
}

// .../nwinterface
public struct NWInterface: Hashable, @unchecked Sendable {}

// .../nwparameters
final public class NWParameters: @unchecked Sendable {
    public class var tcp: NWParameters { declarationOnly() }
    final public var requiredLocalEndpoint: NWEndpoint? { get { declarationOnly() } set { declarationOnly() } }
}

// .../nwconnection
final public class NWConnection: @unchecked Sendable {
    public enum SendCompletion: @unchecked Sendable {
        case contentProcessed(@Sendable (NWError?) -> Void)
        case idempotent
    }

    final public class ContentContext: @unchecked Sendable {
        public static let defaultMessage = ContentContext()
        private init() {}
    }

    final public func start(queue: DispatchQueue) { declarationOnly() }
    final public func cancel() { declarationOnly() }
    // .../nwconnection/receive(minimumincompletelength:maximumlength:completion:)
    @preconcurrency final public func receive(minimumIncompleteLength: Int, maximumLength: Int,
                              completion: @escaping @Sendable (_ content: Data?, _ contentContext: NWConnection.ContentContext?,
                                                               _ isComplete: Bool, _ error: NWError?) -> Void) {
        declarationOnly()
    }
    // .../nwconnection/send(content:contentcontext:iscomplete:completion:)
    final public func send(content: Data?, contentContext: NWConnection.ContentContext = .defaultMessage,
                           isComplete: Bool = true, completion: NWConnection.SendCompletion) { declarationOnly() }
}

// .../nwlistener
final public class NWListener: @unchecked Sendable {
    public enum State: @unchecked Sendable {
        case setup
        case waiting(NWError)
        case ready
        case failed(NWError)
        case cancelled
    }

    // .../nwlistener/init(using:on:)
    public convenience init(using parameters: NWParameters, on port: NWEndpoint.Port = .any) throws { declarationOnly() }
    final public var port: NWEndpoint.Port? { declarationOnly() }
    @preconcurrency final public var stateUpdateHandler: (@Sendable (_ newState: NWListener.State) -> Void)? {
        get { declarationOnly() } set { declarationOnly() }
    }
    @preconcurrency final public var newConnectionHandler: (@Sendable (_ connection: NWConnection) -> Void)? {
        get { declarationOnly() } set { declarationOnly() }
    }
    final public func start(queue: DispatchQueue) { declarationOnly() }
    final public func cancel() { declarationOnly() }
}
