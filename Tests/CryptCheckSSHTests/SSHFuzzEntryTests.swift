import CryptCheckSSH
import Foundation
import Testing

/// The SSH wire fuzz entry (`SSHFuzzEntry.wire`, run by Fuzz/Sources/FuzzSSH) on its committed
/// seeds: each seed is read, and every truncation and byte flip of it is read or rejected,
/// never a crash.
@Suite struct SSHFuzzEntryTests {
    static let seeds: [(name: String, bytes: [UInt8])] = {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Fuzz/corpus/FuzzSSH")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasPrefix("wire-") }.sorted().compactMap { name in
            (try? Data(contentsOf: folder.appendingPathComponent(name))).map { (name, Array($0)) }
        }
    }()

    @Test func everyWireReaderHasASeedThatItReads() {
        #expect(Set(Self.seeds.compactMap { $0.bytes.first.map { $0 % 4 } }) == [0, 1, 2, 3])
        for seed in Self.seeds { #expect(SSHFuzzEntry.wire(seed.bytes).accepted, "\(seed.name)") }
    }

    @Test func truncatedAndFlippedSeedsAreReadOrRejected() {
        for seed in Self.seeds {
            for length in 0..<seed.bytes.count { _ = SSHFuzzEntry.wire(Array(seed.bytes.prefix(length))) }
            for index in 1..<seed.bytes.count {
                var flipped = seed.bytes
                flipped[index] ^= 0xFF
                _ = SSHFuzzEntry.wire(flipped)
            }
            // A KEXINIT cut short is rejected, not read as a shorter one.
            if seed.bytes.first == 2 { #expect(!SSHFuzzEntry.wire(Array(seed.bytes.dropLast(5))).accepted) }
        }
    }
}
