import Foundation

/// A scripted TLS 1.2 server for the active attack checks: it answers every hello with a
/// ServerHello (TLS_RSA_WITH_AES_128_GCM_SHA256 or TLS_RSA_WITH_AES_128_CBC_SHA), the RSA
/// certificate it was given and ServerHelloDone, and then answers what the client sends the way
/// the published descriptions of each flaw say (or its fixed twin), or drops the connection.
/// It never completes a handshake: the checks stop before one would.
public final class AttackServer: @unchecked Sendable {
    public enum Behaviour: Sendable {
        /// Heartbeat offered back. Vulnerable: a request is answered with as many bytes as its
        /// payload_length claims, the missing ones from "memory". Fixed: a request whose
        /// payload_length exceeds the record is discarded silently (RFC 6520 4), a good one
        /// echoed exactly.
        case heartbleed(vulnerable: Bool)
        /// Vulnerable: an early ChangeCipherSpec is taken, the next record fails to decrypt
        /// (bad_record_mac). Fixed: unexpected_message at the early ChangeCipherSpec.
        case ccsInjection(vulnerable: Bool)
        /// Oracle: the ClientKeyExchange is decrypted (raw RSA, by `openssl pkeyutl`); a block
        /// with PKCS#1 v1.5 form (0x0002, 8 nonzero bytes, 0x00, 48 bytes) gets bad_record_mac
        /// at the Finished, any other block handshake_failure. Fixed: bad_record_mac whatever
        /// the block (RFC 5246 7.4.7.1).
        case robot(oracle: Bool)
        /// A full first flight, then the connection is closed without an alert at the first
        /// byte the client sends after it.
        case dropAfterFlight
        /// Like `dropAfterFlight`, but a hello carrying the ALPN extension (RFC 7301) is closed
        /// without an answer: a server or middlebox that chokes on it.
        case dropALPN
        /// A hello carrying ALPN is answered with an ALPN extension selecting `protocolID`,
        /// whatever was offered (a protocol never offered, hostile bytes).
        case selectsALPN([UInt8])
        /// Secure renegotiation (RFC 5746) as the server signals it in its ServerHello.
        case renegotiation(RenegotiationAnswer)
    }

    public enum RenegotiationAnswer: Sendable {
        /// renegotiation_info answered to the extension and to the SCSV (RFC 5746 3.6).
        case secure
        /// No renegotiation_info ever: a server from before RFC 5746 (CVE-2009-3555).
        case insecure
        /// Like `secure`, but a hello that signals with the SCSV alone is closed without an answer.
        case dropSCSVOnly
    }

    private let fake: FakeServer
    public var port: Int { fake.port }

    /// `certificatePEM` and `keyPEM`: the paths of an RSA certificate and its private key.
    public init(_ behaviour: Behaviour, certificatePEM: String, keyPEM: String) throws {
        let certificate = try Self.der(pem: certificatePEM)
        fake = try FakeServer { _, connection in
            Self.serve(connection, behaviour: behaviour, certificate: certificate, key: keyPEM)
        }
    }

    static func der(pem path: String) throws -> [UInt8] {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let body = text.split(separator: "\n").filter { !$0.hasPrefix("-----") }.joined()
        guard let data = Data(base64Encoded: body) else { throw CocoaError(.fileReadCorruptFile) }
        return Array(data)
    }

    /// Reads records; `nil` on close or after 3 s of silence.
    struct Records {
        let connection: FakeConnection
        var buffer: [UInt8] = []
        mutating func next() -> (type: UInt8, payload: [UInt8])? {
            while true {
                if buffer.count >= 5 {
                    let length = Int(buffer[3]) << 8 | Int(buffer[4])
                    if buffer.count >= 5 + length {
                        let record = (buffer[0], Array(buffer[5..<(5 + length)]))
                        buffer.removeFirst(5 + length)
                        return record
                    }
                }
                let bytes = connection.read(timeout: 3)
                if bytes.isEmpty { return nil }
                buffer += bytes
            }
        }
    }

    static func record(_ type: UInt8, _ payload: [UInt8]) -> [UInt8] {
        [type, 3, 3, UInt8(payload.count >> 8), UInt8(payload.count & 0xFF)] + payload
    }

