import CryptCheckModel
import CryptCheckOpenSSL

/// Runs one key exchange on a session whose KEXINITs are exchanged: sends the scanner's
/// share, reads the server's reply, computes the exchange hash (RFC 4253 8, RFC 4419 3,
/// RFC 5656 4, RFC 8731 3) and checks the server's signature over it with the host key it sent.
struct SSHExchangeRun {
    let session: SSHSession
    /// V_C, V_S, I_C, I_S: the identification lines (without CR LF) and KEXINIT payloads.
    let clientIdentification: [UInt8]
    let serverIdentification: [UInt8]
    let clientKexInit: [UInt8]
    let serverKexInit: [UInt8]

    /// Sends the first message of `method`; for a group exchange, `request` sizes it.
    /// Returns what the server's reply showed. A DISCONNECT or a closed connection is thrown.
    func run(_ method: SSHKeyExchange, request: (minimum: Int, preferred: Int, maximum: Int) = SSHKeyExchange.groupRequest)
        throws -> SSHKeyExchangeReply
    {
        var transcript = SSHWriter()
        transcript.string(clientIdentification)
        transcript.string(serverIdentification)
        transcript.string(clientKexInit)
        transcript.string(serverKexInit)
        switch method {
        case .ecdh(let curve, let hash):
            let key = try KeyAgreementKey(curve: curve)
            var message = SSHWriter()
            message.byte(SSHMessage.kexInit30)
            message.string(key.publicValue)
            try session.send(message.bytes)
            var reply = try expect(SSHMessage.kexReply31)
            let hostKey = try reply.string(), serverValue = try reply.string(), signature = try reply.string()
            let secret = try key.sharedSecret(peer: serverValue)
            transcript.string(hostKey)
            transcript.string(key.publicValue)
            transcript.string(serverValue)
            transcript.mpint(secret)
            return try verified(hostKey, signature, transcript.bytes, hash)
        case .fixedGroup(let group, let hash):
            let key = try FiniteFieldDHKey(prime: group.prime, generator: [2], exponentBits: exponentBits(group.rawValue))
            return try finiteField(
                key, hash: hash, transcript: transcript, initType: SSHMessage.kexInit30, replyType: SSHMessage.kexReply31)
        case .groupExchange(let hash):
            var message = SSHWriter()
            message.byte(SSHMessage.gexRequest)
            message.uint32(UInt32(request.minimum))
            message.uint32(UInt32(request.preferred))
            message.uint32(UInt32(request.maximum))
            try session.send(message.bytes)
            var groupMessage = try expect(SSHMessage.kexReply31)
            let prime = try groupMessage.mpint(), generator = try groupMessage.mpint()
            let bits = Self.bits(prime)
            let key = try FiniteFieldDHKey(prime: prime, generator: generator, exponentBits: exponentBits(bits))
            var exchange = transcript
            exchange.uint32(UInt32(request.minimum))
            exchange.uint32(UInt32(request.preferred))
            exchange.uint32(UInt32(request.maximum))
            exchange.mpint(prime)
            exchange.mpint(generator)
            var reply = try finiteField(key, hash: hash, transcript: exchange, initType: SSHMessage.gexInit, replyType: SSHMessage.gexReply)
            reply.group = (prime, generator)
            return reply
        case .hybrid(let kemBytes, _):
            // The KEM half: sntrup761 takes any bytes as a public key; ML-KEM-768 checks that
            // each coefficient is below q, which zeros are (the last 32 bytes are its seed).
            var kem = [UInt8](repeating: 0, count: kemBytes)
            var generator = SystemRandomNumberGenerator()
            for index in (kemBytes - 32)..<kemBytes { kem[index] = UInt8.random(in: 0...255, using: &generator) }
            let key = try KeyAgreementKey(curve: .x25519)
            var message = SSHWriter()
            message.byte(SSHMessage.kexInit30)
            message.string(kem + key.publicValue)
            try session.send(message.bytes)
            var reply = try expect(SSHMessage.kexReply31)
            let hostKey = try reply.string()
            _ = try reply.string()  // the server's KEM ciphertext and X25519 share
            var signature = SSHReader(try reply.string())
            return SSHKeyExchangeReply(
                hostKeyBlob: hostKey, signatureType: EscapedText.escape(try signature.string()), verified: nil,
                problem: SSHWireError(
                    .sshWireUnsupported, "the hybrid's shared secret needs a KEM the linked OpenSSL lacks: the signature is not checked"))
        }
    }

    /// A private exponent twice the group's strength, at least 256 bits.
    private func exponentBits(_ primeBits: Int) -> Int {
        switch primeBits {
        case ..<2048: 256
        case ..<3072: 256
        case ..<7680: 384
        default: 512
        }
    }

    private func finiteField(
        _ key: FiniteFieldDHKey, hash: SignatureCheck.Hash, transcript start: SSHWriter, initType: UInt8, replyType: UInt8
    ) throws -> SSHKeyExchangeReply {
        var message = SSHWriter()
        message.byte(initType)
        message.mpint(key.publicValue)
        try session.send(message.bytes)
        var reply = try expect(replyType)
        let hostKey = try reply.string(), serverValue = try reply.mpint(), signature = try reply.string()
        let secret = try key.sharedSecret(peer: serverValue)
        var transcript = start
        transcript.string(hostKey)
        transcript.mpint(key.publicValue)
        transcript.mpint(serverValue)
        transcript.mpint(secret)
        return try verified(hostKey, signature, transcript.bytes, hash)
    }

    private func verified(_ hostKey: [UInt8], _ signature: [UInt8], _ transcript: [UInt8], _ hash: SignatureCheck.Hash) throws
        -> SSHKeyExchangeReply
    {
        var reply = SSHKeyExchangeReply(hostKeyBlob: hostKey)
        let exchangeHash = try Digest.hash(hash, transcript)
        do {
            let key = try SSHHostKey(blob: hostKey)
            let (type, ok) = try key.verify(signature: signature, over: exchangeHash)
            reply.signatureType = type
            reply.verified = ok
        } catch let error as SSHWireError {
            var inner = SSHReader(signature)
            reply.signatureType = (try? inner.string()).map { EscapedText.escape($0) }
            reply.problem = error
        }
        return reply
    }

    /// The next message, which must be `type`; its fields after the type.
    private func expect(_ type: UInt8) throws -> SSHReader {
        let payload = try session.receive()
        guard payload.first == type else {
            throw SSHWireError(.sshWireUnexpected, "expected message \(type) in the key exchange, got \(payload.first ?? 0)")
        }
        return SSHReader(payload.dropFirst())
    }

    static func bits(_ magnitude: [UInt8]) -> Int {
        guard let first = magnitude.first else { return 0 }
        return magnitude.count * 8 - first.leadingZeroBitCount
    }
}

extension SSHKeyExchangeReply {
    init(hostKeyBlob: [UInt8]) {
        self.hostKeyBlob = hostKeyBlob
    }
}
