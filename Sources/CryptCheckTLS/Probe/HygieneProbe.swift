import CryptCheckModel
import CryptCheckOpenSSL
import CryptCheckX509

/// The fingerprints the attack checks compare: the keys of the leaf certificates seen in the
/// suite enumeration, the key of the SSLv2 server (one more SSLv2 hello, only when SSLv2 was
/// accepted), and the hash of each DH prime.
extension TLSScanner {
    func hygiene(_ found: ScanFindings) -> (Part, [ProbeFailure]) {
        var observation = HygieneObservation()
        var keys: [ServerKeyFingerprint] = []
        var leaves = Set<[UInt8]>()
        var unreadable = false
        for flight in found.suiteFlights {
            guard let leaf = flight.certificates.first, leaves.insert(leaf).inserted else { continue }
            guard let key = try? KeyFingerprintReader.read(certificateDER: leaf) else {
                unreadable = true
                continue
            }
            if !keys.contains(key) { keys.append(key) }
        }
        // A key that could not be read might be the shared one: then none is said to be known.
        observation.serverKeys = leaves.isEmpty || unreadable ? nil : keys
        if found.acceptedVersions.contains(.sslv2) {
            switch probe.runSSLv2Certificate() {
            case .success(let der):
                do {
                    observation.sslv2ServerKey = try KeyFingerprintReader.read(certificateDER: der)
                } catch {
                    observation.sslv2KeyFailure = "the SSLv2 server's certificate could not be read: \(error)"
                }
            case .failure(let failure):
                observation.sslv2KeyFailure = failure.reason
            }
        }
        var primes = Set<[UInt8]>()
        var dhPrimes: [DHPrimeFingerprint] = []
        for exchange in (found.suiteFlights + found.groupFlights).compactMap(\.keyExchange) {
            guard let prime = exchange.dhPrime, let bits = exchange.dhPrimeBits, primes.insert(prime).inserted,
                let hash = try? Digest.sha256Hex(prime)
            else { continue }
            dhPrimes.append(DHPrimeFingerprint(bits: bits, sha256: hash))
        }
        observation.dhPrimes = dhPrimes.sorted { ($0.bits, $0.sha256) < ($1.bits, $1.sha256) }
        return (.hygiene(observation), [])
    }
}

/// Why the SSLv2 server's certificate was not read.
struct SSLv2CertificateFailure: Error {
    let reason: String
}

extension HandshakeProbe {
    /// The certificate of the SSLv2 SERVER-HELLO (DER), from one more CLIENT-HELLO.
    func runSSLv2Certificate() -> Result<[UInt8], SSLv2CertificateFailure> {
        do {
            return try withConnection { connection, deadline in
                try connection.send(SSLv2.clientHello(challenge: Self.randomBytes(16)), deadline: deadline)
                var received: [UInt8] = []
                while received.count <= 32_770 {
                    let bytes = try connection.receive(deadline: deadline)
                    if bytes.isEmpty {
                        return .failure(SSLv2CertificateFailure(reason: "the SSLv2 server closed the connection before its SERVER-HELLO"))
                    }
                    received += bytes
                    if received[0] & 0x80 == 0 {
                        return .failure(SSLv2CertificateFailure(reason: "the server did not answer in SSLv2 this time"))
                    }
                    if let hello = try SSLv2.parseServerHello(received) {
                        return hello.certificate.isEmpty
                            ? .failure(SSLv2CertificateFailure(reason: "the SSLv2 SERVER-HELLO carried no certificate"))
                            : .success(hello.certificate)
                    }
                }
                return .failure(SSLv2CertificateFailure(reason: "SSLv2: the server sent too much"))
            }
        } catch {
            return .failure(SSLv2CertificateFailure(reason: "the SSLv2 server's certificate was not read: \(error)"))
        }
    }
}
