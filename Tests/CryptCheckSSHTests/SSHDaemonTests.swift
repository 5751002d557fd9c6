import CryptCheckModel
import CryptCheckSSH
import CryptCheckTLS
import Foundation
import Testing

/// Scans of real OpenSSH and Dropbear daemons, compared with what their configuration says and
/// with what OpenSSH's own client and ssh-keyscan observe against the same daemon.
@Suite(.serialized) struct SSHDaemonTests {
    static let modern = [
        "KexAlgorithms curve25519-sha256,ecdh-sha2-nistp256,ecdh-sha2-nistp384,diffie-hellman-group16-sha512,sntrup761x25519-sha512@openssh.com",
        "Ciphers chacha20-poly1305@openssh.com,aes256-gcm@openssh.com,aes128-ctr",
        "MACs hmac-sha2-256-etm@openssh.com,hmac-sha2-512",
        "HostKeyAlgorithms ssh-ed25519,ecdsa-sha2-nistp256,rsa-sha2-512,rsa-sha2-256,ssh-ed25519-cert-v01@openssh.com",
    ]
    static let legacy = [
        "KexAlgorithms diffie-hellman-group1-sha1,diffie-hellman-group14-sha1,diffie-hellman-group-exchange-sha1,diffie-hellman-group-exchange-sha256,diffie-hellman-group18-sha512",
        "Ciphers aes128-cbc,3des-cbc,aes256-ctr",
        "MACs hmac-sha1,hmac-md5,hmac-sha2-256",
        "HostKeyAlgorithms ssh-rsa,rsa-sha2-256,ecdsa-sha2-nistp256,ssh-ed25519",
    ]

    static func configured(_ lines: [String], _ keyword: String) -> [String] {
        lines.first { $0.hasPrefix(keyword + " ") }.map { $0.dropFirst(keyword.count + 1).split(separator: ",").map(String.init) } ?? []
    }

    static func accepted(_ observation: SSHEndpointObservation, _ category: SSHAlgorithmCategory) -> Set<String> {
        Set(observation.algorithms.filter { $0.category == category && $0.accepted == .yes }.map(\.name))
    }

    static func scan(port: Int) -> SSHEndpointObservation {
        SSHScanner(host: "127.0.0.1", port: port, timeout: .seconds(5), limits: ConnectionLimits(perHost: 8, global: 16)).scan()
    }

    /// Every algorithm the scan probed is accepted or refused (none undetermined), the
    /// accepted ones are the configured lists, and OpenSSH's client agrees algorithm by algorithm.
    func checkAgainstConfiguration(_ observation: SSHEndpointObservation, lines: [String], daemon: SSHDaemon) throws {
        #expect(observation.outcome.kind == .kexInit, "\(observation.outcome)")
        #expect(observation.identification?.hasPrefix("SSH-2.0-OpenSSH_9.2") == true)
        for support in observation.algorithms {
            #expect(support.accepted != .no, "\(support.name) advertised but refused alone")
            if case .failed(let reason, _) = support.accepted { Issue.record("\(support.category) \(support.name): \(reason)") }
        }
        #expect(Self.accepted(observation, .keyExchange) == Set(Self.configured(lines, "KexAlgorithms")))
        #expect(Self.accepted(observation, .cipher) == Set(Self.configured(lines, "Ciphers")))
        #expect(Self.accepted(observation, .mac) == Set(Self.configured(lines, "MACs")))
        #expect(Self.accepted(observation, .hostKey) == Set(Self.configured(lines, "HostKeyAlgorithms")))
        // sshd's default `Compression yes` offers zlib@openssh.com (after authentication) and none.
        #expect(Self.accepted(observation, .compression) == Set(observation.kexInit?.compressionServerToClient ?? []))
        #expect(Self.accepted(observation, .compression).contains("none"))
        // OpenSSH's client, one algorithm at a time, agrees on every one it knows.
        let macCipher = Self.configured(lines, "Ciphers").first { !$0.contains("gcm") && !$0.contains("chacha") }
        for (query, keyword, category) in [
            ("kex", "KexAlgorithms", SSHAlgorithmCategory.keyExchange), ("cipher", "Ciphers", .cipher), ("mac", "MACs", .mac),
        ] {
            let known = try runTool("/usr/bin/ssh", ["-Q", query]).output.split(separator: "\n").map(String.init)
            for name in known {
                var options = ["\(keyword)=\(name)"]
                if category == .mac, let macCipher { options.append("Ciphers=\(macCipher)") }
                let negotiates = try daemon.clientNegotiates(options)
                #expect(negotiates == Self.accepted(observation, category).contains(name), "\(query) \(name): ssh says \(negotiates)")
            }
        }
    }

