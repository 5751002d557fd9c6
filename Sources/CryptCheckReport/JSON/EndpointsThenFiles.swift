/// An array of the whole report whose elements from endpoints come before those from files,
/// whatever order the input files give them in (one input's files are read before the next
/// input's endpoints): two spools, written one after the other.
final class EndpointsThenFiles {
    let endpoints: SpooledArray
    /// The elements from files, then from targets not scanned.
    let files: SpooledArray

    init(indent: Int) {
        endpoints = SpooledArray(indent: indent)
        files = SpooledArray(indent: indent)
    }

    var arrays: [SpooledArray] { [endpoints, files] }

    func side(atEndpoint: Bool) -> SpooledArray { atEndpoint ? endpoints : files }
}

/// A hash of a name, for telling whether names meet again without keeping them (two names
/// with one hash only send an evaluation the whole-report way).
func nameHash(_ text: String) -> Int {
    var hasher = Hasher()
    hasher.combine(text)
    return hasher.finalize()
}
