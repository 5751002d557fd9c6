import CryptCheckFiles
import FuzzSupport

/// libFuzzer target: whole JKS and JCEKS keystores through the file parser — the entry reader,
/// the key-protection envelopes and the certificates stored in them.
@_cdecl("FuzzKeyStore_main")
func fuzzKeyStoreMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> Int32 {
    FuzzDriver.run(argc, argv) { bytes in _ = FilesFuzzEntry.file(bytes, named: FilesFuzzEntry.keyStoreName) }
}
