import CryptCheckModel
import CryptCheckOpenSSL
@testable import CryptCheckX509
import Foundation
import Testing

/// The certificate reader takes names and extensions from OpenSSL field by field instead of
/// through a whole `X509`. These tests hold it to the whole-`X509` answers on every fixture
/// certificate and on certificates made to hit the self-signed rules' corners.
@Suite("Certificate names and extensions equal OpenSSL's whole-certificate answers")
struct CertificateFieldsTests {
    /// Every certificate among the fixtures: PEM files one by one and bundles in order.
    static let fixtureCertificates: [String] = {
        let folder = Fixtures.root.appendingPathComponent("certs")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".pem") || $0.hasSuffix(".cer") }.sorted()
    }()

    @Test(arguments: fixtureCertificates)
    func fixtureMatchesWholeCertificate(name: String) throws {
        let bytes = Fixtures.bytes("certs/" + name)
        let whole = name.hasSuffix(".cer") ? [try X509Certificate(der: bytes)] : try X509Certificate.parsePEM(bytes)
        #expect(!whole.isEmpty)
        for (index, certificate) in whole.enumerated() {
            try expectSame(certificate, "\(name)#\(index + 1)")
        }
    }

    @Test func selfSignedCornersMatchWholeCertificate() throws {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("cryptcheck-fields-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        func openssl(_ arguments: String) throws {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["openssl"] + arguments.split(separator: " ").map(String.init)
            process.currentDirectoryURL = work
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            #expect(process.terminationStatus == 0, "openssl \(arguments)")
        }
        let ec = "-newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes"
        // A CA named "CN=Same", and a second key certified by it under the same name: self-issued,
        // but its authority key identifier names the CA's key, so not self-signed.
        try openssl("req -x509 \(ec) -keyout ca.key -out ca.pem -subj /CN=Same -days 30")
        try openssl("req \(ec) -keyout other.key -out other.csr -subj /CN=Same")
        try "authorityKeyIdentifier=keyid:always\nsubjectKeyIdentifier=hash\n"
            .write(to: work.appendingPathComponent("akid.ext"), atomically: true, encoding: .utf8)
        try openssl("x509 -req -in other.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out same-name.pem -days 30 "
                    + "-extfile akid.ext")
        // No extensions at all (version 1), and one with every kind of alternative name.
        try openssl("x509 -req -in other.csr -signkey other.key -out v1.pem -days 30 -extfile /dev/null")
        try openssl("req -x509 \(ec) -keyout names.key -out names.pem -subj /O=Example/CN=names.test -days 30 "
                    + "-addext subjectAltName=DNS:names.test,IP:127.0.0.1,IP:::1,email:a@names.test,URI:https://names.test/ "
                    + "-addext basicConstraints=critical,CA:FALSE")
        // An RSA key signing with RSASSA-PSS, self-signed.
        try openssl("req -x509 -newkey rsa:2048 -nodes -keyout pss.key -out pss.pem -subj /CN=PSS -days 30 "
                    + "-sigopt rsa_padding_mode:pss -sha256")
        var seen = 0
        for file in ["ca.pem", "same-name.pem", "v1.pem", "names.pem", "pss.pem"] {
            let bytes = [UInt8](try Data(contentsOf: work.appendingPathComponent(file)))
            for certificate in try X509Certificate.parsePEM(bytes) {
                try expectSame(certificate, file)
                seen += 1
            }
        }
        #expect(seen == 5)
        let sameName = try CertificateReader.facts(der: try X509Certificate.parsePEM(
            [UInt8](try Data(contentsOf: work.appendingPathComponent("same-name.pem"))))[0].der)
        #expect(sameName.subject == sameName.issuer && !sameName.isSelfSigned)
        let names = try CertificateReader.facts(der: try X509Certificate.parsePEM(
            [UInt8](try Data(contentsOf: work.appendingPathComponent("names.pem"))))[0].der)
        #expect(names.subjectAlternativeNames.count == 5 && names.subject == "CN=names.test,O=Example")
    }

    @Test func malformedNamesAreRejectedWithTheField() throws {
        let der = try X509Certificate.parsePEM(Fixtures.bytes("certs/rsa2048-sha256.pem"))[0].der
        // The issuer Name is the fourth TBSCertificate field (after [0] version, serial and the
        // algorithm); turn the tag of its first RDN SET into an OCTET STRING.
        let tbs = try DER.parse(der).sequence("Certificate")[0].sequence("TBSCertificate")
        let issuerSet = try tbs[3].children()[0]
        var broken = der
        broken[issuerSet.range.lowerBound] = DER.octetString
        #expect(throws: FormatError.self) { try CertificateReader.facts(der: broken) }
        do {
            _ = try CertificateReader.facts(der: broken)
        } catch {
            #expect("\(error)".contains("issuer"), "\(error)")
        }
    }

    private func expectSame(_ certificate: X509Certificate, _ label: String) throws {
        let facts = try CertificateReader.facts(der: certificate.der)
        #expect(facts.subject == certificate.subject, "\(label) subject")
        #expect(facts.issuer == certificate.issuer, "\(label) issuer")
        #expect(facts.isCA == certificate.isCA, "\(label) isCA")
        #expect(facts.isSelfSigned == certificate.isSelfSigned, "\(label) isSelfSigned")
        #expect(facts.subjectAlternativeNames == certificate.subjectAlternativeNames, "\(label) SANs")
    }
}

