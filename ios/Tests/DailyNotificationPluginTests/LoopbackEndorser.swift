// RUNS ONLY ON macOS, in a simulator (hosted by ios/TestHost, .github/workflows/ios.yml); on Linux
// it is only typechecked (tests/ios/swift-check.sh). An HTTP/1.1 server on 127.0.0.1 (Network framework)
// that answers the Endorser report the prefetch asks for with one changed plan.
import Foundation
import Network

final class LoopbackEndorser: @unchecked Sendable { // its counters are lock-guarded
    static let plan = "https://endorser.ch/entity/01M80V4QY5VAHEENK1VFTX3P33"

    private let listener: NWListener
    private let queue = DispatchQueue(label: "loopback-endorser")
    private let lock = NSLock()
    private var reportCount = 0
    private var bearerCount = 0

    init() throws {
        let parameters = NWParameters.tcp
        parameters.requiredLocalEndpoint = NWEndpoint.hostPort(host: "127.0.0.1", port: .any)
        listener = try NWListener(using: parameters)
        let ready = DispatchSemaphore(value: 0)
        listener.stateUpdateHandler = { state in
            if case .ready = state { ready.signal() }
        }
        listener.newConnectionHandler = { [weak self] connection in self?.serve(connection) }
        listener.start(queue: queue)
        _ = ready.wait(timeout: .now() + 10)
    }

    deinit { listener.cancel() }

    var baseURL: String { "http://127.0.0.1:\(listener.port?.rawValue ?? 0)" }
    var reports: Int { lock.lock(); defer { lock.unlock() }; return reportCount }
    var requestsWithBearer: Int { lock.lock(); defer { lock.unlock() }; return bearerCount }

    private func serve(_ connection: NWConnection) {
        connection.start(queue: queue)
        receive(connection, Data())
    }

    private func receive(_ connection: NWConnection, _ buffer: Data) {
        connection.receive(minimumIncompleteLength: 1, maximumLength: 65536) { [weak self] data, _, done, error in
            guard let self else { return }
            var buffer = buffer
            if let data { buffer.append(data) }
            if let head = Self.completeRequestHead(buffer) {
                self.respond(connection, head)
            } else if done || error != nil {
                connection.cancel()
            } else {
                self.receive(connection, buffer)
            }
        }
    }

    /// The request line and headers once the whole body has arrived.
    private static func completeRequestHead(_ buffer: Data) -> String? {
        guard let text = String(data: buffer, encoding: .utf8),
              let end = text.range(of: "\r\n\r\n") else { return nil }
        let head = String(text[..<end.lowerBound])
        let length = head.lowercased().components(separatedBy: "\r\n")
            .first { $0.hasPrefix("content-length:") }
            .flatMap { Int($0.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) } ?? 0
        return text[end.upperBound...].utf8.count >= length ? head : nil
    }

    private func respond(_ connection: NWConnection, _ head: String) {
        let isReport = head.hasPrefix("POST /api/v2/report/plansLastUpdatedBetween ")
        lock.lock()
        if isReport { reportCount += 1 }
        if head.lowercased().contains("\r\nauthorization: bearer ") { bearerCount += 1 }
        lock.unlock()
        let body = isReport
            ? "{\"data\":[{\"plan\":{\"jwtId\":\"01M80V4R0S68JZJ7E8FY5D8DV9\",\"handleId\":\"\(Self.plan)\",\"name\":\"Plan A\"}}],\"hitLimit\":false}"
            : "{\"error\":\"not found\"}"
        let response = "HTTP/1.1 \(isReport ? 200 : 404) X\r\nContent-Type: application/json\r\n"
            + "Content-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n\(body)"
        connection.send(content: Data(response.utf8), completion: .contentProcessed { _ in connection.cancel() })
    }
}
