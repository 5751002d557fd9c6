import CryptCheckReport
import Foundation
import FuzzSupport

/// libFuzzer target: the observation-file reader that `cryptcheck evaluate` and `report` use
/// (`ObservationLoader.decode`).
@_cdecl("FuzzObservations_main")
func fuzzObservationsMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> Int32 {
    FuzzDriver.run(argc, argv) { bytes in _ = try? ObservationLoader.decode(Data(bytes)) }
}
