import CryptCheckFiles
import CryptCheckSSH
import FuzzSupport

/// libFuzzer target: the OpenSSH readers below the base64 — public-key blobs, certificate blobs,
/// `openssh-key-v1` private-key bodies and public-key line files (`FilesFuzzEntry.ssh`) — and the
/// SSH scanner's wire readers, the first byte choosing which: identification exchange, packet
/// framing, KEXINIT, host-key blob (`SSHFuzzEntry.wire`).
@_cdecl("FuzzSSH_main")
func fuzzSSHMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> Int32 {
    FuzzDriver.run(argc, argv) { bytes in
        _ = FilesFuzzEntry.ssh(bytes)
        _ = SSHFuzzEntry.wire(bytes)
    }
}
