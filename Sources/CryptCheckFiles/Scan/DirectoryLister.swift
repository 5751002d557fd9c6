import CCryptCheckSystem

#if canImport(Glibc)
import Glibc
#endif

/// Lists an open directory with `getdents64`, decoding the kernel's records (the walk's only
/// unsafe memory access). One lister serves one thread: it owns the buffer the records are
/// written to.
final class DirectoryLister {
    /// Where getdents64 writes directory records.
    private let direntBuffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 << 10, alignment: 8)

    deinit { direntBuffer.deallocate() }

    /// The entries of an open directory (without `.` and `..`) with their `d_type`, sorted by
    /// name (byte order); nil with `errno` set when it cannot be read. Names stay bytes: Linux
    /// names are any bytes but NUL and `/`, and a name that is not UTF-8 must still be opened
    /// as itself.
    func list(_ descriptor: Int32) -> [(name: [UInt8], type: UInt8)]? {
        var entries: [(name: [UInt8], type: UInt8)] = []
        while true {
            let count = cc_getdents64(descriptor, direntBuffer.baseAddress, direntBuffer.count)
            if count < 0 {
                if errno == EINTR { continue }
                return nil
            }
            if count == 0 { break }
            // struct linux_dirent64: d_ino (8 bytes), d_off (8), d_reclen (2), d_type (1), d_name.
            var offset = 0
            while offset + 19 < count {
                let record = direntBuffer.baseAddress! + offset
                let length = Int(record.loadUnaligned(fromByteOffset: 16, as: UInt16.self))
                guard length > 19, offset + length <= count else { break }
                let type = record.load(fromByteOffset: 18, as: UInt8.self)
                let namePointer = (record + 19).assumingMemoryBound(to: UInt8.self)
                let name = Array(
                    UnsafeBufferPointer(
                        start: namePointer, count: strnlen(UnsafeRawPointer(namePointer).assumingMemoryBound(to: CChar.self), length - 19)))
                if name != Self.dot && name != Self.dotDot { entries.append((name, type)) }
                offset += length
            }
        }
        entries.sort { $0.name.lexicographicallyPrecedes($1.name) }
        return entries
    }

    private static let dot: [UInt8] = [0x2E], dotDot: [UInt8] = [0x2E, 0x2E]
}
