import CryptCheckModel
import CryptCheckOpenSSL
import CryptCheckX509
import Foundation

/// DH parameters and protocol features.
extension TLSScanner {
    /// Each distinct DH prime the server used, with its size and, if it is one, the name of the
    /// well-known group (RFC 7919, RFC 3526, RFC 5114) it matches.
    func dhParameters(_ enumeration: SuiteEnumeration, flights: [ServerFlight]) -> [DHParameterFacts] {
        var seen = Set<[UInt8]>()
        var result: [DHParameterFacts] = []
        for exchange in flights.compactMap(\.keyExchange) {
            guard let prime = exchange.dhPrime, let bits = exchange.dhPrimeBits, seen.insert(prime).inserted else { continue }
            let name = (try? Digest.sha256Hex(prime)).flatMap { CommonDHPrimes.name(ofSHA256: $0) }
            result.append(DHParameterFacts(primeBits: bits, knownGroup: name))
        }
        return result.sorted { ($0.primeBits, $0.knownGroup ?? "") < ($1.primeBits, $1.knownGroup ?? "") }
    }

    /// Protocol features, each tested in a handshake where it can show: extensions in the
    /// highest TLS 1.0–1.2 version with suites the server accepted, encrypt-then-MAC with CBC
    /// suites only (RFC 7366 3: it applies to nothing else), fallback protection one version
    /// down with that version's accepted suites. A feature the server has nothing for is
    /// not applicable; a hello refused although it offered only accepted suites is a failure.
    func features(_ legacy: [SuiteEnumeration], accepted: [ProtocolVersion]) -> [FeatureSupport] {
        let fallback = fallbackProtection(legacy, accepted: accepted)
        guard let best = legacy.last else {
            guard accepted.contains(.tlsv1_3) else { return [] }
            let reasons: [(ProtocolFeature, String)] = [
                (.secureRenegotiation, "TLS 1.3 has no renegotiation"),
                (.extendedMasterSecret, "TLS 1.3 always binds the key schedule to the handshake"),
                (.encryptThenMAC, "TLS 1.3 has only AEAD suites"), (.compression, "TLS 1.3 has no compression"),
            ]
            return reasons.map { FeatureSupport(feature: $0.0, status: .notApplicable(reason: "TLS 1.3 only: " + $0.1)) } + fallback
        }
        let hello = spec(best.version, suites: best.accepted)
        var compressed = hello
        compressed.compressionMethods = [1, 0]
        let etm = encryptThenMACSuites(legacy)
        let hellos = [hello, compressed] + (etm.map { [spec($0.version, suites: $0.suites)] } ?? [])
        let outcomes = best.accepted.isEmpty ? [] : workers.map(hellos, width: width) { probe.run($0) }
        let refusal = "the server refused a \(best.version.name) hello offering only suites it accepted"
        var features: [FeatureSupport] = []
        func add(_ feature: ProtocolFeature, _ status: FeatureStatus) { features.append(FeatureSupport(feature: feature, status: status)) }
        switch outcomes.first {
        case .hello(let flight):
            let extensions = flight.serverHello?.extensions ?? []
            add(.secureRenegotiation, extensions.contains(0xFF01) ? .yes : .no)
            add(
                .extendedMasterSecret,
                best.version == .sslv3
                    ? .notApplicable(reason: "SSL 3.0 hellos carry no extensions")
                    : extensions.contains(23) ? .yes : .no)
        case .refused:
            for feature: ProtocolFeature in [.secureRenegotiation, .extendedMasterSecret] {
                add(feature, .failed(reason: refusal, code: .probeUnexpectedRefusal))
            }
        case .failed(let reason, let code):
            for feature: ProtocolFeature in [.secureRenegotiation, .extendedMasterSecret] {
                add(feature, .failed(reason: reason, code: code))
            }
        case nil:
            for feature: ProtocolFeature in [.secureRenegotiation, .extendedMasterSecret, .compression] {
                add(feature, .failed(reason: "no suite accepted under \(best.version.name) is known", code: .probeCannotOffer))
            }
        }
        switch etm {
        case nil:
            let sslv3 = legacy.contains { $0.version == .sslv3 && $0.accepted.contains { $0.info?.mode == .cbc } }
            add(
                .encryptThenMAC,
                .notApplicable(
                    reason: sslv3
                        ? "CBC suites only under SSL 3.0, whose hellos carry no extensions"
                        : "the server accepts no CBC suite"))
        case .some(let etm):
            switch outcomes.count > 2 ? outcomes[2] : nil {
            case .hello(let flight):
                guard let chosen = flight.serverHello?.cipherSuite, etm.suites.contains(chosen) else {
                    add(.encryptThenMAC, .failed(reason: "the server chose a suite that was not offered", code: .probeUnexpectedChoice))
                    break
                }
                add(.encryptThenMAC, flight.serverHello?.extensions.contains(22) == true ? .yes : .no)
            case .refused:
                add(
                    .encryptThenMAC,
                    .failed(
                        reason: "the server refused a \(etm.version.name) hello offering only CBC suites it accepted",
                        code: .probeUnexpectedRefusal))
            case .failed(let reason, let code):
                add(.encryptThenMAC, .failed(reason: reason, code: code))
            case nil:
                add(.encryptThenMAC, .failed(reason: "no suite accepted under \(best.version.name) is known", code: .probeCannotOffer))
            }
        }
        switch outcomes.count > 1 ? outcomes[1] : nil {
        case .hello(let flight): add(.compression, flight.serverHello?.compressionMethod == 1 ? .yes : .no)
        case .refused: add(.compression, .no)
        case .failed(let reason, let code): add(.compression, .failed(reason: reason, code: code))
        case nil: break
        }
        return features + fallback
    }

