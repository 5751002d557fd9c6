import CryptCheckReport
import Foundation
import FuzzSupport

/// libFuzzer target: the observation-file readers that `cryptcheck evaluate` and `report` use,
/// the whole-file decoder (`ObservationLoader.decode`) and the streaming reader, which must read
/// exactly what the decoder reads (a difference traps, so libFuzzer keeps the input).
@_cdecl("FuzzObservations_main")
func fuzzObservationsMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> Int32 {
    FuzzDriver.run(argc, argv) { bytes in
        do {
            try ObservationFuzzEntry.read(bytes)
        } catch {
            fatalError("\(error)")
        }
    }
}
