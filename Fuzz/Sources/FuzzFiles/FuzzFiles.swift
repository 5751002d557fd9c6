import CryptCheckFiles
import FuzzSupport

/// libFuzzer target: the file scanner's parser as `cryptcheck scan` runs it on one file — format
/// sniffing, PEM and labelled blocks, DER structures, PKCS#1/#7/#8/#10, encrypted-key envelopes,
/// CRLs, PKCS#12, keystores and OpenSSH text — with the file name picked by the first byte
/// (`FilesFuzzEntry.file`).
@_cdecl("FuzzFiles_main")
func fuzzFilesMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> Int32 {
    FuzzDriver.run(argc, argv) { bytes in _ = FilesFuzzEntry.file(bytes) }
}
