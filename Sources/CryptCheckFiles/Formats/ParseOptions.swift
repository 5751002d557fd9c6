import CryptCheckModel
import CryptCheckOpenSSL
import CryptCheckX509
import Foundation

/// How to open protected files.
package struct ParseOptions: Sendable {
    /// Passwords to try on encrypted keys, PKCS#12 files and keystores, in order.
    package var passwords: [String]
    /// The key-derivation iterations one file may cost in total (`--max-kdf-iterations`).
    package var kdfIterationLimit: Int
    /// PKCS#12 outcomes by content, shared by every copy of these options (one scan).
    let pkcs12Memo = PKCS12Memo()
    /// Whole files' parses by content, shared likewise (`FileScanner` uses it).
    let parseMemo = ParseMemo()
    /// The current file's allowance: `parseFile` gives each file a fresh one.
    var allowance: KDFAllowance

    /// Options trying `passwords`, bounding each file's key derivations to `kdfIterationLimit`.
    package init(passwords: [String] = [], kdfIterationLimit: Int = KDFWork.defaultLimit) {
        self.passwords = passwords
        self.kdfIterationLimit = kdfIterationLimit
        allowance = KDFAllowance(limit: kdfIterationLimit)
    }

    /// Tries `passwords` in order on one protected object whose every attempt costs
    /// `iterations` (nil: unpriced), charging the file's allowance before each: the first
    /// result `open` gives, and the limit that stopped the attempts, if one did.
    func firstOpening<T>(iterations: Int?, _ open: (String) throws -> T) -> (opened: T?, stopped: KDFLimitExceeded?) {
        for password in passwords {
            do {
                try allowance.charge(iterations)
            } catch {
                return (nil, error as? KDFLimitExceeded)
            }
            if let opened = try? open(password) { return (opened, nil) }
        }
        return (nil, nil)
    }
}
