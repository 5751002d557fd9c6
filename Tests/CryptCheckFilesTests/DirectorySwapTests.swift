import CryptCheckModel
import Foundation
import Testing

@testable import CryptCheckFiles

/// Issue 11 item 5: files are opened relative to the directory the walk listed them in, so a
/// directory (or file) swapped for a symlink after the walk cannot lead the read out of the tree.
@Suite("A directory swapped after the walk")
struct DirectorySwapTests {
    /// A tree with tree/d/x.pem (RSA certificate) and, outside it, outside/x.pem (EC).
    static func layout() throws -> (root: URL, tree: URL) {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("cryptcheck-swap-\(UUID().uuidString)")
        let inside = root.appendingPathComponent("tree/d"), outside = root.appendingPathComponent("outside")
        try FileManager.default.createDirectory(at: inside, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        try Data(contentsOf: Fixtures.root.appendingPathComponent("certs/rsa2048-sha256.pem")).write(
            to: inside.appendingPathComponent("x.pem"))
        try Data(contentsOf: Fixtures.root.appendingPathComponent("certs/ec-p256-sha256.pem")).write(
            to: outside.appendingPathComponent("x.pem"))
        return (root, root.appendingPathComponent("tree"))
    }

    /// The files the walk queues for `tree`, not yet read.
    static func walk(_ tree: URL) -> [QueuedFile] {
        let walk = Walk(options: ScanOptions())
        var queued: [QueuedFile] = []
        walk.onBatch = { queued += $0 }
        walk.visit(ScanPath(tree.path), depth: 0)
        walk.flush()
        return queued
    }

    @Test func aSwappedDirectoryDoesNotRedirectTheRead() throws {
        let (root, tree) = try Self.layout()
        defer { try? FileManager.default.removeItem(at: root) }
        let queued = Self.walk(tree)
        #expect(queued.count == 1 && queued.first?.path.display == tree.path + "/d/x.pem")
        // After the walk, before the read: tree/d becomes a symlink to the outside directory.
        try FileManager.default.moveItem(at: tree.appendingPathComponent("d"), to: tree.appendingPathComponent("d.old"))
        try FileManager.default.createSymbolicLink(
            at: tree.appendingPathComponent("d"), withDestinationURL: root.appendingPathComponent("outside"))
        guard case .parsed(.parsed(let items, _), _, _) = FileScanner.readOne(queued[0], options: ScanOptions()) else {
            Issue.record("the file in the tree was not read")
            return
        }
        #expect(items.first?.certificate?.publicKey.algorithm == .rsa, "read the file outside the tree")
    }

    @Test func aFileSwappedForASymlinkIsNotFollowed() throws {
        let (root, tree) = try Self.layout()
        defer { try? FileManager.default.removeItem(at: root) }
        let queued = Self.walk(tree)
        let file = tree.appendingPathComponent("d/x.pem")
        try FileManager.default.removeItem(at: file)
        try FileManager.default.createSymbolicLink(at: file, withDestinationURL: root.appendingPathComponent("outside/x.pem"))
        guard case .unreadable(let reason) = FileScanner.readOne(queued[0], options: ScanOptions()) else {
            Issue.record("a symlink swapped in after the walk was followed")
            return
        }
        #expect(reason.code == .fileCannotOpen, "\(reason)")
    }
}
