import CryptCheckModel
import CryptCheckOpenSSL
import CryptCheckX509
import Foundation

/// DH parameters and protocol features.
extension TLSScanner {
    func dhParameters(_ enumeration: SuiteEnumeration, flights: [ServerFlight]) -> [DHParameterFacts] {
        var seen = Set<[UInt8]>()
        var result: [DHParameterFacts] = []
        for exchange in flights.compactMap(\.keyExchange) {
            guard let prime = exchange.dhPrime, let bits = exchange.dhPrimeBits, seen.insert(prime).inserted else { continue }
            let name = (try? Digest.sha256Hex(prime)).flatMap { KnownDHGroups.byPrimeSHA256[$0] }
            result.append(DHParameterFacts(primeBits: bits, knownGroup: name))
        }
        return result.sorted { ($0.primeBits, $0.knownGroup ?? "") < ($1.primeBits, $1.knownGroup ?? "") }
    }

    func features(_ enumeration: SuiteEnumeration, accepted: [ProtocolVersion]) -> [FeatureSupport] {
        let hello = spec(enumeration.version, suites: enumeration.accepted)
        var compressed = hello
        compressed.compressionMethods = [1, 0]
        var fallback: ClientHelloSpec?
        if let highest = accepted.max(), let lower = accepted.filter({ $0 < highest && $0 != .sslv2 }).max() {
            fallback = spec(lower, suites: Self.suites(for: lower))
            fallback?.fallbackSCSV = true
        }
        let outcomes = Parallel.map([hello, compressed] + (fallback.map { [$0] } ?? []), width: width) { probe.run($0) }
        var features: [FeatureSupport] = []
        switch outcomes[0] {
        case .hello(let flight):
            let extensions = flight.serverHello?.extensions ?? []
            features.append(FeatureSupport(feature: "secure-renegotiation", status: extensions.contains(0xFF01) ? .yes : .no))
            features.append(FeatureSupport(feature: "extended-master-secret", status: extensions.contains(23) ? .yes : .no))
            features.append(FeatureSupport(feature: "encrypt-then-mac", status: extensions.contains(22) ? .yes : .no))
        case .refused:
            break
        case .failed(let reason):
            for feature in ["secure-renegotiation", "extended-master-secret", "encrypt-then-mac"] {
                features.append(FeatureSupport(feature: feature, status: .failed(reason: reason)))
            }
        }
        switch outcomes[1] {
        case .hello(let flight): features.append(FeatureSupport(feature: "compression", status: flight.serverHello?.compressionMethod == 1 ? .yes : .no))
        case .refused: features.append(FeatureSupport(feature: "compression", status: .no))
        case .failed(let reason): features.append(FeatureSupport(feature: "compression", status: .failed(reason: reason)))
        }
        if outcomes.count > 2 {
            switch outcomes[2] {
            case .refused(let alert): features.append(FeatureSupport(feature: "fallback-scsv", status: alert?.description == 86 ? .yes : .no))
            case .hello: features.append(FeatureSupport(feature: "fallback-scsv", status: .no))
            case .failed(let reason): features.append(FeatureSupport(feature: "fallback-scsv", status: .failed(reason: reason)))
            }
        }
        return features
    }
}
