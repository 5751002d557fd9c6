import CryptCheckModel

/// The password-based key-derivation work one file may cost, counted in iterations (a PBKDF2,
/// PKCS#12-KDF or JCEKS MD5 iteration each counts one), summed over every derivation the file
/// asks for with every password tried. A file sets its own counts, so without a bound a hostile
/// one costs hours (PBKDF2 with 2^31-1 iterations, a keystore of 100k entries): work is priced
/// before it is run, and a derivation that would pass the limit is not run at all.
package struct KDFWork: Sendable {
    /// Ten million iterations per file: 16 times the 600,000 that OWASP recommends for
    /// PBKDF2-HMAC-SHA256 in 2023, and far above what OpenSSL (2,048), Java keytool (10,000)
    /// or Windows (2,000) write; about 5 s of CPU at worst.
    package static let defaultLimit = 10_000_000

    /// The limit for the file.
    package let limit: Int
    /// Iterations charged so far.
    package private(set) var spent = 0

    /// A fresh allowance of `limit` iterations.
    package init(limit: Int = KDFWork.defaultLimit) { self.limit = limit }

    /// Charges `iterations` (nil: a derivation whose cost could not be read) if they fit in
    /// what is left; otherwise charges nothing and throws, so the derivation is not run.
    package mutating func charge(_ iterations: Int?) throws {
        guard let iterations else { throw KDFLimitExceeded(iterations: nil, limit: limit, spent: spent) }
        guard iterations >= 0, iterations <= limit - spent else {
            throw KDFLimitExceeded(iterations: iterations, limit: limit, spent: spent)
        }
        spent += iterations
    }
}

/// A key derivation that was not run because it would pass the file's limit (or could not be
/// priced): the object it protects is not opened, which makes its facts indeterminate.
package struct KDFLimitExceeded: CodedError, Sendable, Hashable, CustomStringConvertible {
    /// Always `kdf.limit-exceeded`.
    package var code: ErrorCode { .kdfLimitExceeded }
    /// The derivation's iteration count, or nil when it could not be read.
    package let iterations: Int?
    /// The per-file limit in force.
    package let limit: Int
    /// What the file's earlier derivations had already cost.
    package let spent: Int

    package var description: String {
        guard let iterations else {
            return "not opened: its key derivation's cost could not be read (not run, to keep the scan bounded)"
        }
        if iterations > limit || spent == 0 {
            return "not opened: iteration count \(iterations) exceeds the limit (\(limit) per file; raise it with --max-kdf-iterations)"
        }
        return "not opened: iteration count \(iterations) exceeds what is left of the limit (\(spent) of \(limit) per file "
            + "already spent on this file; raise it with --max-kdf-iterations)"
    }
}
