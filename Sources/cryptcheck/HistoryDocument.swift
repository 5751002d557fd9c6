import CryptCheckStore

/// `history --format json`.
struct HistoryDocument: Encodable {
    var schema = "cryptcheck-history/1"
    var target: String
    var scans: [HistoryEntry]
}
