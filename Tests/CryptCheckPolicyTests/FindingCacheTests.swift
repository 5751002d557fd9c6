import CryptCheckModel
import Foundation
import Testing

@testable import CryptCheckPolicy

/// Findings made for repeated facts come from the judge's cache: they must equal what a judge
/// that never saw the facts makes, subject included.
@Suite("Finding cache")
struct FindingCacheTests {
    private func file(_ path: String, notAfter: String) -> FileObservation {
        let rsa = KeyFacts(algorithm: .rsa, bits: 2048)
        let certificate = Lists.certificate(key: rsa, signature: Lists.sha256WithRSA, notAfter: notAfter)
        let envelope = [ProtectionAlgorithm(role: .cipher, primitive: "3des", keyBits: 168)]
        return FileObservation(
            path: path, sha256: nil,
            items: [
                FileItem(kind: .certificate, position: 1, format: "PEM", certificate: certificate),
                FileItem(
                    kind: .privateKey, position: 2, format: "PEM", key: KeyFacts(algorithm: .ec, bits: 256, curve: "secp256r1"),
                    protection: envelope),
                FileItem(kind: .certificateRequest, position: 3, format: "PEM", key: rsa, signature: Lists.sha256WithRSA),
            ], errors: [])
    }

    @Test func cachedFindingsEqualFreshOnes() {
        let shared = Lists.judge("LS-0001-2022")
        let first = shared.fileFindings(file("/a/one.pem", notAfter: "2030-01-01"))
        // Same algorithms, another path and another expiry: key, signature and envelope
        // findings come from the cache, the validity finding does not.
        let second = shared.fileFindings(file("/b/two.pem", notAfter: "2025-06-30"))
        let fresh = Lists.judge("LS-0001-2022").fileFindings(file("/b/two.pem", notAfter: "2025-06-30"))
        #expect(second == fresh)
        #expect(second.count == first.count && second.count >= 6)
        #expect(second.allSatisfy { $0.subject.hasPrefix("/b/two.pem#") })
        #expect(first.allSatisfy { $0.subject.hasPrefix("/a/one.pem#") })
        let validity = second.first { $0.component == .certificateValidity }
        #expect(validity?.verdict == .violation)
        #expect(first.first { $0.component == .certificateValidity }?.verdict == .pass)
    }
}
