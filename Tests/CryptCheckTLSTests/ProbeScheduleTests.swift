import CryptCheckModel
import Foundation
import Synchronization
import Testing

@testable import CryptCheckTLS

/// Probe families run once what they need is found, side by side where they can, and what
/// they found is recorded in the order they are listed (issue 13 item 3).
@Suite("Probe schedule")
struct ProbeScheduleTests {
    static let start = TLSEndpointObservation(host: "example.test", port: 443, serverName: "example.test")

    /// What the families did, in the order they did it, from any thread.
    final class RunLog: Sendable {
        private let lines = Mutex<[String]>([])
        func append(_ line: String) { lines.withLock { $0.append(line) } }
        var all: [String] { lines.withLock { $0 } }
    }

    /// A family that notes when it ran and what it saw, and fails with its name so that the
    /// order of the recorded failures shows the order results were recorded in.
    static func family(
        _ name: String, finds: ScanFact, needs: Set<ScanFact>, log: RunLog,
        part: @escaping @Sendable (ScanFindings) -> TLSScanner.Part
    ) -> ProbeFamily {
        ProbeFamily(finds: finds, needs: needs) { found in
            log.append("\(name) saw \(found.observation.cipherSuites.count) suite enumerations")
            return (part(found), [ProbeFailure(.unknown, name)])
        }
    }

    @Test func familiesRunAfterWhatTheyNeedAndAreRecordedInListOrder() {
        let log = RunLog()
        let handshake = TLSEndpointOutcome(kind: .handshake)
        let families = [
            Self.family("versions", finds: .versions, needs: [], log: log) { _ in
                .versions([VersionSupport(version: .tlsv1_2, status: .yes)], [], handshake)
            },
            Self.family("chains", finds: .chains, needs: [.suites], log: log) { _ in .chains([]) },
            Self.family("suites", finds: .suites, needs: [.versions], log: log) { found in
                .suites(found.acceptedVersions.map { SuiteEnumeration(version: $0, accepted: [CipherSuite(0xC02F)]) }, [])
            },
            Self.family("schemes", finds: .signatureSchemes, needs: [.versions], log: log) { _ in .schemes(nil) },
        ]
        let findings = ProbeSchedule.run(families, on: WorkerPool(size: 2), from: Self.start)
        let ran = log.all
        #expect(ran.first == "versions saw 0 suite enumerations")
        #expect(ran.last == "chains saw 1 suite enumerations")
        #expect(Set(ran.dropFirst().dropLast()) == ["suites saw 0 suite enumerations", "schemes saw 0 suite enumerations"])
        #expect(findings.observation.failures == ["versions", "chains", "suites", "schemes"])
        #expect(findings.observation.cipherSuites.map(\.accepted) == [[CipherSuite(0xC02F)]])
    }

    @Test func anEndpointWithoutAHandshakeEndsTheSchedule() {
        let log = RunLog()
        let families = [
            Self.family("versions", finds: .versions, needs: [], log: log) { _ in
                .versions([VersionSupport(version: .tlsv1_2, status: .no)], [], TLSEndpointOutcome(kind: .closed))
            },
            Self.family("suites", finds: .suites, needs: [.versions], log: log) { _ in .suites([], []) },
        ]
        let findings = ProbeSchedule.run(families, on: WorkerPool(size: 2), from: Self.start)
        #expect(log.all == ["versions saw 0 suite enumerations"])
        #expect(findings.observation.outcome?.kind == .closed)
    }

    @Test func everyNeedOfTheScannersFamiliesIsFoundByAnEarlierFamily() {
        let families = TLSScanner(host: "127.0.0.1", port: 443).families
        var found: Set<ScanFact> = []
        // In list order every need is found by families listed before, and each fact is found
        // by some family: the schedule can never stall.
        for (index, family) in families.enumerated() {
            #expect(family.needs.allSatisfy { need in families[..<index].contains { $0.finds == need } }, "\(family.finds)")
            found.insert(family.finds)
        }
        #expect(found == Set(ScanFact.allCases))
        #expect(families.first { $0.finds == .suites }?.needs == [.versions])
        #expect(families.first { $0.finds == .dhParameters }?.needs.contains(.groups) == true)
    }
}
