import ArgumentParser

/// `--format` of `history` and `diff`: text for people, JSON for programs.
enum StoreOutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}