    /// The highest TLS 1.0–1.2 version with accepted CBC suites, and those suites: where
    /// encrypt-then-MAC can show. `nil` when there is none.
    func encryptThenMACSuites(_ legacy: [SuiteEnumeration]) -> (version: ProtocolVersion, suites: [CipherSuite])? {
        for enumeration in legacy.reversed() where enumeration.version >= .tlsv1_0 {
            let cbc = enumeration.accepted.filter { $0.info?.mode == .cbc && $0.info?.isAEAD == false }
            if !cbc.isEmpty { return (enumeration.version, cbc) }
        }
        return nil
    }

    /// TLS_FALLBACK_SCSV (RFC 7507): a hello one version below the highest, with the suites the
    /// server accepts there, must be refused with inappropriate_fallback (86).
    func fallbackProtection(_ legacy: [SuiteEnumeration], accepted: [ProtocolVersion]) -> [FeatureSupport] {
        guard let highest = accepted.max(), let lower = accepted.filter({ $0 < highest && $0 != .sslv2 }).max() else {
            let reason = "one protocol version accepted: there is nothing to fall back to"
            return accepted.isEmpty ? [] : [FeatureSupport(feature: .fallbackSCSV, status: .notApplicable(reason: reason))]
        }
        let known = legacy.first { $0.version == lower }?.accepted ?? []
        var hello = spec(lower, suites: known.isEmpty ? Self.suites(for: lower) : known)
        hello.fallbackSCSV = true
        let status: FeatureStatus =
            switch probe.run(hello) {
            case .refused(let alert?) where alert.description == 86: .yes
            case .refused(let alert?):
                .failed(
                    reason: "the fallback hello was refused with \(alert.name) (\(alert.description)), not inappropriate_fallback (86)",
                    code: .probeUnexpectedRefusal)
            case .refused(nil):
                .failed(reason: "the server closed the connection on the fallback hello without an alert", code: .probeSilentClose)
            case .hello: .no
            case .failed(let reason, let code): .failed(reason: reason, code: code)
            }
        return [FeatureSupport(feature: .fallbackSCSV, status: status)]
    }
}
