import CryptCheckFiles
import FuzzSupport

/// libFuzzer target: the OpenSSH readers below the base64 — public-key blobs, certificate blobs,
/// `openssh-key-v1` private-key bodies and public-key line files (`FilesFuzzEntry.ssh`).
@_cdecl("FuzzSSH_main")
func fuzzSSHMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> Int32 {
    FuzzDriver.run(argc, argv) { bytes in _ = FilesFuzzEntry.ssh(bytes) }
}
