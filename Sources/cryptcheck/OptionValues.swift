import ArgumentParser
import CryptCheckModel
import CryptCheckOpenSSL
import CryptCheckPolicy
import CryptCheckReport
import Foundation

/// Output format of evaluation commands.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, csv, sarif, cbom, html, pdf
}

extension ReportLanguage: ExpressibleByArgument {}

/// When the text output is coloured.
enum ColourChoice: String, ExpressibleByArgument, CaseIterable {
    case auto, always, never

    /// `auto`: only when standard output is a terminal, NO_COLOR is unset and TERM is not dumb.
    var enabled: Bool {
        switch self {
        case .always: return true
        case .never: return false
        case .auto:
            let environment = ProcessInfo.processInfo.environment
            return isatty(STDOUT_FILENO) == 1 && environment["NO_COLOR"] == nil && environment["TERM"] != "dumb"
        }
    }
}

extension Severity: ExpressibleByArgument {}
