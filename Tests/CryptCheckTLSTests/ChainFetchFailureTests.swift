import CryptCheckModel
import Foundation
import TestSupport
import Testing

@testable import CryptCheckTLS

/// A chain that could not be fetched is a failure, never a chain the server does not have.
@Suite("Chain fetch failures")
struct ChainFetchFailureTests {
    /// The cipher suites a ClientHello record offers.
    static func offeredSuites(_ hello: [UInt8]) -> [UInt16] {
        guard hello.count > 44 else { return [] }
        let sessionLength = Int(hello[43])
        let at = 44 + sessionLength
        guard hello.count > at + 2 else { return [] }
        let length = Int(hello[at]) << 8 | Int(hello[at + 1])
        guard hello.count >= at + 2 + length else { return [] }
        return stride(from: at + 2, to: at + 2 + length, by: 2).map { UInt16(hello[$0]) << 8 | UInt16(hello[$0 + 1]) }
    }

    /// ServerHello (TLS 1.2, `suite`), Certificate (`der`), the ServerKeyExchange the suite
    /// needs and ServerHelloDone in one record.
    static func flight(_ suite: UInt16, certificate der: [UInt8]) -> [UInt8] {
        func u24(_ value: Int) -> [UInt8] { [UInt8(value >> 16), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)] }
        let hello: [UInt8] = [0x03, 0x03] + Array(repeating: 0x42, count: 32) + [0x00, UInt8(suite >> 8), UInt8(suite & 0xFF), 0x00]
        let list = u24(der.count) + der
        let certificate = u24(list.count) + list
        let parameters = ScannerBehaviourTests.keyExchange(for: suite)
        let keyExchange = parameters.isEmpty ? [] : [0x0C] + u24(parameters.count) + parameters
        let handshake =
            [0x02] + u24(hello.count) + hello + [0x0B] + u24(certificate.count) + certificate + keyExchange + [0x0E, 0x00, 0x00, 0x00]
        return [0x16, 0x03, 0x03, UInt8(handshake.count >> 8), UInt8(handshake.count & 0xFF)] + handshake
    }

    @Test func aResetChainFetchIsRecordedAsAFailure() throws {
        let pem = try String(contentsOfFile: LocalServer.fixtures + "/certs/rsa2048-sha256.pem", encoding: .utf8)
        let body = pem.split(separator: "\n").filter { !$0.hasPrefix("-----") }.joined()
        let der = [UInt8](try #require(Data(base64Encoded: body)))
        // Accepts ECDHE_ECDSA (0xC02B) and ECDHE_RSA (0xC02F) under TLS 1.2 only, but resets the
        // one hello that offers the RSA suite alone: the RSA chain fetch.
        let server = try FakeServer { _, connection in
            let hello = connection.read()
            let offered = Self.offeredSuites(hello)
            if offered == [0xC02F] {
                connection.resetOnClose()
                return
            }
            let isTLS12 = hello.count > 10 && hello[9] == 0x03 && hello[10] == 0x03
            guard isTLS12, let suite = offered.first(where: { $0 == 0xC02B || $0 == 0xC02F }) else {
                connection.write([0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x28])
                return
            }
            connection.write(Self.flight(suite, certificate: der))
        }
        let observation = TLSScanner(host: "127.0.0.1", port: server.port, timeout: .seconds(2), retries: 1).scan()
        let tls12 = try #require(observation.cipherSuites.first { $0.version == .tlsv1_2 })
        #expect(Set(tls12.accepted) == [CipherSuite(0xC02B), CipherSuite(0xC02F)], "\(tls12)")
        #expect(observation.failures.contains { $0.contains("RSA certificate chain under TLSv1.2") }, "\(observation.failures)")
    }
}
