import CryptCheckModel
import Foundation
import TestSupport
import Testing

@testable import CryptCheckTLS

/// One bounded pool of threads per run, however deeply probes fan out (issue 13 item 3).
@Suite("Worker pool")
struct WorkerPoolTests {
    @Test func nestedMapsOnASmallPoolFinishInOrder() {
        let pool = WorkerPool(size: 2)
        let results = pool.map(Array(0..<6), width: 4) { outer in
            pool.map(Array(0..<5), width: 4) { middle in
                pool.map(Array(0..<3), width: 3) { inner in
                    usleep(1000)
                    return outer * 100 + middle * 10 + inner
                }.reduce(0, +)
            }
        }
        let expected = (0..<6).map { outer in (0..<5).map { middle in (0..<3).reduce(0) { $0 + outer * 100 + middle * 10 + $1 } } }
        #expect(results == expected)
        #expect(pool.peakThreads <= 2)
    }

    @Test func aCallerWorksThroughItsItemsWhenEveryThreadIsBusy() {
        let pool = WorkerPool(size: 1)
        let started = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        pool.submit {
            started.signal()
            release.wait()
        }
        started.wait()
        // The pool's only thread is held: the items must be done on this thread, not wait for it.
        #expect(pool.map(Array(0..<4), width: 4) { $0 * 2 } == [0, 2, 4, 6])
        release.signal()
    }

    @Test func threeEndpointsShareOnePoolWithinItsSize() throws {
        let files = LocalServer.fixtures
        let server = try LocalServer(["-cert", files + "/certs/rsa2048-sha256.pem", "-key", files + "/keys/rsa2048-pkcs1.pem"])
        let limits = ConnectionLimits(perHost: 8, global: 6)
        let observations = TLSScanner.scan(
            ["127.0.0.1", "localhost", "127.1"].map {
                TLSScanner(host: $0, port: server.port, limits: limits, family: .ipv4)
            })
        #expect(observations.allSatisfy { $0.versions.contains { $0.status == .yes } && $0.failures.isEmpty })
        #expect(Set(observations.map(\.cipherSuites)).count == 1)
        #expect(limits.workers.peakThreads <= 6, "\(limits.workers.peakThreads) threads")
        #expect(limits.workers.peakThreads >= 2)
    }
}
