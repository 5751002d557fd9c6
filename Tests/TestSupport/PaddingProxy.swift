import CryptCheckOpenSSL
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// POODLE against TLS reproduced in front of a real TLS server: an `openssl s_server` on
/// `upstream` that writes its session keys to `keylog` (`-keylogfile`). Every connection is
/// relayed; when `lenient`, each record the client sends after its Finished is decrypted with
/// the session's keys, its padding bytes are set right from its length byte, and it is
/// encrypted again for the server, which then checks the MAC (as the flawed implementations
/// did: the MAC checked, the padding not). `relay` changes nothing (the server checks both);
/// `dropAfterHandshake` closes the connection at the first record after the client's Finished.
/// Stopped when released.
public final class PaddingProxy: @unchecked Sendable {  // immutable after init; FakeServer guards its state
    public enum Mode: Sendable {
        case lenient, relay, dropAfterHandshake
        /// Every record after the Finished is written again with its MAC and padding right: a
        /// server that takes anything (the control of the check must tell).
        case acceptsAnything
    }

    private let fake: FakeServer
    public var port: Int { fake.port }

    public init(_ mode: Mode, upstream: Int, keylog: String) throws {
        fake = try FakeServer { _, connection in
            guard let server = connectLoopback(upstream) else { return }
            defer { close(server) }
            var session = Session(mode: mode, keylog: keylog)
            var pollers = [
                pollfd(fd: connection.descriptor, events: Int16(POLLIN), revents: 0), pollfd(fd: server, events: Int16(POLLIN), revents: 0),
            ]
            var buffer = [UInt8](repeating: 0, count: 16_384)
            let deadline = Date(timeIntervalSinceNow: 30)
            while Date() < deadline {
                guard poll(&pollers, 2, 1000) >= 0 else { return }
                for (index, poller) in pollers.enumerated() where poller.revents != 0 {
                    let from = index == 0 ? connection.descriptor : server
                    let count = buffer.withUnsafeMutableBytes { recv(from, $0.baseAddress, $0.count, 0) }
                    guard count > 0 else { return }
                    let bytes = Array(buffer.prefix(count))
                    if index == 0 {
                        guard let out = session.fromClient(bytes) else { return }
                        guard Self.sendAll(server, out) else { return }
                    } else {
                        session.fromServer(bytes)
                        guard FakeConnection(descriptor: connection.descriptor).writeAll(bytes) else { return }
                    }
                }
            }
        }
    }

    private static func sendAll(_ descriptor: Int32, _ bytes: [UInt8]) -> Bool {
        bytes.isEmpty || FakeConnection(descriptor: descriptor).writeAll(bytes)
    }

    /// One connection's view of the handshake and, after the client's Finished, its records.
    struct Session {
        let mode: Mode
        let keylog: String
        var clientBuffer: [UInt8] = []
        var serverBuffer: [UInt8] = []
        var clientRandom: [UInt8]?
        var serverRandom: [UInt8]?
        var suite: UInt16?
        var version: UInt16?
        /// The client sent its ChangeCipherSpec; the next record is its Finished.
        var clientEncrypting = false
        var finishedSeen = false
        /// The sequence number of the client's last record after its Finished (which was 0).
        var sequence: UInt64 = 0
        var cipher: CBCRecordCipher?
        /// TLS 1.0's IV chains, the last record's ciphertext (its last block is the next IV):
        /// the client's (to decrypt) and the one of the records as the server receives them
        /// (to encrypt again).
        var clientChain: [UInt8] = []
        var serverChain: [UInt8] = []

        /// The bytes to pass on for what the client sent; `nil` to close the connection.
        mutating func fromClient(_ bytes: [UInt8]) -> [UInt8]? {
            // What does not begin as TLS records (an SSLv2 hello) is relayed as it comes: the
            // server, which serves one connection at a time, must see it to refuse it.
            if clientBuffer.isEmpty, clientRandom == nil, bytes.first != 22 { return bytes }
            clientBuffer += bytes
            var out: [UInt8] = []
            while clientBuffer.count >= 5 {
                let length = Int(clientBuffer[3]) << 8 | Int(clientBuffer[4])
                guard clientBuffer.count >= 5 + length else { break }
                let header = Array(clientBuffer[0..<5])
                let fragment = Array(clientBuffer[5..<(5 + length)])
                clientBuffer.removeFirst(5 + length)
                guard let passed = record(header, fragment) else { return nil }
                out += passed
            }
            return out
        }

