import CryptCheckPolicy
import FuzzSupport

/// libFuzzer target: the list loader (`ListLoader.parse`: Yams and the schema readers) on a list
/// file's text, as `cryptcheck lists validate` and `--list FILE` read it.
@_cdecl("FuzzLists_main")
func fuzzListsMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> Int32 {
    FuzzDriver.run(argc, argv) { bytes in
        guard let text = String(validating: bytes, as: UTF8.self) else { return }
        try? ListsFuzzEntry.parse(text)
    }
}
