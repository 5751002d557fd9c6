import CFuzzDriver

/// Runs libFuzzer over one Swift closure. Each fuzz executable's entry point
/// (`@_cdecl("<Target>_main")`) calls `run`, which hands the closure every input libFuzzer makes.
public enum FuzzDriver {
    /// The closure under test. libFuzzer calls back through a C function pointer, which cannot
    /// capture it, so it is kept here; it is set once, before the driver starts, and libFuzzer
    /// calls back from that one thread only.
    nonisolated(unsafe) private static var testOneInput: (([UInt8]) -> Void)?

    /// Parses libFuzzer's flags from `argc`/`argv` and fuzzes `body` (corpus directories, `-runs`,
    /// `-max_total_time`, a single reproducer file ...). Returns libFuzzer's exit status.
    public static func run(
        _ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>,
        _ body: @escaping ([UInt8]) -> Void
    ) -> Int32 {
        testOneInput = body
        return cryptcheck_fuzz_run(argc, argv) { data, size in
            let bytes = size == 0 ? [] : Array(UnsafeBufferPointer(start: data, count: size))
            FuzzDriver.testOneInput?(bytes)
            return 0
        }
    }
}