        /// Reads the ServerHello (random, suite, version) from what the server sent.
        mutating func fromServer(_ bytes: [UInt8]) {
            guard serverRandom == nil else { return }
            serverBuffer += bytes
            guard serverBuffer.count >= 5 + 4 + 38 + 3, serverBuffer[0] == 22, serverBuffer[5] == 2 else { return }
            let body = Array(serverBuffer[9...])
            version = UInt16(body[0]) << 8 | UInt16(body[1])
            serverRandom = Array(body[2..<34])
            let idLength = Int(body[34])
            guard body.count >= 35 + idLength + 2 else { return }
            suite = UInt16(body[35 + idLength]) << 8 | UInt16(body[36 + idLength])
        }

        private mutating func record(_ header: [UInt8], _ fragment: [UInt8]) -> [UInt8]? {
            let type = header[0]
            if type == 22, !clientEncrypting, fragment.first == 1, fragment.count >= 38 { clientRandom = Array(fragment[6..<38]) }
            if type == 20 { clientEncrypting = true }
            guard clientEncrypting, type != 20 else { return header + fragment }
            guard finishedSeen else {
                finishedSeen = true
                clientChain = fragment
                serverChain = fragment
                return header + fragment
            }
            switch mode {
            case .relay: return header + fragment
            case .dropAfterHandshake: return nil
            case .lenient, .acceptsAnything:
                sequence += 1
                guard let fixed = try? rewritten(fragment, type: type) else { return header + fragment }
                return [header[0], header[1], header[2], UInt8(fixed.count >> 8), UInt8(fixed.count & 0xFF)] + fixed
            }
        }

        /// The fragment decrypted, set right (`lenient`: its padding bytes from its length byte;
        /// `acceptsAnything`: its MAC and padding made anew), encrypted again.
        private mutating func rewritten(_ fragment: [UInt8], type: UInt8) throws -> [UInt8]? {
            guard let cipher = try keys() else { return nil }
            let size = cipher.blockSize
            if cipher.explicitIV {
                let iv = Array(fragment.prefix(size))
                var plain = try cipher.decrypt(Array(fragment.dropFirst(size)), iv: iv)
                try fix(&plain, cipher, type: type)
                return iv + (try cipher.encrypt(plain, iv: iv))
            }
            var plain = try cipher.decrypt(fragment, iv: Array(clientChain.suffix(size)))
            clientChain = fragment
            try fix(&plain, cipher, type: type)
            let encrypted = try cipher.encrypt(plain, iv: Array(serverChain.suffix(size)))
            serverChain = encrypted
            return encrypted
        }

        private func fix(_ plain: inout [UInt8], _ cipher: CBCRecordCipher, type: UInt8) throws {
            guard let length = plain.last, Int(length) + 1 <= plain.count else { return }
            guard mode == .acceptsAnything else {
                for index in (plain.count - 1 - Int(length))..<(plain.count - 1) { plain[index] = length }
                return
            }
            let content = Array(plain.prefix(max(0, plain.count - 1 - Int(length) - cipher.macLength)))
            plain = try cipher.plaintext(sequence: sequence, type: type, content: content)
        }

        /// The client's write keys, from the master secret s_server logged for this session
        /// (waited for: it is written while the handshake completes).
        private mutating func keys() throws -> CBCRecordCipher? {
            if let cipher { return cipher }
            guard let clientRandom, let serverRandom, let suite, let version else { return nil }
            let wanted = "client_random " + clientRandom.map { String(format: "%02x", $0) }.joined() + " "
            for _ in 0..<40 {
                let text = (try? String(contentsOfFile: keylog, encoding: .utf8)) ?? ""
                if let line = text.split(separator: "\n").first(where: { $0.lowercased().hasPrefix(wanted) }) {
                    let hex = Array(line.dropFirst(wanted.count))
                    let master = stride(from: 0, to: hex.count - 1, by: 2).compactMap { UInt8(String(hex[$0...($0 + 1)]), radix: 16) }
                    cipher = try CBCRecordCipher(
                        version: version, suite: suite, masterSecret: master, clientRandom: clientRandom, serverRandom: serverRandom,
                        writer: .client)
                    return cipher
                }
                usleep(50_000)
            }
            return nil
        }
    }
}
