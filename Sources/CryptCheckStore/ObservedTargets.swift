import CryptCheckModel
import Foundation

/// One target of a scan reduced to what `diff` compares: per field (and context, after a
/// U+001F), the values observed.
struct ObservedTarget {
    var kind: String
    /// Set when the scan names the target as not scanned.
    var unscannedReason: String?
    var fields: [String: [String]] = [:]
    /// The fields whose enumeration did not finish (probes failed): a value missing there may
    /// not be gone.
    var incomplete: Set<String> = []
}

/// The targets of one observation set, in its order.
struct ObservedTargets {
    var order: [String] = []
    var targets: [String: ObservedTarget] = [:]

    init(_ observations: ObservationSet) {
        for endpoint in observations.endpoints { add(endpoint.endpoint, Self.fields(endpoint)) }
        for endpoint in observations.sshEndpoints { add(endpoint.subject, Self.fields(endpoint)) }
        for file in observations.files { add(file.path, Self.fields(file)) }
        for target in observations.unscanned {
            // A target not scanned is an endpoint in a TLS scan, a path in a file scan.
            let looksLikePath = target.target.hasPrefix("/") || target.target.hasPrefix(".")
            let kind =
                targets[target.target]?.kind
                ?? (!observations.files.isEmpty || (observations.endpoints.isEmpty && observations.sshEndpoints.isEmpty && looksLikePath)
                    ? "file" : "endpoint")
            if targets[target.target] == nil { order.append(target.target) }
            targets[target.target] = ObservedTarget(kind: kind, unscannedReason: target.reason)
        }
    }

    private mutating func add(_ name: String, _ target: ObservedTarget) {
        if targets[name] == nil { order.append(name) }
        targets[name] = target
    }

    static func key(_ field: String, _ context: String? = nil) -> String {
        context.map { field + "\u{1F}" + $0 } ?? field
    }

    static func fields(_ endpoint: TLSEndpointObservation) -> ObservedTarget {
        var target = ObservedTarget(kind: "endpoint")
        target.fields[key("handshake")] = [endpoint.noHandshakeOutcome.map { "no TLS handshake: \($0.summary)" } ?? "completed"]
        target.fields[key("tls-versions")] = endpoint.versions.filter { $0.status == .yes }.map(\.version.name)
        if endpoint.versions.contains(where: { if case .failed = $0.status { true } else { false } }) {
            target.incomplete.insert(key("tls-versions"))
        }
        for suites in endpoint.cipherSuites {
            target.fields[key("cipher-suites", suites.version.name)] = suites.accepted.map(\.name)
            if !suites.complete { target.incomplete.insert(key("cipher-suites", suites.version.name)) }
            if let chosen = suites.chosenThenFailed, !chosen.isEmpty {
                // Chosen, then the handshake failed: apart from the accepted ones, so that a diff
                // never shows such a suite as accepted.
                target.fields[key("cipher-suites-chosen-then-failed", suites.version.name)] = chosen.map(\.suite.name)
            }
        }
        if !endpoint.sslv2CipherKinds.isEmpty { target.fields[key("cipher-suites", "SSLv2")] = endpoint.sslv2CipherKinds.map(\.name) }
        if let groups = endpoint.groups {
            target.fields[key("groups")] = groups.accepted.map(\.name)
            if !groups.complete { target.incomplete.insert(key("groups")) }
        }
        for schemes in endpoint.signatureSchemes {
            target.fields[key("signature-schemes", schemes.version.name)] = schemes.accepted.map(\.name)
            if !schemes.complete { target.incomplete.insert(key("signature-schemes", schemes.version.name)) }
        }
        target.fields[key("certificates")] = endpoint.certificateChains.compactMap(\.certificates.first).map(describe)
        return target
    }

    /// An SSH endpoint as `diff` compares it: per list, the algorithms it accepts offered alone
    /// (a list with a probe that failed is incomplete), its host keys and group-exchange primes.
    static func fields(_ endpoint: SSHEndpointObservation) -> ObservedTarget {
        var target = ObservedTarget(kind: "endpoint")
        target.fields[key("ssh-key-exchange")] = [
            endpoint.outcome.isObserved ? "kex-init" : "no SSH key exchange: \(endpoint.outcome.kind.rawValue)"
        ]
        for category in SSHAlgorithmCategory.allCases {
            let field = key("ssh-" + category.rawValue)
            let offered = endpoint.algorithms.filter { $0.category == category }
            target.fields[field] = offered.filter { $0.accepted == .yes }.map(\.name)
            if offered.contains(where: \.accepted.isFailure) || endpoint.cutShort { target.incomplete.insert(field) }
        }
        var keys: [String] = []
        for hostKey in endpoint.hostKeys where hostKey.isObserved {
            guard let fingerprint = hostKey.fingerprint else { continue }
            let key = "\(fingerprint) \(hostKey.key?.summary ?? "")"
            if !keys.contains(key) { keys.append(key) }
        }
        target.fields[key("ssh-host-keys")] = keys
        target.fields[key("ssh-group-exchange-primes")] = endpoint.groupExchange.compactMap(\.primeBits).map { "\($0) bits" }
        return target
    }

    static func fields(_ file: FileObservation) -> ObservedTarget {
        var target = ObservedTarget(kind: "file")
        target.fields[key("file-sha256")] = file.sha256.map { [$0] } ?? []
        target.fields[key("certificates")] = file.items.compactMap(\.certificate).map(describe)
        target.fields[key("keys")] = file.items.filter { $0.certificate == nil }.compactMap(\.key).map(\.summary)
        target.fields[key("errors")] = file.errors
        return target
    }

    /// A certificate as `diff` shows it: leaf SHA-256 fingerprint, key and expiry.
    static func describe(_ certificate: CertificateFacts) -> String {
        var style = Date.ISO8601FormatStyle().year().month().day()
        style.timeZone = TimeZone(identifier: "UTC")!
        return
            "SHA-256 \(certificate.sha256Fingerprint), \(certificate.publicKey.summary), expires \(certificate.notAfter.formatted(style))"
    }
}
