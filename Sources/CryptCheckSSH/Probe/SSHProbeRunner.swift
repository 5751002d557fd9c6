import CryptCheckFiles
import CryptCheckModel
import CryptCheckOpenSSL
import CryptCheckTLS

/// Runs one probe of an `SSHProbePlan` on its own connection.
struct SSHProbeRunner {
    let connector: SSHConnector
    let plan: SSHProbePlan

    func run(_ probe: SSHProbe) -> SSHProbeResult {
        switch probe {
        case .algorithm(let category, let name):
            var hostKey = SSHHostKeyFacts(algorithm: name)
            let status = offerAlone(category, name, hostKey: &hostKey)
            var support = SSHAlgorithmSupport(category: category, name: name, accepted: status)
            if category == .keyExchange, status == .yes, let method = SSHKeyExchange.named(name), !method.verifiesSignature {
                support.evidence =
                    "negotiation only: the server answered the scanner's \(name) share with its reply (message 31); "
                    + "neither the shared secret nor the host key's signature was computed (the linked OpenSSL lacks the KEM)"
            }
            if category == .hostKey {
                if case .failed(let reason, let code) = status, hostKey.failure == nil {
                    hostKey.failure = reason
                    hostKey.failureCode = code
                }
                return .hostKey(support, hostKey)
            }
            return .algorithm(support)
        case .groupExchange(let name, let request):
            return .groupExchange(groupExchange(name, request))
        }
    }

    /// The server's answer to the algorithm offered alone: `yes` when the key exchange went
    /// on (the server answered the scanner's key-exchange message), `no` when it disconnected
    /// or closed after the scanner's KEXINIT, `failed` otherwise.
    private func offerAlone(_ category: SSHAlgorithmCategory, _ name: String, hostKey: inout SSHHostKeyFacts) -> ProbeStatus {
        guard let offer = plan.offer(category, name) else {
            if category == .mac, plan.exchange != nil {
                return .failed(
                    reason: "the server offers only ciphers with their own integrity (AEAD), with which no MAC is negotiated",
                    code: .sshWireUnsupported)
            }
            return .failed(
                reason: "the server offers no key exchange the scanner completes, so this could not be offered alone",
                code: .sshWireUnsupported)
        }
        let exchangeName = offer.kexAlgorithms[0]
        let method = SSHKeyExchange.named(exchangeName)
        hostKey.keyExchange = exchangeName
        var found = hostKey
        do {
            let status = try connector.withSession { session, identification, serverKexInit -> ProbeStatus in
                let clientKexInit = SSHKexInit.build(offer)
                do {
                    try session.send(clientKexInit)
                    guard let method else {
                        // The scanner cannot send this method's first message: a server that
                        // accepts it waits for one, one that does not disconnects.
                        _ = try session.receive()
                        return .failed(reason: "the server answered a KEXINIT alone with a message", code: .sshWireUnexpected)
                    }
                    let run = SSHExchangeRun(
                        session: session, clientIdentification: Array(SSHIdentification.client.utf8),
                        serverIdentification: identification.line, clientKexInit: clientKexInit, serverKexInit: serverKexInit)
                    let reply = try run.run(method)
                    if category == .hostKey { Self.record(reply, into: &found) }
                    return .yes
                } catch let disconnect as SSHDisconnect {
                    _ = disconnect
                    return .no
                } catch let error as SSHWireError where error.code == .sshWireClosed {
                    return .no
                } catch let error as ConnectionError where error.code == .connectionReset {
                    return .no
                } catch let error as ConnectionError where error.code == .connectionTimeout && method == nil {
                    return .failed(
                        reason:
                            "the server neither refused \(name) nor went on before the timeout: the scanner cannot send this key exchange's first message, so acceptance is not known",
                        code: .sshWireUnsupported)
                } catch {
                    return .failed(reason: "\(error)", code: ErrorCode.of(error))
                }
            }
            hostKey = found
            return status
        } catch {
            return .failed(reason: "\(error)", code: ErrorCode.of(error))
        }
    }

    /// The host key, certificate and signature check of a key-exchange reply.
    static func record(_ reply: SSHKeyExchangeReply, into facts: inout SSHHostKeyFacts) {
        facts.signatureAlgorithm = reply.signatureType
        facts.signatureVerified = reply.verified
        do {
            let key = try SSHHostKey(blob: reply.hostKeyBlob)
            facts.keyType = key.type
            facts.fingerprint = try key.fingerprint()
            let read = try SSHPublicKeyBlob.read(reply.hostKeyBlob)
            facts.key = read.key
            facts.certificate = read.certificate
        } catch {
            facts.failure = "the host key could not be read: \(error)"
            facts.failureCode = ErrorCode.of(error)
            return
        }
        if let problem = reply.problem {
            facts.failure = problem.description
            facts.failureCode = problem.code
        } else if reply.verified == false {
            facts.failure = "the server's signature over the exchange hash does not verify with the host key it sent"
            facts.failureCode = .sshBadSignature
        }
    }

    /// The group the server picks for one request.
    private func groupExchange(_ name: String, _ request: (minimum: Int, preferred: Int, maximum: Int)) -> SSHGroupExchangeFacts {
        var facts = SSHGroupExchangeFacts(
            keyExchange: name, minimum: request.minimum, preferred: request.preferred, maximum: request.maximum)
        guard var offer = plan.offer(.keyExchange, name) else {
            facts.failure = "the server's lists leave nothing to offer with \(name)"
            facts.failureCode = .sshWireUnsupported
            return facts
        }
        offer.kexAlgorithms = [name]
        do {
            try connector.withSession { session, _, _ in
                try session.send(SSHKexInit.build(offer))
                var message = SSHWriter()
                message.byte(SSHMessage.gexRequest)
                message.uint32(UInt32(request.minimum))
                message.uint32(UInt32(request.preferred))
                message.uint32(UInt32(request.maximum))
                try session.send(message.bytes)
                do {
                    let payload = try session.receive()
                    guard payload.first == SSHMessage.kexReply31 else {
                        throw SSHWireError(.sshWireUnexpected, "expected the group (31), got message \(payload.first ?? 0)")
                    }
                    var reader = SSHReader(payload.dropFirst())
                    let prime = try reader.mpint(), generator = try reader.mpint()
                    facts.primeBits = SSHExchangeRun.bits(prime)
                    if generator.count <= 4 { facts.generator = generator.reduce(0) { $0 << 8 | Int($1) } }
                } catch let disconnect as SSHDisconnect {
                    facts.failure = "the server refused the request: \(disconnect)"
                    facts.failureCode = .sshWireClosed
                } catch let error as SSHWireError where error.code == .sshWireClosed {
                    facts.failure = "the server closed the connection on the request"
                    facts.failureCode = .sshWireClosed
                }
            }
        } catch {
            facts.failure = "\(error)"
            facts.failureCode = ErrorCode.of(error)
        }
        return facts
    }
}
