import CryptCheckModel
import CryptCheckOpenSSL

/// The session features (issue 17): facts for the auditor, like the protocol features, observed
/// by full handshakes of OpenSSL in the highest version the server accepted with its suites
/// there. None sends anything malformed, so they run with `--no-active` too.
extension TLSScanner {
    /// The ALPN protocols offered together, in the client's order of preference: the server's
    /// pick among them (each is also offered alone, `ALPNProbe.swift`).
    static let alpnOffered = ["h2", "http/1.1"]
    /// How long to wait for a TLS 1.3 NewSessionTicket after the handshake (servers send it at once).
    static let ticketWait: Duration = .milliseconds(500)

    func sessionFeatures(_ found: ScanFindings) -> [FeatureSupport] {
        let tls13 = found.tls13Suites.flatMap { $0.accepted.isEmpty ? nil : spec(.tlsv1_3, suites: $0.accepted) }
        let legacy = attackHello(found.legacySuites, minimum: .tlsv1_0)
        guard let best = tls13 ?? legacy else { return [] }
        var features: [FeatureSupport] = []
        func add(_ feature: ProtocolFeature, _ status: FeatureStatus, _ detail: String? = nil, alpn: ALPNEnumeration? = nil) {
            features.append(FeatureSupport(feature: feature, status: status, detail: detail, alpn: alpn))
        }
        let name = best.version.name
        let combined = alpnCombinedOffer
        let offered = combined.joined(separator: ", ")
        var first: SessionHandshake.Outcome?
        var offerRefused = false
        var failure: (any Error)?
        do {
            first = try sessionHandshake(best, alpn: combined, waitForTicket: true)
        } catch let error as OpenSSLError where error.receivedAlert == 120 {
            // A server may refuse a hello with none of its protocols (no_application_protocol,
            // RFC 7301 3.2): the session facts come from a hello without ALPN then.
            offerRefused = true
            do { first = try sessionHandshake(best, waitForTicket: true) } catch { failure = error }
        } catch {
            failure = error
        }
        guard let first else {
            let error = failure ?? OpenSSLError(operation: "the full handshake", queue: [], code: .openSSLNoReason)
            let refused = offerRefused ? " (after the server refused \(offered) with no_application_protocol, without ALPN)" : ""
            let reason = "the full \(name) handshake failed\(refused): \(error)"
            let enumeration = alpnEnumeration(legacy: legacy, tls13: tls13, combinedSelected: nil)
            add(.alpn, .failed(reason: reason, code: ErrorCode.of(error)), enumeration?.summary, alpn: enumeration)
            for feature: ProtocolFeature in [.sessionTickets, .ticketResumption, .earlyData] {
                add(feature, .failed(reason: reason, code: ErrorCode.of(error)))
            }
            add(.sessionIDResumption, sessionIDResumption(legacy))
            return features
        }
        let enumeration = alpnEnumeration(legacy: legacy, tls13: tls13, combinedSelected: first.alpn)
        let alone = enumeration.map { "; \($0.summary)" } ?? ""
        if offerRefused {
            add(.alpn, .no, "\(offered) refused with no_application_protocol under \(name)\(alone)", alpn: enumeration)
        } else if let selected = first.alpn {
            add(.alpn, .yes, "\(selected) selected from \(offered) under \(name)\(alone)", alpn: enumeration)
        } else {
            add(.alpn, .no, "none selected from \(offered) under \(name)\(alone)", alpn: enumeration)
        }
        if first.ticket != nil, let session = first.session {
            let hint = first.ticketLifetimeHint.map { $0 == 0 ? "lifetime hint unspecified" : "lifetime hint \($0) s" } ?? ""
            add(.sessionTickets, .yes, "issued under \(name), \(hint)")
            add(.ticketResumption, resumption(best, session: session, by: "the ticket"))
        } else {
            let how = best.version == .tlsv1_3 ? "within \(Self.ticketWait) after the handshake" : "in the handshake"
            add(.sessionTickets, .no, "none issued under \(name) \(how)")
            add(.ticketResumption, .notApplicable(reason: "the server issued no session ticket"))
        }
        if best.version == .tlsv1_3 {
            switch first.maxEarlyData {
            case let size? where size > 0: add(.earlyData, .yes, "max_early_data_size \(size) bytes")
            case .some: add(.earlyData, .no, "the ticket allows no early data")
            case nil: add(.earlyData, .notApplicable(reason: "the server issued no TLS 1.3 ticket"))
            }
        } else {
            add(.earlyData, .notApplicable(reason: "TLS 1.3 is not accepted: early data is a TLS 1.3 feature"))
        }
        add(.sessionIDResumption, sessionIDResumption(legacy))
        return features
    }

    /// A second handshake offering `session`: resumed or not; a failed handshake is a failure.
    private func resumption(_ hello: ClientHelloSpec, session: [UInt8], by: String, tickets: Bool = true) -> FeatureStatus {
        do {
            return try sessionHandshake(hello, resuming: session, tickets: tickets).resumed ? .yes : .no
        } catch {
            return .failed(
                reason: "the \(hello.version.name) handshake offering \(by) failed: \(error)", code: ErrorCode.of(error))
        }
    }

    /// Resumption by session ID, TLS 1.0–1.2 only: a handshake asking for no ticket, then one
    /// offering its session ID.
    private func sessionIDResumption(_ legacy: ClientHelloSpec?) -> FeatureStatus {
        guard let legacy else {
            return .notApplicable(reason: "no version from TLS 1.0 to TLS 1.2 is accepted: TLS 1.3 resumes by tickets only")
        }
        do {
            let first = try sessionHandshake(legacy, tickets: false)
            guard first.sessionIDLength > 0, let session = first.session else {
                return .notApplicable(reason: "the server gave no session ID under \(legacy.version.name)")
            }
            return resumption(legacy, session: session, by: "the session ID", tickets: false)
        } catch {
            return .failed(
                reason: "the full \(legacy.version.name) handshake asking for no ticket failed: \(error)", code: ErrorCode.of(error))
        }
    }
}