    /// The host keys: each signature verified, each fingerprint that of ssh-keyscan and of the key file.
    func checkHostKeys(_ observation: SSHEndpointObservation, keys: SSHHostKeys, daemon: SSHDaemon) throws {
        let files = [
            "ssh-ed25519": "ed25519", "ecdsa-sha2-nistp256": "ecdsa", "rsa-sha2-512": "rsa", "rsa-sha2-256": "rsa", "ssh-rsa": "rsa",
            "ssh-ed25519-cert-v01@openssh.com": "ed25519",
        ]
        let scanTypes = ["ssh-ed25519": "ed25519", "ecdsa-sha2-nistp256": "ecdsa", "rsa-sha2-512": "rsa", "rsa-sha2-256": "rsa", "ssh-rsa": "rsa"]
        for hostKey in observation.hostKeys {
            #expect(hostKey.signatureVerified == true, "\(hostKey.algorithm): \(hostKey.failure ?? "")")
            #expect(hostKey.isObserved)
            let file = try #require(files[hostKey.algorithm], "\(hostKey.algorithm)")
            #expect(hostKey.fingerprint == (try keys.fingerprint(file)), "\(hostKey.algorithm)")
            if let type = scanTypes[hostKey.algorithm] {
                #expect(try daemon.keyscanFingerprints(type) == [hostKey.fingerprint ?? "none"], "\(hostKey.algorithm)")
            }
        }
        let rsa = observation.hostKeys.first { $0.algorithm.hasPrefix("rsa-sha2") || $0.algorithm == "ssh-rsa" }
        #expect(rsa?.key?.algorithm == .rsa && rsa?.key?.bits == 2048)
        let ecdsa = observation.hostKeys.first { $0.algorithm == "ecdsa-sha2-nistp256" }
        #expect(ecdsa?.key?.curve == "secp256r1")
    }

    @Test func modernOpenSSH() throws {
        let keys = try SSHHostKeys()
        let daemon = try SSHDaemon(keys: keys, lines: Self.modern)
        let observation = Self.scan(port: daemon.port)
        try checkAgainstConfiguration(observation, lines: Self.modern, daemon: daemon)
        try checkHostKeys(observation, keys: keys, daemon: daemon)
        #expect(observation.hostKeys.count == 5)
        let certificate = try #require(observation.hostKeys.first { $0.algorithm == "ssh-ed25519-cert-v01@openssh.com" }?.certificate)
        #expect(certificate.role == "host")
        #expect(certificate.keyID == "test-host")
        #expect(certificate.principals == ["localhost", "127.0.0.1"])
        #expect(certificate.caFingerprint == (try keys.fingerprint("ca")))
        #expect(certificate.caKey.algorithm == .ed25519)
        #expect(observation.kexInit?.strictKex == true)
        #expect(observation.groupExchange.isEmpty)
        #expect(observation.connections == 1 + observation.algorithms.count)
    }

    @Test func legacyOpenSSH() throws {
        let keys = try SSHHostKeys()
        let daemon = try SSHDaemon(keys: keys, lines: Self.legacy, certificate: false)
        let observation = Self.scan(port: daemon.port)
        try checkAgainstConfiguration(observation, lines: Self.legacy, daemon: daemon)
        try checkHostKeys(observation, keys: keys, daemon: daemon)
        // Group exchange: sshd refuses a maximum under 2048 bits and otherwise picks a prime
        // from /etc/ssh/moduli within the bounds.
        #expect(observation.groupExchange.count == SSHScanner.groupExchangeRequests.count)
        for group in observation.groupExchange {
            if group.maximum < 2048 {
                #expect(group.primeBits == nil && group.failure != nil)
            } else {
                let bits = try #require(group.primeBits, "\(group)")
                #expect(bits >= max(group.minimum, 2048) - 1 && bits <= group.maximum)
                #expect(group.generator == 2 || group.generator == 5)
            }
        }
        #expect(observation.connections == 1 + observation.algorithms.count + observation.groupExchange.count)
    }

    @Test func dropbear() throws {
        let keys = try SSHHostKeys()
        let server = try DropbearDaemon(directory: keys.directory)
        let observation = Self.scan(port: server.port)
        #expect(observation.outcome.kind == .kexInit)
        #expect(observation.identification?.hasPrefix("SSH-2.0-dropbear") == true)
        for support in observation.algorithms {
            #expect(support.accepted == .yes, "\(support.category) \(support.name): \(support.accepted)")
        }
        let hostKey = try #require(observation.hostKeys.first { $0.algorithm == "ssh-ed25519" })
        #expect(hostKey.signatureVerified == true)
        #expect(hostKey.fingerprint == (try server.fingerprint()))
    }
}
