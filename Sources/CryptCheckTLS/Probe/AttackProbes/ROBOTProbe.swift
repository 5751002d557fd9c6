import CryptCheckModel
import CryptCheckOpenSSL

/// ROBOT (Böck, Somorovsky, Young 2018): Bleichenbacher's oracle in TLS RSA key transport. The
/// five premaster-secret blocks of the paper, each encrypted with the server's key and sent as
/// the ClientKeyExchange, then a ChangeCipherSpec and a Finished: a server whose answers
/// (alert, close, timeout) tell the blocks apart is an oracle. The false-positive guards of the
/// paper: answers that tell the blocks apart are tried a second time, and only answers that
/// differ the same way both times count; answers that change between the rounds decide nothing.
/// A first round answered alike (the usual, fixed server) has nothing to confirm: no second one.
extension TLSScanner {
    /// One malformed (or the well-formed) PKCS#1 v1.5 block of the ROBOT paper.
    enum ROBOTVector: CaseIterable {
        case correct, wrongFirstBytes, zeroInPadding, noSeparator, wrongVersion

        var name: String {
            switch self {
            case .correct: "well-formed"
            case .wrongFirstBytes: "first bytes not 0x0002"
            case .zeroInPadding: "0x00 in the padding"
            case .noSeparator: "no 0x00 separator"
            case .wrongVersion: "wrong version in the premaster secret"
            }
        }

        /// The block for a modulus of `size` bytes: 0x00 0x02, nonzero padding, 0x00, the
        /// 48-byte premaster secret (the version offered, 46 random bytes), with this vector's
        /// flaw.
        func block(size: Int, version: ProtocolVersion) -> [UInt8] {
            let padding = TLSScanner.nonzeroBytes(size - 3 - 48)
            let wire = min(version, .tlsv1_2).rawValue
            let secret = TLSScanner.nonzeroBytes(46)
            var first: [UInt8] = [0x00, 0x02], separator: UInt8 = 0x00, pmsVersion = [UInt8(wire >> 8), UInt8(wire & 0xFF)]
            var pad = padding
            switch self {
            case .correct: break
            case .wrongFirstBytes: first = [0x41, 0x17]
            case .zeroInPadding: pad[pad.count / 2] = 0x00  // the message after it is not 48 bytes
            case .noSeparator: separator = 0x11
            case .wrongVersion: pmsVersion = [0x02, 0x02]
            }
            return first + pad + [separator] + pmsVersion + secret
        }
    }

    static func nonzeroBytes(_ count: Int) -> [UInt8] { RandomBytes.nonzero(count) }

    func robot(_ legacy: [SuiteEnumeration]) -> AttackProbeResult {
        let rsaTransport: (CipherSuite) -> Bool = { $0.info.map { $0.keyExchange == .rsa && !$0.isExport } ?? false }
        guard let hello = attackHello(legacy, where: rsaTransport) else {
            return prerequisiteAbsent(.robot, legacy, minimum: .sslv3, "the server accepts no RSA key-transport suite (TLS_RSA_WITH_*)")
        }
        let vectors = ROBOTVector.allCases
        var rounds: [[String]] = []
        for _ in 0..<2 {
            let answers = workers.map(vectors, width: width) { robotAnswer($0, hello: hello) }
            var round: [String] = []
            for answer in answers {
                switch answer {
                case .flight(let text): round.append(text)
                case .failed(let failure): return failure
                }
            }
            rounds.append(round)
            if Set(round).count == 1 { break }
        }
        let suites = hello.cipherSuites.count == 1 ? hello.cipherSuites[0].name : "\(hello.cipherSuites.count) RSA key-transport suites"
        let listed = zip(vectors, rounds[0]).map { "\($0.name) → \($1)" }.joined(separator: "; ")
        if rounds.count == 2 && rounds[0] != rounds[1] {
            let second = zip(vectors, rounds[1]).map { "\($0.name) → \($1)" }.joined(separator: "; ")
            return AttackProbeResult(
                attack: .robot, verdict: .couldNotTest,
                evidence: "the answers were not the same in two rounds (\(listed); then \(second)): no oracle can be told from noise",
                code: .probeInconsistent)
        }
        if Set(rounds[0]).count == 1 && !rounds[0][0].hasPrefix("alert") {
            // Silence or a close at every block is what a dropped connection looks like too.
            return AttackProbeResult(
                attack: .robot, verdict: .couldNotTest,
                evidence:
                    "every premaster secret was answered the same way without an alert (\(rounds[0][0])): a dropped connection cannot be told from a refusal",
                code: .probeSilentClose)
        }
        if Set(rounds[0]).count == 1 {
            return AttackProbeResult(
                attack: .robot, verdict: .notVulnerable,
                evidence:
                    "\(hello.version.name), \(suites): the five premaster secrets were answered alike (\(rounds[0][0]))")
        }
        return AttackProbeResult(
            attack: .robot, verdict: .vulnerable,
            evidence:
                "\(hello.version.name), \(suites): the answers tell the premaster secrets apart, the same way in both rounds: \(listed)")
    }

    /// One ClientKeyExchange with `vector`'s block, then ChangeCipherSpec and Finished, and how
    /// the server answered (the first alert and how the connection ended after it).
    private func robotAnswer(_ vector: ROBOTVector, hello: ClientHelloSpec) -> AttackStart<String> {
        withFirstFlight(.robot, hello) { flight, reader -> String in
            guard let certificate = flight.certificates.first else {
                throw ConnectionError(
                    .probeUnexpectedAnswer, "the server sent no certificate with an RSA key-transport suite", transient: false)
            }
            let version = flight.serverHello?.version ?? hello.version
            let size = try RSAPublicEncryption.modulusBytes(certificate: certificate)
            guard size >= 64 else {
                throw ConnectionError(
                    .probeUnexpectedAnswer, "the server's RSA key has \(size * 8) bits: too small for the test", transient: false)
            }
            let encrypted = try RSAPublicEncryption.encryptRaw(vector.block(size: size, version: version), certificate: certificate)
            var body = ByteWriter()
            if version == .sslv3 {
                body.append(encrypted)
            } else {
                body.vector(lengthBytes: 2) { $0.append(encrypted) }
            }
            var message = ByteWriter()
            message.u8(16)
            message.vector(lengthBytes: 3) { $0.append(body.bytes) }
            try reader.connection.send(
                Self.record(22, version: version, message.bytes) + Self.record(20, version: version, [1])
                    + Self.record(22, version: version, HandshakeProbe.randomBytes(40)),
                deadline: reader.deadline)
            let first = try reader.answer()
            guard case .alert = first else { return first.text }
            // After an alert: whether the server closes at once or keeps the connection open.
            reader.deadline = min(reader.deadline, probe.clock.now + .milliseconds(500))
            let then = try reader.answer()
            return first.text + ", then " + (then.text == ServerAnswer.timedOut.text ? "the connection stayed open" : then.text)
        }
    }
}
