import CryptCheckModel
import CryptCheckOpenSSL
import CryptCheckTLS

/// One probe of an SSH scan: an algorithm offered alone, a host-key algorithm's exchange, or a
/// group-exchange request.
enum SSHProbe: Sendable {
    case algorithm(SSHAlgorithmCategory, String)
    case groupExchange(String, (minimum: Int, preferred: Int, maximum: Int))
}

/// What one probe found.
enum SSHProbeResult: Sendable {
    case algorithm(SSHAlgorithmSupport)
    case hostKey(SSHAlgorithmSupport, SSHHostKeyFacts)
    case groupExchange(SSHGroupExchangeFacts)
}

/// The probes of an endpoint, from its KEXINIT: every advertised name of every list, each
/// offered alone with the server's own lists for the others, and the group-exchange requests.
struct SSHProbePlan: Sendable {
    let server: SSHKexInitFacts
    /// The key exchange the other probes use: the first the server offers of the scanner's
    /// preference; `nil` when it offers none the scanner completes.
    let exchange: String?
    let probes: [SSHProbe]

    /// Ciphers with their own integrity (the MAC list is not negotiated with them).
    static func isAEAD(_ cipher: String) -> Bool {
        cipher == "chacha20-poly1305@openssh.com" || cipher.contains("-gcm") || cipher.hasPrefix("AEAD_")
    }

    init(server: SSHKexInitFacts) {
        self.server = server
        exchange = SSHKeyExchange.preference.first { server.kexAlgorithms.contains($0) }
        var probes: [SSHProbe] = []
        func each(_ category: SSHAlgorithmCategory, _ lists: [[String]]) {
            var seen: Set<String> = []
            for name in lists.joined() where seen.insert(name).inserted { probes.append(.algorithm(category, name)) }
        }
        each(.hostKey, [server.hostKeyAlgorithms])
        each(.keyExchange, [server.kexAlgorithms.filter { !SSHKexInitFacts.isMarker($0) }])
        each(.cipher, [server.ciphersClientToServer, server.ciphersServerToClient])
        each(.mac, [server.macsClientToServer, server.macsServerToClient])
        each(.compression, [server.compressionClientToServer, server.compressionServerToClient])
        let groupExchange = ["diffie-hellman-group-exchange-sha256", "diffie-hellman-group-exchange-sha1"]
            .first { server.kexAlgorithms.contains($0) }
        if let groupExchange {
            for (minimum, preferred, maximum) in SSHScanner.groupExchangeRequests {
                probes.append(.groupExchange(groupExchange, (minimum, preferred, maximum)))
            }
        }
        self.probes = probes
    }

    /// The scanner's KEXINIT for probing `name` of `category` alone: that list holds the name
    /// alone (in each direction the server lists it), the others the server's own lists, the
    /// key exchange the plan's (or the probed one). For a MAC, only ciphers without their own
    /// integrity are offered, so that the MAC is negotiated at all.
    func offer(_ category: SSHAlgorithmCategory, _ name: String) -> SSHKexInitFacts? {
        func alone(_ list: [String]) -> [String] { list.contains(name) ? [name] : list }
        var kex = exchange.map { [$0] } ?? []
        var hostKeys = server.hostKeyAlgorithms
        var ciphers = (server.ciphersClientToServer, server.ciphersServerToClient)
        var macs = (server.macsClientToServer, server.macsServerToClient)
        var compression = (server.compressionClientToServer, server.compressionServerToClient)
        switch category {
        case .keyExchange: kex = [name]
        case .hostKey: hostKeys = [name]
        case .cipher: ciphers = (alone(ciphers.0), alone(ciphers.1))
        case .mac:
            macs = (alone(macs.0), alone(macs.1))
            ciphers = (ciphers.0.filter { !Self.isAEAD($0) }, ciphers.1.filter { !Self.isAEAD($0) })
            guard !ciphers.0.isEmpty, !ciphers.1.isEmpty else { return nil }
        case .compression: compression = (alone(compression.0), alone(compression.1))
        }
        guard !kex.isEmpty else { return nil }
        return SSHKexInitFacts(
            kexAlgorithms: kex, hostKeyAlgorithms: hostKeys, ciphersClientToServer: ciphers.0, ciphersServerToClient: ciphers.1,
            macsClientToServer: macs.0, macsServerToClient: macs.1, compressionClientToServer: compression.0,
            compressionServerToClient: compression.1)
    }
}
