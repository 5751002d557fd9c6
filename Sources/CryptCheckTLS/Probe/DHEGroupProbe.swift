import CryptCheckModel
import CryptCheckOpenSSL
import Foundation

/// FFDHE groups of DHE suites before TLS 1.3 (RFC 7919): whether the server picks its DH
/// group from the client's supported_groups, and which of them it takes.
extension TLSScanner {
    /// The FFDHE group whose prime this is, if any.
    static func ffdheGroup(prime: [UInt8]) -> NamedGroup? {
        guard let name = (try? Digest.sha256Hex(prime)).flatMap({ KnownDHGroups.byPrimeSHA256[$0] }) else { return nil }
        return NamedGroupRegistry.all.first { $0.kind == .ffdhe && $0.name.lowercased() == name.lowercased() }?.group
    }

    /// Offers the DHE suites with the FFDHE groups still untried and removes the one whose
    /// prime the server sends, until it refuses or sends a prime that was not offered. A server
    /// that sends the same prime again once that group is no longer offered uses a fixed prime
    /// (OpenSSL's automatic DH parameters are RFC 7919 primes too, picked by the certificate's
    /// strength, not by the client): then no group is negotiated. A server that follows the
    /// list is asked once more without supported_groups, as a client that does not know
    /// RFC 7919 would, so that the prime it falls back on is judged too.
    func enumerateDHEGroups(_ version: ProtocolVersion, suites: [CipherSuite]) -> GroupChainResult {
        var remaining = Self.groupCandidates.filter { $0.info?.kind == .ffdhe && $0.info?.versions.contains(version) == true }
        var result = GroupChainResult()
        func fail(_ code: ErrorCode, _ reason: String) -> GroupChainResult {
            result.failure = ProbeFailure(code, "DHE groups (\(version.name)): \(reason)")
            return result
        }
        func hello(_ groups: [NamedGroup]) -> ClientHelloSpec {
            ClientHelloSpec(version: version, cipherSuites: suites, serverName: serverName, groups: groups)
        }
        chain: while !remaining.isEmpty {
            switch step(hello(remaining)) {
            case .hello(let flight):
                guard let prime = flight.keyExchange?.dhPrime else {
                    // A ServerHello, then an alert instead of parameters: a refusal after all.
                    if flight.alert != nil && !result.accepted.isEmpty { break chain }
                    return fail(
                        .probeUnexpectedAnswer,
                        "the server answered a DHE hello without DH parameters"
                            + (flight.alert.map { " (then \($0.name))" } ?? ""))
                }
                result.flights.append(flight)
                let group = Self.ffdheGroup(prime: prime)
                if let group, let index = remaining.firstIndex(of: group) {
                    result.accepted.append(group)
                    remaining.remove(at: index)
                    continue chain
                }
                // A prime that was not offered: the same as before (or any, at first) means a
                // fixed prime; a new one after groups were followed is a fallback.
                if result.accepted.isEmpty || (result.accepted.count == 1 && group == result.accepted[0]) {
                    result.accepted = []
                    result.dheGroupSelection = .fixedPrime
                    return result
                }
                result.dheGroupSelection = .clientGroups
                return result
            case .refused(let alert):
                guard !result.accepted.isEmpty else {
                    return fail(
                        .probeUnexpectedRefusal,
                        "the server refused every FFDHE group offered (\(alert?.name ?? "closed")), though it accepted these suites")
                }
                break chain
            case .failed(let reason, let code):
                return fail(code, reason)
            }
        }
        result.dheGroupSelection = .clientGroups
        switch step(hello([])) {
        case .hello(let flight):
            guard flight.keyExchange?.dhPrime != nil else {
                return fail(.probeUnexpectedAnswer, "the server answered a DHE hello without DH parameters")
            }
            result.flights.append(flight)
        case .refused:
            break  // DHE only with a group the client names
        case .failed(let reason, let code):
            return fail(code, reason)
        }
        return result
    }
}
