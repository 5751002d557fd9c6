import CryptCheckTLS
import TestSupport
import Testing

/// The TLS fuzz target's committed inputs through the entry the fuzzer uses
/// (`TLSFuzzEntry.serverBytes`): the seeds are real server answers and must still parse to a
/// flight (whole or fed in pieces), and an input that once crashed or hung the target must
/// now be a clean "malformed" result.
@Suite("Fuzz inputs: TLS")
struct FuzzTLSInputTests {
    @Test("server answers captured as seeds parse to a ServerHello or an alert", arguments: FuzzInputs.seeds("FuzzTLS"))
    func seed(_ input: FuzzInputs.Input) {
        switch TLSFuzzEntry.serverBytes(input.bytes) {
        case .flight(let flight, let readable):
            #expect(flight.serverHello != nil || flight.alert != nil)
            #expect(readable == flight.certificates.count)
            #expect(!input.name.hasPrefix("sslv2"))
        case .sslv2(let hello):
            #expect(input.name.hasPrefix("sslv2"))
            #expect(hello != nil)
            #expect(hello?.cipherKinds.isEmpty == input.name.hasPrefix("sslv2-empty"))
        case .malformed(let error):
            Issue.record("seed \(input.name) is malformed: \(error)")
        }
    }

    @Test("inputs that once broke the TLS target are malformed", arguments: FuzzInputs.regressions("FuzzTLS"))
    func regression(_ input: FuzzInputs.Input) {
        guard case .malformed = TLSFuzzEntry.serverBytes(input.bytes) else {
            Issue.record("\(input.name) no longer fails cleanly")
            return
        }
    }
}
