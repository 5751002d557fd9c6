import CryptCheckX509
import FuzzSupport

/// libFuzzer target: the bounded DER reader and the X.509, key-info, signature-algorithm and
/// explicit-curve readers on it (`X509FuzzEntry.read`).
@_cdecl("FuzzDER_main")
func fuzzDERMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> Int32 {
    FuzzDriver.run(argc, argv) { bytes in _ = X509FuzzEntry.read(bytes) }
}
