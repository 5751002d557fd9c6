import CryptCheckModel
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Whether an output would land inside a scanned tree, decided by where things really are
/// (device and inode of the real directories), not by how their paths are spelt: a symbolic
/// link, `..` or a second mount of the same directory does not get past it.
enum OutputLocation {
    /// The scanned path that `output` (a file to write, or a directory to write into) lies in,
    /// if any. A scanned file counts only when the output is that very file.
    static func scannedRoot(containing output: String, roots: [String], outputIsDirectory: Bool = false) -> String? {
        let identities = ancestors(ofOutput: output, isDirectory: outputIsDirectory)
        for root in roots {
            var status = stat()
            guard stat(root, &status) == 0 else { continue }
            let identity = Identity(status)
            if status.st_mode & S_IFMT == S_IFDIR {
                if identities.directories.contains(identity) { return root }
            } else if identities.file == identity {
                return root
            }
        }
        return nil
    }

    /// A file system object's identity.
    struct Identity: Hashable {
        let device: UInt64
        let inode: UInt64
        init(_ status: stat) {
            device = UInt64(status.st_dev)
            inode = UInt64(status.st_ino)
        }
    }

    /// The identities of every directory the output would be written in (its nearest existing
    /// directory and all above it), and of the output file itself if it exists already.
    static func ancestors(ofOutput output: String, isDirectory: Bool) -> (directories: Set<Identity>, file: Identity?) {
        var file: Identity?
        var status = stat()
        if !isDirectory, stat(output, &status) == 0, status.st_mode & S_IFMT != S_IFDIR { file = Identity(status) }
        // The directory the output goes into: the output itself for a directory, else its parent;
        // climb to the nearest one that exists (the rest would be created inside it).
        var directory = isDirectory ? output : PathText.parent(of: output)
        var directories = Set<Identity>()
        for _ in 0..<4096 {
            if stat(directory, &status) == 0, status.st_mode & S_IFMT == S_IFDIR { break }
            let parent = PathText.parent(of: directory)
            if parent == directory { break }
            directory = parent
        }
        // From there up to the root, through `..` of the real directory (so links are resolved).
        var path = directory
        for _ in 0..<4096 {
            guard stat(path, &status) == 0 else { break }
            let identity = Identity(status)
            guard directories.insert(identity).inserted else { break }  // reached the root
            path += "/.."
        }
        return (directories, file)
    }
}
