import CryptCheckModel
import Foundation

/// Why an endpoint answered no hello with a ServerHello: one more connection, one plain TLS 1.2
/// hello, and exactly what came back.
extension TLSScanner {
    /// Most bytes kept to show what a server that does not speak TLS answered.
    static let diagnosisPreview = 32

    /// What the endpoint does with a TLS 1.2 ClientHello offering the common suites, with the
    /// scan's server name: unreachable, closed, silent, a fatal alert, or bytes that are not TLS.
    func diagnose() -> TLSEndpointOutcome {
        let hello = ClientHelloBuilder.record(
            spec(.tlsv1_2, suites: Self.chunks(for: .tlsv1_2).first ?? []),
            random: HandshakeProbe.randomBytes(64))
        let outcome = probe.limits.withPermit(host: probe.limitKey) {
            let deadline: ContinuousClock.Instant
            do {
                deadline = try probe.connectionDeadline()
            } catch {
                return TLSEndpointOutcome(kind: .failed, detail: "\(error)", code: ErrorCode.of(error))
            }
            let connection: any TransportConnection
            do {
                connection = try probe.connect(before: deadline)
            } catch let error as StartTLSError {
                // TCP connected; the plaintext preamble did not end in an upgrade.
                return TLSEndpointOutcome(kind: .starttls, detail: error.description, code: error.code)
            } catch {
                return TLSEndpointOutcome(kind: .unreachable, detail: "\(error)", code: ErrorCode.of(error))
            }
            return Self.classify(connection: connection, hello: hello, deadline: deadline, timeout: probe.timeout)
        }
        guard outcome.kind == .refused || outcome.kind == .closed, serverName == nil else { return outcome }
        var hinted = outcome
        hinted.detail = (outcome.detail.map { $0 + "; " } ?? "") + "no server name (SNI) was sent, and the server may need one"
        return hinted
    }

    /// Sends `hello` and reads until the answer is classified: the first record decides.
    static func classify(
        connection: any TransportConnection, hello: [UInt8], deadline: ContinuousClock.Instant,
        timeout: Duration
    ) -> TLSEndpointOutcome {
        var received: [UInt8] = []
        do {
            try connection.send(hello, deadline: deadline)
            var parser = ServerFlightParser()
            var total = 0
            while !parser.isComplete {
                let bytes = try connection.receive(deadline: deadline)
                if bytes.isEmpty { break }
                total += bytes.count
                guard total <= HandshakeProbe.readLimit else {
                    return TLSEndpointOutcome(
                        kind: .malformed, detail: "the server sent more than \(HandshakeProbe.readLimit) bytes without a ServerHello",
                        code: .connectionOversized, firstBytes: Hex.lower(received.prefix(diagnosisPreview)))
                }
                let fresh = received.count
                received += bytes.prefix(max(0, 4096 - received.count))
                if fresh == 0, let first = bytes.first, !(20...23).contains(first) || (bytes.count > 1 && bytes[1] != 3) {
                    return notTLS(received)
                }
                try parser.consume(bytes)
            }
            let flight = parser.flight
            if let alert = flight.alert, flight.serverHello == nil {
                let level = alert.level == 2 ? "fatal alert" : alert.level == 1 ? "warning alert" : "alert of unknown level \(alert.level)"
                return TLSEndpointOutcome(kind: .refused, detail: "\(level) \(alert.name) (\(alert.description))")
            }
            if flight.serverHello != nil {
                return TLSEndpointOutcome(
                    kind: .failed, detail: "the server answered this hello, but none of the version probes", code: .probeInconsistent)
            }
            if received.isEmpty { return TLSEndpointOutcome(kind: .closed, detail: "closed or reset the connection after the ClientHello") }
            return TLSEndpointOutcome(
                kind: .malformed, detail: "the server closed the connection after \(received.count) bytes without a ServerHello",
                firstBytes: Hex.lower(received.prefix(diagnosisPreview)))
        } catch let error as ConnectionError where received.isEmpty && error.code == .connectionTimeout {
            return TLSEndpointOutcome(
                kind: .silent,
                detail: "nothing within \(Double(timeout.components.seconds) + Double(timeout.components.attoseconds) / 1e18) s")
        } catch let error as TLSParseError {
            return TLSEndpointOutcome(
                kind: .malformed, detail: "\(error)", code: error.code, firstBytes: Hex.lower(received.prefix(diagnosisPreview)))
        } catch {
            return TLSEndpointOutcome(
                kind: .failed, detail: "\(error)", code: ErrorCode.of(error),
                firstBytes: received.isEmpty ? nil : Hex.lower(received.prefix(diagnosisPreview)))
        }
    }

    /// An answer that is not a TLS record, named when it is a protocol people meet on TLS ports.
    static func notTLS(_ bytes: [UInt8]) -> TLSEndpointOutcome {
        let text = String(decoding: bytes.prefix(8), as: UTF8.self)
        let what =
            text.hasPrefix("HTTP/")
            ? "plaintext HTTP"
            : text.hasPrefix("SSH-")
                ? "an SSH banner"
                : text.hasPrefix("220")
                    ? "a plaintext greeting (SMTP or FTP; try STARTTLS)"
                    : text.hasPrefix("* OK")
                        ? "a plaintext IMAP greeting (try STARTTLS)"
                        : text.hasPrefix("+OK") ? "a plaintext POP3 greeting (try STARTTLS)" : "bytes that are not a TLS record"
        return TLSEndpointOutcome(
            kind: .notTLS, detail: "the server answered with \(what)",
            firstBytes: Hex.lower(bytes.prefix(diagnosisPreview)))
    }
}