    static func handshake(_ type: UInt8, _ body: [UInt8]) -> [UInt8] {
        [type, UInt8(body.count >> 16), UInt8(body.count >> 8 & 0xFF), UInt8(body.count & 0xFF)] + body
    }

    static func alert(_ description: UInt8) -> [UInt8] { record(21, [2, description]) }

    /// The suites it takes, in its order.
    static let suites: [UInt16] = [0x009C, 0x002F]

    private static func serve(_ connection: FakeConnection, behaviour: Behaviour, certificate: [UInt8], key: String) {
        var records = Records(connection: connection)
        guard let first = records.next(), first.type == 22, let hello = ClientHelloFacts(first.payload) else { return }
        guard hello.offersTLS12 else { return connection.write(alert(70)) }
        guard let suite = suites.first(where: hello.suites.contains) else { return connection.write(alert(40)) }
        if case .renegotiation(.dropSCSVOnly) = behaviour, hello.renegotiationSCSV, !hello.renegotiationExtension { return }
        if case .dropALPN = behaviour, hello.alpn { return }
        var extensions: [UInt8] = []
        var answersRenegotiation = hello.renegotiationInfo
        if case .renegotiation(.insecure) = behaviour { answersRenegotiation = false }
        if answersRenegotiation { extensions += [0xFF, 0x01, 0x00, 0x01, 0x00] }
        if case .heartbleed = behaviour, hello.heartbeat { extensions += [0x00, 0x0F, 0x00, 0x01, 0x01] }
        if case .selectsALPN(let name) = behaviour, hello.alpn {
            let list = [UInt8(name.count)] + name
            extensions += [0x00, 0x10, UInt8((list.count + 2) >> 8), UInt8((list.count + 2) & 0xFF)]
            extensions += [UInt8(list.count >> 8), UInt8(list.count & 0xFF)] + list
        }
        var serverHello: [UInt8] = [3, 3] + (0..<32).map { _ in UInt8.random(in: 0...255) } + [0]
        serverHello += [UInt8(suite >> 8), UInt8(suite & 0xFF), 0]
        serverHello += [UInt8(extensions.count >> 8), UInt8(extensions.count & 0xFF)] + extensions
        let chain = [UInt8(certificate.count >> 16), UInt8(certificate.count >> 8 & 0xFF), UInt8(certificate.count & 0xFF)] + certificate
        let certificateBody = [UInt8(chain.count >> 16), UInt8(chain.count >> 8 & 0xFF), UInt8(chain.count & 0xFF)] + chain
        let flight = handshake(2, serverHello) + handshake(11, certificateBody) + handshake(14, [])
        guard connection.writeAll(record(22, flight)) else { return }
        switch behaviour {
        case .dropAfterFlight, .dropALPN, .selectsALPN, .renegotiation:
            _ = connection.read(timeout: 3)
        case .heartbleed(let vulnerable):
            while let next = records.next() {
                guard next.type == 24, next.payload.count >= 3, next.payload[0] == 1 else { continue }
                let claimed = Int(next.payload[1]) << 8 | Int(next.payload[2])
                let carried = Array(next.payload.dropFirst(3))
                if !vulnerable && 3 + claimed + 16 > next.payload.count { continue }  // RFC 6520 4: discard
                // The vulnerable answer copies `claimed` bytes from where the payload starts: what
                // the request carried, then whatever lies beyond it ("memory").
                let memory = carried + [UInt8](repeating: 0xA5, count: max(0, claimed - carried.count))
                let response = [2, UInt8(claimed >> 8), UInt8(claimed & 0xFF)] + memory.prefix(claimed) + [UInt8](repeating: 0, count: 16)
                connection.write(record(24, response))
            }
        case .ccsInjection(let vulnerable):
            guard let next = records.next() else { return }
            guard next.type == 20 else { return connection.write(alert(10)) }
            guard vulnerable else { return connection.write(alert(10)) }
            // Taken: keys from an empty master secret; the next record cannot be decrypted.
            guard records.next() != nil else { return }
            connection.write(alert(20))
        case .robot(let oracle):
            guard let next = records.next(), next.type == 22, next.payload.first == 16, next.payload.count > 6 else {
                return connection.write(alert(10))
            }
            let encrypted = Array(next.payload.dropFirst(6))  // type, length (3), vector length (2)
            // The ChangeCipherSpec and the Finished follow; the answer comes at the Finished.
            _ = records.next()
            _ = records.next()
            guard oracle else { return connection.write(alert(20)) }
            guard let block = decrypt(encrypted, key: key) else { return connection.write(alert(80)) }
            connection.write(alert(pkcs1Conformant(block) ? 20 : 40))
        }
    }

