import CryptCheckModel
import CryptCheckSSH
import CryptCheckTLS
import Foundation
import TestSupport
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

    /// Every algorithm the scan probed is accepted or refused (none undetermined), and the
    /// accepted ones are the configured lists.
    func checkAgainstConfiguration(_ observation: SSHEndpointObservation, lines: [String]) {
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
    }

    /// What OpenSSH's client sees agrees with the scan: the server's KEXINIT lists as `ssh -vv`
    /// prints them, and, for every algorithm the client knows (`ssh -Q`), offered alone, whether
    /// the client gets the server's key-exchange reply = whether the scan found it accepted.
    func checkClientAgrees(_ observation: SSHEndpointObservation, client: SSHClient) throws {
        let facts = try #require(observation.kexInit)
        let proposal = try client.serverProposal()
        #expect(proposal["KEX algorithms"] == facts.kexAlgorithms)
        #expect(proposal["host key algorithms"] == facts.hostKeyAlgorithms)
        #expect(proposal["ciphers ctos"] == facts.ciphersClientToServer)
        #expect(proposal["ciphers stoc"] == facts.ciphersServerToClient)
        #expect(proposal["MACs ctos"] == facts.macsClientToServer)
        #expect(proposal["MACs stoc"] == facts.macsServerToClient)
        #expect(proposal["compression ctos"] == facts.compressionClientToServer)
        #expect(proposal["compression stoc"] == facts.compressionServerToClient)
        let macCipher = facts.ciphersClientToServer.first { !$0.contains("gcm") && !$0.contains("chacha") }
        for (query, keyword, category) in [
            ("kex", "KexAlgorithms", SSHAlgorithmCategory.keyExchange), ("cipher", "Ciphers", .cipher), ("mac", "MACs", .mac),
            ("HostKeyAlgorithms", "HostKeyAlgorithms", .hostKey),
        ] {
            let known = try ToolRunner.run("/usr/bin/ssh", ["-Q", query]).output.split(separator: "\n").map(String.init)
            #expect(known.count > 3, "ssh -Q \(query)")
            for name in known {
                var options = ["\(keyword)=\(name)"]
                if category == .mac {
                    guard let macCipher else { continue }
                    options.append("Ciphers=\(macCipher)")
                }
                let negotiates = try client.negotiates(options)
                #expect(negotiates == Self.accepted(observation, category).contains(name), "\(query) \(name): ssh says \(negotiates)")
            }
        }
    }

    /// How many connections and how long one scan took, for the issue's comparison.
    func report(_ label: String, _ observation: SSHEndpointObservation) {
        print(
            "SSH scan \(label): \(observation.connections) connections, \(observation.durationMilliseconds) ms, "
                + "\(observation.algorithms.count) algorithms, \(observation.groupExchange.count) group requests")
    }

    /// The host keys: each signature verified, each fingerprint that of ssh-keyscan and of the key file.
    func checkHostKeys(_ observation: SSHEndpointObservation, keys: SSHHostKeys, client: SSHClient) throws {
        let files = [
            "ssh-ed25519": "ed25519", "ecdsa-sha2-nistp256": "ecdsa", "rsa-sha2-512": "rsa", "rsa-sha2-256": "rsa", "ssh-rsa": "rsa",
            "ssh-ed25519-cert-v01@openssh.com": "ed25519",
        ]
        let scanTypes = [
            "ssh-ed25519": "ed25519", "ecdsa-sha2-nistp256": "ecdsa", "rsa-sha2-512": "rsa", "rsa-sha2-256": "rsa", "ssh-rsa": "rsa",
        ]
        for hostKey in observation.hostKeys {
            #expect(hostKey.signatureVerified == true, "\(hostKey.algorithm): \(hostKey.failure ?? "")")
            #expect(hostKey.isObserved)
            let file = try #require(files[hostKey.algorithm], "\(hostKey.algorithm)")
            #expect(hostKey.fingerprint == (try keys.fingerprint(file)), "\(hostKey.algorithm)")
            if let type = scanTypes[hostKey.algorithm] {
                #expect(try client.keyscanFingerprints(type) == [hostKey.fingerprint ?? "none"], "\(hostKey.algorithm)")
            }
        }
        let rsa = observation.hostKeys.first { $0.algorithm.hasPrefix("rsa-sha2") || $0.algorithm == "ssh-rsa" }
        #expect(rsa?.key?.algorithm == .rsa && rsa?.key?.bits == 2048)
        let ecdsa = observation.hostKeys.first { $0.algorithm == "ecdsa-sha2-nistp256" }
        #expect(ecdsa?.key?.curve == "secp256r1")
    }

    /// The host certificate as `ssh-keyscan -c` fetches it from the same daemon and `ssh-keygen -L`
    /// reads it, field by field: type and role, certified key, CA key and signature, key ID,
    /// serial, validity and principals.
    func checkCertificateAgainstKeyscan(
        _ certificate: SSHCertificateFacts, observation: SSHEndpointObservation, port: Int, directory: URL
    ) throws {
        let scanned = try ToolRunner.run("/usr/bin/ssh-keyscan", ["-c", "-t", "ed25519", "-p", String(port), "127.0.0.1"])
        // With -c, ssh-keyscan prints the certificate line without the host in front.
        let words = try #require(
            scanned.output.split(separator: "\n").first { !$0.hasPrefix("#") && $0.contains(certificate.certificateType) }?
                .split(separator: " "), "\(scanned.output)")
        let type = try #require(words.firstIndex { $0 == certificate.certificateType })
        let file = directory.appendingPathComponent("keyscan-cert.pub")
        try (words[type...].joined(separator: " ") + "\n").write(to: file, atomically: true, encoding: .utf8)
        let listed = try ToolRunner.run("/usr/bin/ssh-keygen", ["-L", "-f", file.path])
        #expect(listed.status == 0, "\(listed.output)")
        let fields = listed.output.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        let certified = try #require(observation.hostKeys.first { $0.certificate == certificate }?.fingerprint)
        #expect(fields.contains("Type: \(certificate.certificateType) \(certificate.role) certificate"), "\(fields)")
        #expect(fields.contains("Public key: ED25519-CERT \(certified)"), "\(fields)")
        #expect(fields.contains("Signing CA: ED25519 \(certificate.caFingerprint) (using \(certificate.signature.name))"), "\(fields)")
        #expect(fields.contains("Key ID: \"\(certificate.keyID)\""), "\(fields)")
        #expect(fields.contains("Serial: \(certificate.serial)"), "\(fields)")
        #expect(certificate.validAfter == nil && certificate.validBefore == nil && fields.contains("Valid: forever"), "\(fields)")
        let principals = try #require(fields.firstIndex(of: "Principals:"))
        let options = try #require(fields.firstIndex { $0.hasPrefix("Critical Options:") })
        #expect(Array(fields[(principals + 1)..<options]) == certificate.principals)
        #expect(fields.contains("Critical Options: (none)") == certificate.criticalOptions.isEmpty)
    }

    @Test func modernOpenSSH() throws {
        let keys = try SSHHostKeys()
        let daemon = try SSHDaemon(keys: keys, lines: Self.modern)
        let observation = Self.scan(port: daemon.port)
        report("modern sshd", observation)
        checkAgainstConfiguration(observation, lines: Self.modern)
        try checkClientAgrees(observation, client: daemon.client)
        try checkHostKeys(observation, keys: keys, client: daemon.client)
        #expect(observation.hostKeys.count == 5)
        let certificate = try #require(observation.hostKeys.first { $0.algorithm == "ssh-ed25519-cert-v01@openssh.com" }?.certificate)
        #expect(certificate.role == "host")
        #expect(certificate.keyID == "test-host")
        #expect(certificate.principals == ["localhost", "127.0.0.1"])
        #expect(certificate.caFingerprint == (try keys.fingerprint("ca")))
        #expect(certificate.caKey.algorithm == .ed25519)
        try checkCertificateAgainstKeyscan(certificate, observation: observation, port: daemon.port, directory: keys.directory)
        #expect(observation.kexInit?.strictKex == true)
        #expect(observation.groupExchange.isEmpty)
        #expect(observation.connections == 1 + observation.algorithms.count)
    }

    @Test func legacyOpenSSH() throws {
        let keys = try SSHHostKeys()
        let daemon = try SSHDaemon(keys: keys, lines: Self.legacy, certificate: false)
        let observation = Self.scan(port: daemon.port)
        report("legacy sshd", observation)
        checkAgainstConfiguration(observation, lines: Self.legacy)
        try checkClientAgrees(observation, client: daemon.client)
        try checkHostKeys(observation, keys: keys, client: daemon.client)
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
        report("dropbear", observation)
        #expect(observation.outcome.kind == .kexInit)
        #expect(observation.identification?.hasPrefix("SSH-2.0-dropbear") == true)
        for support in observation.algorithms where support.category != .keyExchange || SSHKeyExchange.named(support.name) != nil {
            #expect(support.accepted == .yes, "\(support.category) \(support.name): \(support.accepted)")
        }
        try checkClientAgrees(observation, client: server.client)
        let files = ["ssh-ed25519": "ed25519", "ecdsa-sha2-nistp256": "ecdsa", "rsa-sha2-256": "rsa", "ssh-rsa": "rsa"]
        #expect(Set(observation.hostKeys.map(\.algorithm)) == Set(files.keys))
        for hostKey in observation.hostKeys {
            #expect(hostKey.signatureVerified == true, "\(hostKey.algorithm): \(hostKey.failure ?? "")")
            let file = try #require(files[hostKey.algorithm])
            #expect(hostKey.fingerprint == (try server.fingerprint(file)), "\(hostKey.algorithm)")
            #expect(try server.client.keyscanFingerprints(hostKey.algorithm) == [hostKey.fingerprint ?? "none"], "\(hostKey.algorithm)")
        }
        // Dropbear closes unauthenticated connections past five from one address, counting some
        // that have just ended: a probe whose connection it closes before its KEXINIT connects again.
        let probes = 1 + observation.algorithms.count + observation.groupExchange.count
        #expect(observation.connections >= probes && observation.connections <= probes + 6, "\(observation.connections)")
    }
}
