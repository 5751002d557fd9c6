import CryptCheckModel
import CryptCheckSSH
import CryptCheckTLS
import Foundation
import TestSupport
import Testing

/// Scans of scripted SSH servers: post-quantum hybrids no Debian daemon offers, and servers
/// that go silent, send without end or send bytes that are not SSH. Every scan ends within its
/// budget with a named reason, and nothing the server sent reaches the observation unescaped.
@Suite struct SSHScriptedServerTests {
    static func scanner(_ port: Int, timeout: Duration = .seconds(1), budget: Duration = .seconds(5)) -> SSHScanner {
        var scanner = SSHScanner(host: "127.0.0.1", port: port, timeout: timeout, limits: ConnectionLimits(perHost: 8, global: 16))
        scanner.budget = budget
        return scanner
    }

    static func seconds(_ observation: SSHEndpointObservation) -> Double { Double(observation.durationMilliseconds) / 1000 }

    /// No C0/C1 control byte or DEL: safe for a terminal.
    static func isPrintable(_ text: String) -> Bool {
        !text.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F || (0x80...0x9F).contains($0.value) }
    }

    static let hybridLists = ScriptedSSHServer.Lists(
        kex: ["mlkem768x25519-sha256", "sntrup761x25519-sha512@openssh.com"], hostKeys: ["ssh-ed25519"], ciphers: ["aes128-ctr"],
        macs: ["hmac-sha2-256"])

    @Test func hybridsAreAcceptedFromTheNegotiationWithThatAsTheEvidence() throws {
        let server = try ScriptedSSHServer(.negotiating(Self.hybridLists))
        let observation = Self.scanner(server.port).scan()
        #expect(observation.outcome.kind == .kexInit, "\(observation.outcome)")
        #expect(observation.identification == ScriptedSSHServer.identification)
        for name in Self.hybridLists.kex {
            let support = try #require(observation.algorithms.first { $0.category == .keyExchange && $0.name == name })
            #expect(support.accepted == .yes, "\(name): \(support.accepted)")
            #expect(support.evidence?.contains("negotiation only") == true, "\(name)")
            #expect(support.evidence?.contains("neither the shared secret nor the host key's signature") == true)
        }
        // With only hybrids, no probe can complete an exchange: the others are undetermined, and
        // no host key is observed.
        for support in observation.algorithms where support.category != .keyExchange {
            guard case .failed(let reason, _) = support.accepted else {
                Issue.record("\(support.name): \(support.accepted)")
                continue
            }
            #expect(reason.contains("no key exchange the scanner completes"), "\(reason)")
        }
        #expect(observation.hostKeys.allSatisfy { !$0.isObserved })
    }

    @Test func aServerSilentAfterItsKexInitEndsWithinTheBudget() throws {
        let lists = ScriptedSSHServer.Lists(
            kex: ["curve25519-sha256"], hostKeys: ["ssh-ed25519"],
            ciphers: [
                "aes128-ctr", "aes192-ctr", "aes256-ctr", "aes128-cbc", "aes256-cbc", "3des-cbc", "aes128-gcm@openssh.com",
                "aes256-gcm@openssh.com",
            ],
            macs: ["hmac-sha2-256"])
        let server = try ScriptedSSHServer(.silentAfterKexInit(lists))
        let observation = Self.scanner(server.port, timeout: .seconds(1), budget: .milliseconds(2500)).scan()
        #expect(observation.outcome.kind == .kexInit)
        #expect(Self.seconds(observation) < 3.5, "\(observation.durationMilliseconds) ms")
        #expect(!observation.algorithms.isEmpty)
        for support in observation.algorithms {
            guard case .failed(_, let code) = support.accepted else {
                Issue.record("\(support.name): \(support.accepted)")
                continue
            }
            #expect(code == .connectionTimeout || code == .connectionBudgetExhausted, "\(support.name): \(String(describing: code))")
        }
        #expect(observation.failureCodes.contains(.connectionBudgetExhausted))
        #expect(observation.hostKeys.allSatisfy { !$0.isObserved && $0.failure != nil })
    }

    @Test func aServerSilentAfterItsIdentificationIsSilent() throws {
        let server = try ScriptedSSHServer(.silentAfterIdentification)
        let observation = Self.scanner(server.port).scan()
        #expect(observation.outcome.kind == .silent)
        #expect(observation.outcome.code == .connectionTimeout)
        #expect(observation.connections == 1)
        #expect(Self.seconds(observation) < 2)
    }

    @Test func anEndlessPreambleIsCutAtTheLineLimit() throws {
        let server = try ScriptedSSHServer(.endlessPreamble(line: "Welcome to the machine"))
        let observation = Self.scanner(server.port).scan()
        #expect(observation.outcome.kind == .malformed)
        #expect(observation.outcome.code == .sshWireOversized)
        #expect(observation.outcome.detail?.contains("lines before the version line") == true, "\(observation.outcome)")
        #expect(Self.seconds(observation) < 2)
    }

    @Test func anEndlessPreambleLineIsCutAtItsLength() throws {
        let server = try ScriptedSSHServer(.endlessPreamble(line: String(repeating: "A", count: 5000)))
        let observation = Self.scanner(server.port).scan()
        #expect(observation.outcome.kind == .malformed)
        #expect(observation.outcome.code == .sshWireOversized)
        #expect(Self.seconds(observation) < 2)
    }

    @Test func endlessBytesAfterTheBannerAreRefusedWithinTheBudget() throws {
        let server = try ScriptedSSHServer(.endlessBytesAfterBanner)
        let observation = Self.scanner(server.port).scan()
        #expect(observation.outcome.kind == .malformed || observation.outcome.kind == .notSSH, "\(observation.outcome)")
        #expect(observation.outcome.code == .sshWireOversized || observation.outcome.code == .sshWireMalformed)
        #expect(Self.seconds(observation) < 2)
        #expect(Self.isPrintable(observation.outcome.detail ?? ""))
    }

    @Test func aPacketOfFourGigabytesIsRefused() throws {
        let server = try ScriptedSSHServer(.hugePacketLength)
        let observation = Self.scanner(server.port).scan()
        #expect(observation.outcome.kind == .malformed)
        #expect(observation.outcome.code == .sshWireOversized)
        #expect(observation.outcome.detail?.contains("4294967295") == true, "\(observation.outcome)")
        #expect(Self.seconds(observation) < 2)
    }

    @Test func garbageAfterAHostileBannerIsNamedAndEscaped() throws {
        let banner = Array("SSH-2.0-Evil".utf8) + [0x1B, 0x5B, 0x32, 0x4A, 0x07, 0x9B] + Array("x".utf8)
        let server = try ScriptedSSHServer(.garbageAfterBanner(identification: banner))
        let observation = Self.scanner(server.port).scan()
        #expect(observation.outcome.kind == .malformed, "\(observation.outcome)")
        #expect(observation.outcome.code == .sshWireUnexpected)
        #expect(Self.isPrintable(observation.outcome.detail ?? ""))
        #expect(Self.seconds(observation) < 2)
    }

    @Test func aHostileIdentificationIsKeptEscaped() throws {
        let banner = Array("SSH-2.0-Evil".utf8) + [0x1B, 0x5D, 0x30, 0x3B, 0x07, 0xC3, 0x28]
        let server = try ScriptedSSHServer(.negotiating(Self.hybridLists), banner: banner)
        let observation = Self.scanner(server.port).scan()
        #expect(observation.outcome.kind == .kexInit)
        let identification = try #require(observation.identification)
        #expect(identification.hasPrefix("SSH-2.0-Evil"))
        #expect(Self.isPrintable(identification), "\(identification)")
    }
}
