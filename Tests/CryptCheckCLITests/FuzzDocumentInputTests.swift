import CryptCheckPolicy
import CryptCheckReport
import Foundation
import TestSupport
import Testing

/// The list and observation fuzz targets' committed inputs, read as the fuzzers read them
/// (`ListLoader.parse` on UTF-8 text, `ObservationLoader.decode`): the seeds are real documents
/// and must load; an input that once crashed or hung a target must now be a clean error.
@Suite("Fuzz inputs: lists and observations")
struct FuzzDocumentInputTests {
    @Test("list seeds load", arguments: FuzzInputs.seeds("FuzzLists"))
    func listSeed(_ input: FuzzInputs.Input) throws {
        let text = try #require(String(validating: input.bytes, as: UTF8.self))
        #expect(throws: Never.self) { try ListLoader.parse(text, file: input.name, origin: input.name) }
    }

    @Test("observation seeds decode", arguments: FuzzInputs.seeds("FuzzObservations"))
    func observationSeed(_ input: FuzzInputs.Input) {
        #expect(throws: Never.self) { try ObservationLoader.decode(Data(input.bytes)) }
    }

    @Test("inputs that once broke the list target are clean errors", arguments: FuzzInputs.regressions("FuzzLists"))
    func listRegression(_ input: FuzzInputs.Input) {
        guard let text = String(validating: input.bytes, as: UTF8.self) else { return }
        #expect(throws: ListLoadError.self) { try ListLoader.parse(text, file: input.name, origin: input.name) }
    }

    @Test("inputs that once broke the observation target are clean errors", arguments: FuzzInputs.regressions("FuzzObservations"))
    func observationRegression(_ input: FuzzInputs.Input) {
        #expect(throws: (any Error).self) { try ObservationLoader.decode(Data(input.bytes)) }
    }
}
