import CryptCheckTLS
import FuzzSupport

/// libFuzzer target: what a server sends — the TLS record, alert, ServerHello, Certificate and
/// ServerKeyExchange parsers fed piecewise, and the SSLv2 SERVER-HELLO parser
/// (`TLSFuzzEntry.serverBytes`). It also checks that the escaping a server's first bytes go
/// through when a "not TLS" answer is shown keeps its promise (`EscapeInvariant`), on the first
/// 64 bytes: escaping costs far more per byte than parsing, and would otherwise take most of
/// the target's time.
@_cdecl("FuzzTLS_main")
func fuzzTLSMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> Int32 {
    FuzzDriver.run(argc, argv) { bytes in
        TLSFuzzEntry.run(bytes)
        EscapeInvariant.check(Array(bytes.prefix(64)))
    }
}
