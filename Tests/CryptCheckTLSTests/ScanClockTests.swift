import CryptCheckModel
import Foundation
import TestSupport
import Testing

@testable import CryptCheckTLS

/// Deadlines, the budget and retry pauses follow the scanner's clock (issue 13 item 3).
@Suite("Scan clock")
struct ScanClockTests {
    @Test func retryPausesAreTakenOnTheInjectedClock() throws {
        let closedPort = try LocalServer.freePort()  // nothing listens: every connect is refused
        let clock = ManualClock()
        var probe = HandshakeProbe(host: "127.0.0.1", port: closedPort, timeout: .seconds(2))
        probe.retries = 4
        probe.clock = clock
        let started = ContinuousClock.now
        guard case .failed(let reason, let code) = probe.run(ClientHelloSpec(version: .tlsv1_2, cipherSuites: [CipherSuite(0xC02F)])) else {
            Issue.record("a refused connection must be a failure")
            return
        }
        #expect(code == .connectionRefused, "\(reason)")
        #expect(clock.sleeps == [.milliseconds(100), .milliseconds(200), .milliseconds(400), .milliseconds(800)])
        #expect(ContinuousClock.now - started < .milliseconds(700), "the pauses of 1.5 s must not be slept for real")
    }

    @Test func theBudgetRunsOutOnTheInjectedClock() throws {
        let files = LocalServer.fixtures
        let server = try LocalServer(["-cert", files + "/certs/rsa2048-sha256.pem", "-key", files + "/keys/rsa2048-pkcs1.pem"])
        // Each connection takes a second of the clock's time (less than the timeout), so a
        // budget of forty seconds runs out after forty of them: after the version probes, long
        // before the scan (well over a hundred connections) is done.
        let clock = ManualClock()
        let transport = ObservingTransport(redirect: { address in
            clock.advance(by: .seconds(1))
            return address
        })
        var scanner = TLSScanner(host: "127.0.0.1", port: server.port, retries: 0)
        scanner.transport = transport
        scanner.clock = clock
        scanner.budget = .seconds(40)
        let started = ContinuousClock.now
        let observation = scanner.scan()
        #expect(ContinuousClock.now - started < .seconds(10))
        // No connection starts once the budget is out: at most the probes already past their
        // check (one per connection the host may hold) connect after the fortieth.
        #expect(transport.connectionCount <= 40 + ConnectionLimits.defaultPerHost, "\(transport.connectionCount) connections")
        #expect(observation.versions.contains { $0.status == .yes }, "\(observation.versions)")
        #expect(observation.allFailureCodes.contains(.connectionBudgetExhausted), "\(observation.failures)")
    }
}
