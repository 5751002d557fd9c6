import CryptCheckX509

/// The way in for the TLS fuzz target (`Fuzz/`) and its regression tests: one fuzz input is
/// decoded here, so a reproducer means the same thing to the fuzzer and to the test suite.
public enum TLSFuzzEntry {
    /// What a server's bytes came to: the parsed flight, or the error that ended it.
    package enum Outcome: Sendable {
        /// A TLS flight, complete or not, and how many of its certificates were readable.
        case flight(ServerFlight, readableCertificates: Int)
        /// An SSLv2 SERVER-HELLO, or `nil` when the bytes end before one does.
        case sslv2(SSLv2.ServerHello?)
        /// The bytes were malformed: the error a probe records as a failed probe.
        case malformed(String)
    }

    /// One fuzz input through `serverBytes`, for the fuzz target (a package of its own, which
    /// sees only public API); what it came to is for the tests.
    public static func run(_ input: [UInt8]) { _ = serverBytes(input) }

    /// The first byte picks the parser and how the bytes arrive: odd, the SSLv2 SERVER-HELLO
    /// parser; even, the TLS server-flight parser (with the ServerKeyExchange and Certificate
    /// readers), fed in pieces of `selector / 2` bytes (the whole rest when that is 0), as
    /// bytes arrive from a socket. The certificates of a flight go through the X.509 reader as
    /// the chain probe reads them.
    package static func serverBytes(_ input: [UInt8]) -> Outcome {
        guard let selector = input.first else { return .sslv2(nil) }
        let bytes = Array(input.dropFirst())
        do {
            if selector & 1 == 1 { return .sslv2(try SSLv2.parseServerHello(bytes)) }
            let piece = Int(selector / 2) == 0 ? max(bytes.count, 1) : Int(selector / 2)
            var parser = ServerFlightParser()
            var offset = 0
            while offset < bytes.count && !parser.isComplete {
                let end = min(offset + piece, bytes.count)
                try parser.consume(Array(bytes[offset..<end]))
                offset = end
            }
            let readable = parser.flight.certificates.filter { (try? CertificateReader.facts(der: $0)) != nil }.count
            return .flight(parser.flight, readableCertificates: readable)
        } catch {
            return .malformed("\(error)")
        }
    }
}
