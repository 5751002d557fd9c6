import CryptCheckFiles
import CryptCheckX509
import TestSupport
import Testing

/// The fuzz targets' committed inputs through the same entries the fuzzers use (`Fuzz/`):
/// every regression input (one that once crashed or hung a target) must now give a clean
/// error, and every seed must still be read as what it was made from, so a seed that stops
/// reaching its parser (or a reader that stops reading it) fails here, not silently in a fuzz run.
@Suite("Fuzz inputs: files")
struct FuzzRegressionTests {
    /// Seeds made from fixtures that are broken on purpose (`Fixtures/files/broken`).
    static func isBroken(_ input: FuzzInputs.Input) -> Bool { input.name.hasPrefix("broken-") }

    @Test("DER seeds are read as DER", arguments: FuzzInputs.seeds("FuzzDER"))
    func derSeed(_ input: FuzzInputs.Input) {
        if Self.isBroken(input) {
            #expect(X509FuzzEntry.read(input.bytes) == 0)  // a SEQUENCE header over garbage: not DER
        } else {
            // The root, at least one child, and at least one reader or primitive value.
            #expect(X509FuzzEntry.read(input.bytes) >= 3)
        }
    }

    @Test("file seeds are recognised, and read unless broken on purpose", arguments: FuzzInputs.seeds("FuzzFiles"))
    func fileSeed(_ input: FuzzInputs.Input) {
        let outcome = FilesFuzzEntry.file(input.bytes)
        if Self.isBroken(input) {
            #expect(outcome.items == 0 || !outcome.errors.isEmpty)
        } else {
            #expect(outcome.isCrypto)
            #expect(outcome.items > 0)
        }
    }

    @Test("PKCS#12 seeds are read", arguments: FuzzInputs.seeds("FuzzPKCS12"))
    func pkcs12Seed(_ input: FuzzInputs.Input) {
        let outcome = FilesFuzzEntry.file(input.bytes, named: FilesFuzzEntry.pkcs12Name)
        #expect(outcome.isCrypto)
        #expect(outcome.items > 0)
    }

    @Test("keystore seeds are read without an error", arguments: FuzzInputs.seeds("FuzzKeyStore"))
    func keyStoreSeed(_ input: FuzzInputs.Input) {
        let outcome = FilesFuzzEntry.file(input.bytes, named: FilesFuzzEntry.keyStoreName)
        #expect(outcome.items > 0)
        #expect(outcome.errors.isEmpty)
    }

    /// The key seeds of FuzzSSH (its `wire-` seeds are the SSH scanner's wire readers', read by
    /// `SSHFuzzEntryTests`).
    @Test("OpenSSH seeds are read without an error", arguments: FuzzInputs.seeds("FuzzSSH").filter { !$0.name.hasPrefix("wire-") })
    func sshSeed(_ input: FuzzInputs.Input) {
        #expect(FilesFuzzEntry.ssh(input.bytes) == nil)
    }

    @Test(
        "inputs that once broke a file target give a clean error",
        arguments: ["FuzzDER", "FuzzFiles", "FuzzPKCS12", "FuzzKeyStore", "FuzzSSH"].flatMap { target in
            FuzzInputs.regressions(target).map { (target, $0) }
        })
    func regression(_ target: String, _ input: FuzzInputs.Input) {
        switch target {
        case "FuzzDER":
            _ = X509FuzzEntry.read(input.bytes)  // returning at all is the test: it crashed or hung
        case "FuzzSSH":
            #expect(FilesFuzzEntry.ssh(input.bytes) != nil)
        default:
            let outcome =
                target == "FuzzFiles"
                ? FilesFuzzEntry.file(input.bytes)
                : FilesFuzzEntry.file(input.bytes, named: target == "FuzzPKCS12" ? FilesFuzzEntry.pkcs12Name : FilesFuzzEntry.keyStoreName)
            #expect(!outcome.isCrypto || !outcome.errors.isEmpty)
        }
    }
}
