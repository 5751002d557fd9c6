import CryptCheckReport
import Foundation
import FuzzSupport

/// libFuzzer target: the PDF reader `report verify` uses (cross-reference, trailer, objects,
/// the embedded report data) and the attachment writer, whose output must read back (a
/// difference traps, so libFuzzer keeps the input).
@_cdecl("FuzzPDF_main")
func fuzzPDFMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> Int32 {
    FuzzDriver.run(argc, argv) { bytes in
        do {
            try PDFFuzzEntry.read(bytes)
        } catch {
            fatalError("\(error)")
        }
    }
}
