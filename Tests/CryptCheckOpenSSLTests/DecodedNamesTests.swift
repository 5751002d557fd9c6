import Testing

@testable import CryptCheckOpenSSL

/// Issuer names are kept for the run because they repeat; when names rarely repeat (a tree of
/// self-signed certificates, each its own issuer), the cache is left and names are decoded
/// directly, with the same text either way.
@Suite("Decoded names: kept while they repeat")
struct DecodedNamesTests {
    /// `CN=<common>` as DER: SEQUENCE { SET { SEQUENCE { OID 2.5.4.3, UTF8String } } }.
    static func name(_ common: String) -> [UInt8] {
        let value = Array(common.utf8)
        let attribute: [UInt8] = [0x30, UInt8(7 + value.count), 0x06, 0x03, 0x55, 0x04, 0x03, 0x0C, UInt8(value.count)] + value
        let set: [UInt8] = [0x31, UInt8(attribute.count)] + attribute
        return [0x30, UInt8(set.count)] + set
    }

    @Test func repeatedNamesStayCached() throws {
        let names = DecodedNames()
        for index in 0..<(DecodedNames.trialLookups * 2) {
            let text = try #require(names.name(Self.name("issuer \(index % 4)")[...])).text
            #expect(text == "CN=issuer \(index % 4)")
        }
        #expect(!names.bypassed)
    }

    @Test func namesMetOnceLeaveTheCacheAndStillDecode() throws {
        let names = DecodedNames()
        for index in 0..<(DecodedNames.trialLookups + 10) {
            let text = try #require(names.name(Self.name("self-signed \(index)")[...])).text
            #expect(text == "CN=self-signed \(index)")
        }
        #expect(names.bypassed)
        #expect(try #require(names.name(Self.name("after")[...])).text == "CN=after")
    }
}
