import CryptCheckOpenSSL
import CryptCheckX509
import Synchronization

/// One file's key-derivation allowance (`KDFWork`), shared by every reader that opens a
/// protected object in the file: each password attempt is charged before it runs, so a file
/// costs at most `--max-kdf-iterations` iterations in total, however many objects, passwords
/// and iteration counts it holds.
final class KDFAllowance: Sendable {
    private let work: Mutex<KDFWork>

    /// A fresh allowance of `limit` iterations.
    init(limit: Int) { work = Mutex(KDFWork(limit: limit)) }

    /// Charges `iterations` (nil: unpriced) or throws `KDFLimitExceeded`, charging nothing.
    func charge(_ iterations: Int?) throws {
        try work.withLock { try $0.charge(iterations) }
    }

    /// Runs `body` with the allowance to charge as it goes (a PKCS#12 file prices the key bags
    /// inside its encrypted parts only once they are decrypted).
    func spend<T>(_ body: (inout KDFWork) throws -> T) throws -> T {
        try work.withLock { try body(&$0) }
    }
}

extension PasswordEnvelopeReader {
    /// What one attempt at a password-based AlgorithmIdentifier (DER) costs, in iterations:
    /// PBKDF2's count, a PKCS#5 v1.5 or PKCS#12 PBE scheme's count (1 when absent), scrypt's
    /// N·r·p; nil when the algorithm or its parameters cannot be read, so it is not run.
    static func iterations(ofAlgorithm der: [UInt8]) -> Int? {
        guard let node = try? DER.parse(der), let algorithms = try? read(node) else { return nil }
        if let kdf = algorithms.first(where: { $0.role == .kdf }) {
            switch kdf.primitive {
            case "pbkdf2": return kdf.iterations
            case "scrypt": return scryptCost(node)
            default: return nil
            }
        }
        if let legacy = algorithms.first(where: { $0.role == .legacyPBE }) { return legacy.iterations ?? 1 }
        return nil
    }

    /// N·r·p of a PBES2 scrypt KDF (RFC 7914 7.1: salt, costParameter, blockSize,
    /// parallelizationParameter), or nil.
    private static func scryptCost(_ node: DER) -> Int? {
        guard let parameters = try? AlgorithmIdentifier(node).parameters,
            let kdf = try? AlgorithmIdentifier(parameters.sequence("PBES2-params", minimum: 2)[0]),
            let fields = try? kdf.parameters?.sequence("scrypt-params", minimum: 4),
            let n = try? fields[1].int(), let r = try? fields[2].int(), let p = try? fields[3].int()
        else { return nil }
        let (nr, overflowNR) = n.multipliedReportingOverflow(by: r)
        let (cost, overflow) = nr.multipliedReportingOverflow(by: p)
        return overflowNR || overflow ? Int.max : cost
    }
}
