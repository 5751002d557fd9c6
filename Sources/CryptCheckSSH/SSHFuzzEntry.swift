/// The way in for the SSH wire fuzz target (`Fuzz/Sources/FuzzSSH`) and its regression tests:
/// what a server sends before any key is agreed, read by the scanner's own readers. The first
/// byte of an input chooses the reader, the rest is the server's bytes: the identification
/// exchange, a binary packet's framing, a KEXINIT payload, a host-key blob (K_S). The fuzz
/// package sees only `public` declarations, and the readers are `package`.
public enum SSHFuzzEntry {
    /// What one input gave: whether the reader accepted it (a rejection is an error, never a
    /// crash), and how many names or bytes it read.
    public struct Outcome: Sendable {
        public var accepted: Bool
        public var count: Int
    }

    public static func wire(_ bytes: [UInt8]) -> Outcome {
        guard let selector = bytes.first else { return Outcome(accepted: false, count: 0) }
        let rest = Array(bytes.dropFirst())
        do {
            switch selector % 4 {
            case 0:
                let parsed = try SSHIdentification.parse(rest)
                return Outcome(accepted: parsed != nil, count: parsed?.text.count ?? 0)
            case 1:
                let packet = try SSHPacket.parse(rest[...])
                return Outcome(accepted: packet != nil, count: packet?.consumed ?? 0)
            case 2:
                let facts = try SSHKexInit.parse(rest)
                return Outcome(accepted: true, count: facts.kexAlgorithms.count + facts.hostKeyAlgorithms.count)
            default:
                let key = try SSHHostKey(blob: rest)
                return Outcome(accepted: true, count: key.plainBlob.count)
            }
        } catch {
            return Outcome(accepted: false, count: 0)
        }
    }
}
