import CryptCheckModel
import Foundation
import TestSupport
import Testing

@testable import CryptCheckTLS

/// The per-host limit holds for a server however it is spelt (issue 11 item 10).
@Suite("Per-host limits by address")
struct ConnectionLimitKeyTests {
    @Test func spellingsOfOneAddressShareOnePerHostLimit() throws {
        // Each connection waits until two are open at once, so the probes overlap without timing.
        let barrier = ConcurrencyBarrier(count: 2)
        let server = try FakeServer { _, connection in
            _ = connection.read()
            barrier.hold()
        }
        let limits = ConnectionLimits(perHost: 2, global: 32)
        let spellings = ["127.0.0.1", "localhost", "127.1", "127.000.000.001"]
        let observations = TLSScanner.scan(
            spellings.map {
                TLSScanner(host: $0, port: server.port, timeout: .seconds(3), limits: limits, family: .ipv4, retries: 0)
            })
        #expect(observations.allSatisfy { $0.address == "127.0.0.1" }, "\(observations.map(\.address))")
        #expect(barrier.timeouts == 0, "two connections were never open at once")
        #expect(server.peakConcurrency == 2, "peak \(server.peakConcurrency) with a per-host limit of 2")
        #expect(server.connectionCount >= 4 * 6)
    }
}
