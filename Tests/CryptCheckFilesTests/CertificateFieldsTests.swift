import CryptCheckModel
import CryptCheckOpenSSL
import Foundation
import Testing

@testable import CryptCheckX509

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

    /// Certificates made to hit the self-signed rules' corners, committed (made once by
    /// Scripts/fixtures/certificate-fields.sh, valid until 2126) instead of made by the openssl
    /// command on every run.
    static let corners = Fixtures.root.deletingLastPathComponent().appendingPathComponent("certificate-fields")

    /// The certificates of one committed corner file.
    static func corner(_ name: String) throws -> [X509Certificate] {
        try X509Certificate.parsePEM([UInt8](try Data(contentsOf: corners.appendingPathComponent(name))))
    }

    @Test func selfSignedCornersMatchWholeCertificate() throws {
        // ca.pem: a CA named "CN=Same"; same-name.pem: a second key certified by it under the same
        // name, self-issued, but its authority key identifier names the CA's key, so not self-signed;
        // v1.pem: no extensions at all; names.pem: every kind of alternative name; pss.pem: RSASSA-PSS.
        var seen = 0
        for file in ["ca.pem", "same-name.pem", "v1.pem", "names.pem", "pss.pem"] {
            for certificate in try Self.corner(file) {
                try expectSame(certificate, file)
                seen += 1
            }
        }
        #expect(seen == 5)
        let ca = try CertificateReader.facts(der: try Self.corner("ca.pem")[0].der)
        #expect(ca.subject == "CN=Same" && ca.isSelfSigned)
        let sameName = try CertificateReader.facts(der: try Self.corner("same-name.pem")[0].der)
        #expect(sameName.subject == sameName.issuer && !sameName.isSelfSigned)
        let names = try CertificateReader.facts(der: try Self.corner("names.pem")[0].der)
        #expect(names.subjectAlternativeNames.count == 5 && names.subject == "CN=names.test,O=Example")
        // Version 1: the TBSCertificate starts with the serial number, no [0] version field.
        let v1 = try DER.parse(try Self.corner("v1.pem")[0].der).sequence("Certificate")[0].sequence("TBSCertificate")
        #expect(v1.first?.tag == 0x02)
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
            let expected = calendar.date(
                from: DateComponents(
                    year: parts.year, month: parts.month, day: parts.day,
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

    @Test(arguments: [
        "20230229000000Z", "20241301000000Z", "20240100000000Z", "20240431000000Z",
        "20240101240000Z", "20240101006000Z", "20240101000060Z", "2024010100000Z", "20240101000000",
        "2024010100000aZ",
    ])
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
