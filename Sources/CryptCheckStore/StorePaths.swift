import Foundation

/// Paths as the store keeps the ones given to `scan`: absolute and standardised.
package enum StorePaths {
    package static func absolute(_ path: String) -> String {
        URL(fileURLWithPath: path, isDirectory: false).standardizedFileURL.path
    }
}
