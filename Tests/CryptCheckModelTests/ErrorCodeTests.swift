import CryptCheckModel
import Foundation
import Testing

/// The error codes: stable strings, kept as read, and carried next to the messages in the
/// observations, which still decode as saved before codes were recorded.
@Suite("Error codes")
struct ErrorCodeTests {
    static func decode<T: Decodable>(_ type: T.Type, _ json: String) throws -> T {
        try JSONDecoder().decode(type, from: Data(json.utf8))
    }

    static func encode(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    @Test func codesAreTheirDocumentedStrings() {
        // The raw values are API: scripts and saved observations match them.
        let expected: [(ErrorCode, String)] = [
            (.derTruncated, "der.truncated"), (.derTrailingData, "der.trailing-data"), (.pemNoEndLine, "pem.no-end-line"),
            (.pemBadBase64, "pem.bad-base64"), (.tlsTruncated, "tls.truncated"), (.connectionRefused, "connection.refused"),
            (.connectionTimeout, "connection.timeout"), (.kdfLimitExceeded, "kdf.limit-exceeded"), (.unknown, "unknown"),
            (.openSSL(library: 13, reason: 168), "openssl.13.168"),
        ]
        for (code, raw) in expected { #expect(code.rawValue == raw) }
        #expect(ErrorCode.connectionTimeout.family == "connection" && ErrorCode.openSSLNoReason.family == "openssl")
    }

    @Test func aCodeIsOneJSONStringAndAnUnknownOneIsKeptAsRead() throws {
        #expect(try Self.encode([ErrorCode.pemNoEndLine]) == #"["pem.no-end-line"]"#)
        let newer = try Self.decode(ErrorCode.self, #""quic.version-mismatch""#)
        #expect(newer == ErrorCode(rawValue: "quic.version-mismatch") && newer != .unknown)
    }

    @Test func anErrorWithoutACodeIsUnknown() {
        struct Coded: CodedError { var code: ErrorCode { .derTooDeep } }
        struct Plain: Error {}
        #expect(ErrorCode.of(Coded()) == .derTooDeep)
        #expect(ErrorCode.of(Plain()) == .unknown)
    }

    @Test func failedProbesCarryTheirCodeAndOldOnesDecodeWithout() throws {
        let old = try Self.decode(ProbeStatus.self, #"{"failed":"timed out waiting for the server"}"#)
        #expect(old == .failed(reason: "timed out waiting for the server", code: nil))
        let coded = ProbeStatus.failed(reason: "timed out waiting for the server", code: .connectionTimeout)
        #expect(try Self.encode(coded) == #"{"code":"connection.timeout","failed":"timed out waiting for the server"}"#)
        #expect(try Self.decode(ProbeStatus.self, try Self.encode(coded)) == coded)
        #expect(try Self.encode(ProbeStatus.failed(reason: "x")) == #"{"failed":"x"}"#)

        let feature = try Self.decode(FeatureStatus.self, #"{"failed":"reset"}"#)
        #expect(feature == .failed(reason: "reset", code: nil))
        let codedFeature = FeatureStatus.failed(reason: "reset", code: .connectionReset)
        #expect(try Self.decode(FeatureStatus.self, try Self.encode(codedFeature)) == codedFeature)
        #expect(codedFeature.description == "failed (reset)")
    }

    @Test func failureStringsGetTheirCodesBesideThem() throws {
        let suites = try Self.decode(
            SuiteEnumeration.self, #"{"version":"TLSv1.2","accepted":[],"preference":"unknown","complete":false,"failure":"reset"}"#)
        #expect(suites.failure == "reset" && suites.failureCode == nil)
        let coded = SuiteEnumeration(version: .tlsv1_2, accepted: [], complete: false, failure: "reset", failureCode: .connectionReset)
        #expect(try Self.encode(coded).contains(#""failureCode":"connection.reset""#))
        #expect(try Self.decode(SuiteEnumeration.self, try Self.encode(coded)) == coded)

        let outcome = try Self.decode(TLSEndpointOutcome.self, #"{"kind":"unreachable","detail":"cannot connect"}"#)
        #expect(outcome.code == nil)
        let unscanned = try Self.decode(UnscannedTarget.self, #"{"target":"/srv/key","reason":"permission denied"}"#)
        #expect(unscanned.code == nil)
        #expect(try Self.encode(UnscannedTarget(target: "/a", reason: "b")) == #"{"reason":"b","target":"\/a"}"#)

        let file = try Self.decode(FileObservation.self, #"{"path":"/a","items":[],"errors":["empty file"]}"#)
        #expect(file.errorCodes == nil && file.errorCode(at: 0) == nil)
        let codedFile = FileObservation(path: "/a", errors: ["empty file"], errorCodes: [.fileEmpty])
        #expect(codedFile.errorCode(at: 0) == .fileEmpty && codedFile.errorCode(at: 1) == nil)
        #expect(try Self.encode(codedFile).contains(#""errorCodes":["file.empty"],"errors":["empty file"]"#))
        // No errors, no codes written.
        #expect(!(try Self.encode(FileObservation(path: "/a", errorCodes: []))).contains("errorCodes"))

        let endpoint = TLSEndpointObservation(host: "h", port: 1, failures: ["budget"], failureCodes: [.connectionBudgetExhausted])
        #expect(try Self.decode(TLSEndpointObservation.self, try Self.encode(endpoint)) == endpoint)
        #expect(endpoint.failureCode(at: 0) == .connectionBudgetExhausted && endpoint.failureCode(at: 1) == nil)
        #expect(TLSEndpointObservation(host: "h", port: 1, failureCodes: []).failureCodes == nil)
    }

    /// Observation files written by cryptcheck before codes were recorded (main at 96b832b;
    /// see Fixtures/README.md) decode, every code absent.
    @Test func observationsSavedBeforeCodesStillDecode() throws {
        func load(_ name: String) throws -> ObservationSet {
            let data = try Data(contentsOf: URL(fileURLWithPath: "Fixtures/observations/" + name))
            return try JSONDecoder.observations.decode(ObservationSet.self, from: data)
        }
        let tls = try load("before-codes-tls.json"), set = try load("before-codes-files.json")
        let endpoint = try #require(tls.endpoints.first)
        #expect(endpoint.outcome?.kind == .unreachable && endpoint.outcome?.code == nil)
        let failed = endpoint.versions.compactMap { support -> ErrorCode?? in
            if case .failed(_, let code) = support.status { return code }
            return nil
        }
        #expect(!failed.isEmpty && failed.allSatisfy { $0 == nil }, "\(endpoint.versions)")
        #expect(endpoint.failureCodes == nil)
        let broken = set.files.filter { !$0.errors.isEmpty }
        #expect(!broken.isEmpty && broken.allSatisfy { $0.errorCodes == nil })
        #expect(!set.unscanned.isEmpty && set.unscanned.allSatisfy { $0.code == nil })
    }
}

extension JSONDecoder {
    /// The decoder of saved observations: ISO 8601 dates, as the CLI writes them.
    static var observations: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }
}
