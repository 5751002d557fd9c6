import CryptCheckFiles
import FuzzSupport

/// libFuzzer target: whole PKCS#12 files (`*.p12`) through the file parser — the PFX reader, its
/// MAC, bag envelopes and certificates, and OpenSSL's PKCS12_parse with the empty password.
@_cdecl("FuzzPKCS12_main")
func fuzzPKCS12Main(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> Int32 {
    FuzzDriver.run(argc, argv) { bytes in _ = FilesFuzzEntry.file(bytes, named: FilesFuzzEntry.pkcs12Name) }
}
