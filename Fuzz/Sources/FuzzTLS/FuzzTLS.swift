import CryptCheckTLS
import FuzzSupport

/// libFuzzer target: what a server sends — the TLS record, alert, ServerHello, Certificate and
/// ServerKeyExchange parsers fed piecewise, and the SSLv2 SERVER-HELLO parser
/// (`TLSFuzzEntry.serverBytes`). It also checks that the escaping every server byte goes
/// through before it is shown keeps its promise (`EscapeInvariant`).
@_cdecl("FuzzTLS_main")
func fuzzTLSMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> Int32 {
    FuzzDriver.run(argc, argv) { bytes in
        _ = TLSFuzzEntry.serverBytes(bytes)
        EscapeInvariant.check(bytes)
    }
}
