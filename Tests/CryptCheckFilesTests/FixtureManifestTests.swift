import CryptCheckModel
import Foundation
import Testing

@testable import CryptCheckFiles

@Suite("Every fixture reports what its generating command made")
struct FixtureManifestTests {
    static let files = Array(Set(Fixtures.manifest.map(\.file))).sorted()

    @Test(arguments: files)
    func factsMatchTheManifest(file: String) throws {
        let rows = Fixtures.manifest.filter { $0.file == file }
        let result = Fixtures.parse(file)
        guard case .parsed(let items, let errors) = result else {
            Issue.record("\(file) was not recognised as cryptographic material")
            return
        }
        if let expected = rows.first?.error, !expected.isEmpty {
            #expect(items.isEmpty)
            #expect(errors.map(\.code) == [ErrorCode(rawValue: expected)], "\(file): \(errors)")
            return
        }
        #expect(errors.isEmpty, "\(file): \(errors)")
        #expect(items.count == rows.count, "\(file): \(items.map(\.kind))")
        for row in rows {
            let item = try #require(items.first { $0.position == row.position }, "\(file)#\(row.position)")
            #expect(item.kind.rawValue == row.kind, "\(file)#\(row.position)")
            #expect(item.format == row.format, "\(file)#\(row.position)")
            let key = item.key ?? item.certificate?.publicKey
            if !row.key.isEmpty { #expect(key?.algorithm.rawValue == row.key, "\(file)#\(row.position) key") }
            if !row.bits.isEmpty { #expect(key?.bits == Int(row.bits), "\(file)#\(row.position) bits") }
            if !row.curve.isEmpty { #expect(key?.curve == row.curve, "\(file)#\(row.position) curve") }
            let signature = item.signature ?? item.certificate?.signature
            if !row.scheme.isEmpty { #expect(signature?.scheme?.rawValue == row.scheme, "\(file)#\(row.position) scheme") }
            #expect((signature?.hash?.rawValue ?? "") == row.hash, "\(file)#\(row.position) hash")
            #expect(Fixtures.notation(item.protection) == row.protection, "\(file)#\(row.position) protection")
        }
    }

    @Test func certificateDetailsAreRead() throws {
        guard case .parsed(let items, _) = Fixtures.parse("certs/chain-bundle.pem") else { Issue.record("not parsed"); return }
        let leaf = try #require(items.first?.certificate)
        #expect(leaf.subject == "CN=leaf.example.test" && leaf.issuer == "CN=Fixture Intermediate CA")
        #expect(leaf.subjectAlternativeNames == ["DNS:leaf.example.test"])
        #expect(!leaf.isCA && !leaf.isSelfSigned)
        #expect(leaf.sha256Fingerprint.count == 64)
        let root = try #require(items.last?.certificate)
        #expect(root.isCA && root.isSelfSigned)
        guard case .parsed(let expired, _) = Fixtures.parse("certs/expired.pem") else { Issue.record("not parsed"); return }
        let dates = try #require(expired.first?.certificate)
        #expect(ISO8601DateFormatter().string(from: dates.notBefore) == "2020-01-01T00:00:00Z")
        #expect(ISO8601DateFormatter().string(from: dates.notAfter) == "2021-01-01T00:00:00Z")
        guard case .parsed(let pss, _) = Fixtures.parse("certs/rsa2048-pss-sha256.pem") else { Issue.record("not parsed"); return }
        #expect(pss.first?.certificate?.signature.mgf1Hash == "sha-256")
    }

    @Test func nonCryptoFilesAreNotReported() {
        for file in ["broken/junk.bin", "broken/notes.txt", "MANIFEST.tsv"] {
            guard case .notCrypto = Fixtures.parse(file) else {
                Issue.record("\(file) was taken for cryptographic material")
                continue
            }
        }
    }
}
