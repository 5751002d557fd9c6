import Testing

@testable import CryptCheckOpenSSL

@Suite("Random bytes for probes")
struct RandomBytesTests {
    @Test(arguments: [0, 1, 7, 8, 9, 64, 1184])
    func givesTheCountAskedFor(count: Int) {
        #expect(RandomBytes.make(count).count == count)
        #expect(RandomBytes.nonzero(count).count == count)
    }

    @Test func drawsDifferFromEachOtherAndAreNotConstant() {
        let first = RandomBytes.make(64)
        let second = RandomBytes.make(64)
        #expect(first != second)
        // 64 equal bytes from a working generator: chance 2^-504.
        #expect(Set(first).count > 1)
    }

    @Test func nonzeroBytesHoldNoZero() {
        // 4096 bytes: a zero is all but certain among plain draws (1 - (255/256)^4096), none here.
        #expect(!RandomBytes.nonzero(4096).contains(0))
        #expect(RandomBytes.make(4096).contains(0))
    }
}
