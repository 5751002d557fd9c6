import CryptCheckModel
import CryptCheckOpenSSL
import CryptCheckX509
import Foundation

/// Certificate hygiene (issue 17): the extensions of every leaf the server sent with the suites
/// it sent it with, and one full handshake per version (the highest accepted before TLS 1.3,
/// and TLS 1.3) that asks for an OCSP staple (status_request) and SCTs
/// (signed_certificate_timestamp). Nothing the certificates point to is fetched.
extension TLSScanner {
    func certificateHygiene(_ found: ScanFindings) -> (Part, [ProbeFailure]) {
        var leaves = LeafCollector()
        for flight in found.suiteFlights {
            guard let hello = flight.serverHello, let leaf = flight.certificates.first else { continue }
            leaves.add(leaf, version: hello.version, suite: hello.cipherSuite)
        }
        // SSL 3.0 has no extensions: status_request cannot be asked for.
        let legacy = found.legacySuites.last { $0.version >= .tlsv1_0 && !$0.accepted.isEmpty }
        let enumerations = [legacy, found.tls13Suites].compactMap { $0 }.filter { !$0.accepted.isEmpty }
        let handshakes = workers.map(enumerations, width: width) { enumeration in
            (enumeration.version, staplingHandshake(enumeration))
        }
        var stapling: [OCSPStaplingProbe] = []
        for (version, result) in handshakes {
            switch result {
            case .success(let seen):
                if let leaf = seen.certificates.first { leaves.add(leaf, version: version, suite: CipherSuite(rawValue: seen.suite)) }
                stapling.append(staplingProbe(version, seen))
            case .failure(let error):
                let failure = ProbeFailure("OCSP stapling under \(version.name): the handshake did not complete: ", wrapping: error)
                stapling.append(OCSPStaplingProbe(version: version, status: .failed, failure: failure.message, failureCode: failure.code))
            }
        }
        var observation = CertificateHygieneObservation(stapling: stapling)
        for (der, uses) in leaves.ordered {
            do {
                let facts = try CertificateReader.facts(der: der)
                var leaf = try CertificateHygieneReader.leaf(der: der, subject: facts.subject, isSelfSigned: facts.isSelfSigned)
                leaf.suites = uses
                observation.leaves.append(leaf)
            } catch {
                observation.leafFailures.append("a leaf certificate's extensions could not be read: \(error)")
            }
        }
        return (.certificateHygiene(observation), [])
    }

    private func staplingHandshake(_ enumeration: SuiteEnumeration) -> Result<CertificateHygieneReader.Stapling, Error> {
        Result {
            try probe.withBoundedExchange { send, receive in
                try CertificateHygieneReader.stapling(
                    version: enumeration.version.rawValue, serverName: serverName, cipherSuites: enumeration.accepted.map(\.rawValue),
                    send: send, receive: receive)
            }
        }
    }

    private func staplingProbe(_ version: ProtocolVersion, _ seen: CertificateHygieneReader.Stapling) -> OCSPStaplingProbe {
        let leaf = seen.certificates.first.flatMap { try? Digest.sha256Hex($0) }
        guard let staple = seen.ocspResponse else {
            return OCSPStaplingProbe(
                version: version, status: .notStapled, leafSHA256: leaf, tlsExtensionSCTs: seen.tlsExtensionSCTs,
                sctFailure: seen.sctFailure)
        }
        return OCSPStaplingProbe(
            version: version, status: .stapled, leafSHA256: leaf,
            response: CertificateHygieneReader.staple(staple, chain: seen.certificates, at: verificationTime),
            tlsExtensionSCTs: seen.tlsExtensionSCTs, sctFailure: seen.sctFailure)
    }
}

/// Distinct leaves in the order first seen, each with the suites it came with, per version.
private struct LeafCollector {
    private var order: [[UInt8]] = []
    private var uses: [[UInt8]: [LeafSuiteUse]] = [:]

    mutating func add(_ leaf: [UInt8], version: ProtocolVersion, suite: CipherSuite) {
        if uses[leaf] == nil { order.append(leaf) }
        var list = uses[leaf, default: []]
        if let index = list.firstIndex(where: { $0.version == version }) {
            if !list[index].suites.contains(suite) { list[index].suites.append(suite) }
        } else {
            list.append(LeafSuiteUse(version: version, suites: [suite]))
        }
        uses[leaf] = list
    }

    var ordered: [([UInt8], [LeafSuiteUse])] {
        order.map { leaf in
            (
                leaf,
                uses[leaf, default: []].sorted { $0.version < $1.version }.map {
                    LeafSuiteUse(version: $0.version, suites: $0.suites.sorted())
                }
            )
        }
    }
}