    /// PKCS#1 v1.5 encryption form with a 48-byte message (the version is not checked).
    static func pkcs1Conformant(_ block: [UInt8]) -> Bool {
        guard block.count > 11 + 48, block[0] == 0, block[1] == 2 else { return false }
        guard let zero = block[2...].firstIndex(of: 0), zero >= 10 else { return false }
        return block.count - zero - 1 == 48
    }

    /// Raw RSA decryption by `openssl pkeyutl`, the real OpenSSL: no padding removed.
    static func decrypt(_ ciphertext: [UInt8], key: String) -> [UInt8]? {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("robot-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = directory.appendingPathComponent("in"), output = directory.appendingPathComponent("out")
        guard (try? Data(ciphertext).write(to: input)) != nil else { return nil }
        let result = try? ToolRunner.run(
            "/usr/bin/openssl",
            ["pkeyutl", "-decrypt", "-inkey", key, "-pkeyopt", "rsa_padding_mode:none", "-in", input.path, "-out", output.path])
        guard result?.status == 0, let data = try? Data(contentsOf: output) else { return nil }
        return Array(data)
    }
}

/// What the scripted servers read from a ClientHello.
struct ClientHelloFacts {
    var suites: [UInt16] = []
    var versions: [UInt16] = []
    var legacyVersion: UInt16 = 0
    var heartbeat = false
    /// The ALPN extension (RFC 7301) was sent.
    var alpn = false
    /// TLS_EMPTY_RENEGOTIATION_INFO_SCSV among the suites, and the renegotiation_info extension.
    var renegotiationSCSV = false
    var renegotiationExtension = false
    /// The length of the legacy session ID, and of the session_ticket extension's body (`nil`
    /// when the extension is absent).
    var sessionIDLength = 0
    var sessionTicketLength: Int?
    /// Secure renegotiation signalled either way (RFC 5746 3.3).
    var renegotiationInfo: Bool { renegotiationSCSV || renegotiationExtension }

    /// Parses the first handshake record's ClientHello; `nil` for anything else.
    init?(_ payload: [UInt8]) {
        var at = 0
        func take(_ count: Int) -> [UInt8]? {
            guard at + count <= payload.count else { return nil }
            defer { at += count }
            return Array(payload[at..<(at + count)])
        }
        func number(_ count: Int) -> Int? { take(count).map { $0.reduce(0) { $0 << 8 | Int($1) } } }
        guard take(1) == [1], number(3) != nil, let version = number(2), take(32) != nil,
            let session = number(1), take(session) != nil, let suiteLength = number(2), let suiteBytes = take(suiteLength),
            let compression = number(1), take(compression) != nil
        else { return nil }
        legacyVersion = UInt16(version)
        sessionIDLength = session
        suites = stride(from: 0, to: suiteBytes.count - 1, by: 2).map { UInt16(suiteBytes[$0]) << 8 | UInt16(suiteBytes[$0 + 1]) }
        renegotiationSCSV = suites.contains(0x00FF)
        guard let total = number(2) else { return }
        let end = at + total
        while at + 4 <= min(end, payload.count), let type = number(2), let length = number(2), let body = take(length) {
            switch type {
            case 15: heartbeat = true
            case 16: alpn = true
            case 0xFF01: renegotiationExtension = true
            case 35: sessionTicketLength = body.count
            case 43 where body.count >= 1:
                versions = stride(from: 1, to: body.count - 1, by: 2).map { UInt16(body[$0]) << 8 | UInt16(body[$0 + 1]) }
            default: break
            }
        }
    }

    /// Whether TLS 1.2 is among the versions offered.
    var offersTLS12: Bool { versions.isEmpty ? legacyVersion >= 0x0303 : versions.contains(0x0303) }
}
