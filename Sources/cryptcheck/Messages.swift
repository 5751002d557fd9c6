import ArgumentParser
import CryptCheckModel
import Foundation

/// The passwords in a file, one per line; an unreadable file is a usage error.
func readPasswords(_ path: String) throws -> [String] {
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
        printError("\(path): cannot read the password file")
        throw ExitCode(ExitStatus.usage)
    }
    return text.split(whereSeparator: \.isNewline).map(String.init)
}

/// Prints to standard error, as one terminal-safe line: messages carry names and texts from
/// files, servers and the command line, whose control characters must not reach a terminal.
/// A progress line on the terminal is erased first.
func printError(_ message: String) {
    let line = Data(("cryptcheck: " + EscapedText.terminalSafe(message) + "\n").utf8)
    ProgressDisplay.shared.pausing { FileHandle.standardError.write(line) }
}
