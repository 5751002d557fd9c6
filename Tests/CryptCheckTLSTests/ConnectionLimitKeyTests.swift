@testable import CryptCheckTLS
import CryptCheckModel
import Foundation
import Testing
import TestSupport

/// The per-host limit holds for a server however it is spelt (issue 11 item 10).
@Suite("Per-host limits by address")
struct ConnectionLimitKeyTests {
    @Test func spellingsOfOneAddressShareOnePerHostLimit() throws {
        let server = try FakeServer { _, connection in
            _ = connection.read()
            connection.stall(0.1)  // hold each connection so that probes overlap
        }
        let limits = ConnectionLimits(perHost: 2, global: 32)
        let spellings = ["127.0.0.1", "localhost", "127.1", "127.000.000.001"]
        let observations = TLSScanner.scan(spellings.map {
            TLSScanner(host: $0, port: server.port, timeout: .seconds(3), limits: limits, family: .ipv4, retries: 0)
        })
        #expect(observations.allSatisfy { $0.address == "127.0.0.1" }, "\(observations.map(\.address))")
        #expect(server.peakConcurrency == 2, "peak \(server.peakConcurrency) with a per-host limit of 2")
        #expect(server.connectionCount >= 4 * 6)
    }
}
