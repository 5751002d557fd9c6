import CryptCheckModel
import Foundation
import TestSupport
import Testing

@testable import CryptCheckTLS

/// A server that answers every hello just inside the timeout cannot hold a scan past the
/// endpoint's budget (issue 11 item 3).
@Suite("Endpoint time budget")
struct EndpointBudgetTests {
    /// A TLS 1.2 ServerHello choosing `suite`, and ServerHelloDone, in one record.
    static func serverHello(_ suite: UInt16) -> [UInt8] {
        let body: [UInt8] = [0x03, 0x03] + Array(repeating: 0x42, count: 32) + [0x00, UInt8(suite >> 8), UInt8(suite & 0xFF), 0x00]
        let handshake = [0x02, 0x00, 0x00, UInt8(body.count)] + body + [0x0E, 0x00, 0x00, 0x00]
        return [0x16, 0x03, 0x03, 0x00, UInt8(handshake.count)] + handshake
    }

    @Test func aSlowServerEndsIncompleteWhenTheBudgetRunsOut() throws {
        // Accepts TLS 1.2 with whatever it is offered first, 0.45 s after each hello.
        let slow = try FakeServer { _, connection in
            let hello = connection.read()
            connection.stall(0.45)
            // The first offered suite: record (5) + handshake header (4) + version, random,
            // session id length byte (35) + session id + suites length (2).
            guard hello.count > 46 else { return }
            let sessionLength = Int(hello[43])
            let at = 44 + sessionLength + 2
            guard hello.count > at + 1 else { return }
            connection.write(Self.serverHello(UInt16(hello[at]) << 8 | UInt16(hello[at + 1])))
        }
        var scanner = TLSScanner(
            host: "127.0.0.1", port: slow.port, timeout: .milliseconds(500),
            limits: ConnectionLimits(perHost: 2, global: 2), retries: 0)
        scanner.budget = .seconds(2)
        let started = ContinuousClock.now
        let observation = scanner.scan()
        let took = ContinuousClock.now - started
        // Without the budget this server keeps the scan busy for well over a minute.
        #expect(took < .seconds(6), "took \(took)")
        #expect(observation.versions.contains { $0.status == .yes }, "\(observation.versions)")
        let incomplete =
            observation.cipherSuites.contains { !$0.complete } || !observation.failures.isEmpty
            || observation.versions.contains { $0.status.isFailure }
        #expect(incomplete, "the endpoint must be incomplete")
        #expect(observation.allFailureCodes.contains(.connectionBudgetExhausted), "\(observation.failures)")
    }
}

extension TLSEndpointObservation {
    /// The codes of the endpoint's failed probes: the endpoint's failures, then each failed
    /// version's.
    var allFailureCodes: [ErrorCode?] {
        (failureCodes ?? []).map(Optional.some)
            + versions.compactMap {
                if case .failed(_, let code) = $0.status { return code }
                return nil
            }
    }
}