@Suite("Certificate times")
struct CertificateTimeTests {
    private func node(_ text: String) -> DER {
        let bytes = Array(text.utf8)
        let tag: UInt8 = bytes.count == 13 ? 0x17 : 0x18
        return try! DER.parse([tag, UInt8(bytes.count)] + bytes)
    }

    /// The arithmetic agrees with Foundation's Gregorian calendar on every day of 1950–2100
    /// (checked at a time of day that changes with the date).
    @Test func agreesWithTheCalendar() throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        var date = calendar.date(from: DateComponents(year: 1950, month: 1, day: 1))!
        let end = calendar.date(from: DateComponents(year: 2101, month: 1, day: 1))!
        var checked = 0
        while date < end {
            let parts = calendar.dateComponents([.year, .month, .day], from: date)
            let (hour, minute, second) = (checked % 24, checked % 60, (checked * 7) % 60)
            let expected = calendar.date(from: DateComponents(year: parts.year, month: parts.month, day: parts.day,
                                                              hour: hour, minute: minute, second: second))!
            let text = String(format: "%04d%02d%02d%02d%02d%02dZ", parts.year!, parts.month!, parts.day!, hour, minute, second)
            #expect(try CertificateReader.time(node(text)) == expected, "\(text)")
            if (1950...2049).contains(parts.year!) {
                #expect(try CertificateReader.time(node(String(text.dropFirst(2)))) == expected, "UTCTime \(text)")
            }
            date = calendar.date(byAdding: .day, value: 1, to: date)!
            checked += 1
        }
        #expect(checked == 55_152)
    }

    @Test(arguments: ["20230229000000Z", "20241301000000Z", "20240100000000Z", "20240431000000Z",
                      "20240101240000Z", "20240101006000Z", "20240101000060Z", "2024010100000Z", "20240101000000",
                      "2024010100000aZ"])
    func impossibleTimesAreRejected(text: String) {
        #expect(throws: FormatError.self) { try CertificateReader.time(node(text)) }
    }

    @Test func leapDaysAreAccepted() throws {
        let leap = try CertificateReader.time(node("20240229120000Z"))
        #expect(leap.timeIntervalSince1970 == 1_709_208_000)
        let century = try CertificateReader.time(node("20000229000000Z"))
        #expect(century.timeIntervalSince1970 == 951_782_400)
    }
}
