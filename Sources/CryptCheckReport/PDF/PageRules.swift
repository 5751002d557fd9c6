import Foundation

/// The `@page` rules of a style sheet (CSS Paged Media 3), as far as the text comparison needs
/// them: the page margins, and what each margin box (`@top-left`, `@bottom-center`, …) shows on
/// a given page. A small reader for the style sheets this tool writes, not a CSS engine.
struct PageRules {
    /// One `@page` rule: its selector (`""`, `":first"`, `":left"`, `":right"`), its own
    /// declarations and its margin boxes' declarations, by box name.
    struct Rule {
        let selector: String
        let declarations: [(name: String, value: String)]
        let boxes: [(name: String, declarations: [(name: String, value: String)])]
    }

    let rules: [Rule]

    init(css: String) {
        let css = Self.withoutComments(css)
        var rules: [Rule] = []
        var rest = Substring(css)
        while let at = rest.range(of: "@page") {
            guard let open = rest[at.upperBound...].firstIndex(of: "{") else { break }
            let selector = rest[at.upperBound..<open].trimmingCharacters(in: .whitespacesAndNewlines)
            // The block, with its nested margin-box blocks.
            var depth = 0
            var end = open
            var own = ""
            var boxes: [(name: String, declarations: [(name: String, value: String)])] = []
            var boxName = ""
            var boxBody = ""
            var pendingName = ""
            var index = open
            while index < rest.endIndex {
                let character = rest[index]
                if character == "{" {
                    depth += 1
                    if depth == 2 {
                        boxName = pendingName.trimmingCharacters(in: .whitespacesAndNewlines)
                        boxBody = ""
                        pendingName = ""
                    }
                } else if character == "}" {
                    if depth == 2 {
                        if boxName.hasPrefix("@") { boxes.append((String(boxName.dropFirst()), Self.declarations(boxBody))) }
                        pendingName = ""
                    }
                    depth -= 1
                    if depth == 0 {
                        end = index
                        break
                    }
                } else if depth == 1 {
                    // Text at the rule's level: declarations, or the name of a margin box to come.
                    if character == "@" || !pendingName.isEmpty {
                        pendingName.append(character)
                    } else {
                        own.append(character)
                    }
                } else if depth == 2 {
                    boxBody.append(character)
                }
                index = rest.index(after: index)
            }
            rules.append(Rule(selector: selector, declarations: Self.declarations(own), boxes: boxes))
            rest = end < rest.endIndex ? rest[rest.index(after: end)...] : ""
        }
        self.rules = rules
    }

    /// The margins of the general rules (no selector), in points; zero where none is set.
    var margins: PageMargins {
        var margins = PageMargins(top: 0, right: 0, bottom: 0, left: 0)
        for rule in rules where rule.selector.isEmpty {
            for (name, value) in rule.declarations { margins.apply(name, value) }
        }
        return margins
    }

    /// The texts the margin boxes show on page `page` of `pages` (1-based), one per box that
    /// shows something; `nil` when a rule or a value is beyond this reader (a named page, a
    /// `:blank` page, a function other than `counter(page)` and `counter(pages)`).
    func marginTexts(page: Int, of pages: Int) -> [String]? {
        var contents: [String: String] = [:]
        // Later and more specific rules win: the general rule, then :left/:right, then :first.
        let order: [(String) -> Bool] = [
            { $0.isEmpty }, { $0 == ":left" && page % 2 == 0 || $0 == ":right" && page % 2 == 1 }, { $0 == ":first" && page == 1 },
        ]
        for rule in rules where !rule.boxes.isEmpty || !rule.selector.isEmpty {
            guard [":first", ":left", ":right", ""].contains(rule.selector) else { return nil }
        }
        for applies in order {
            for rule in rules where applies(rule.selector) {
                for (box, declarations) in rule.boxes {
                    for (name, value) in declarations where name == "content" { contents[box] = value }
                }
            }
        }
        var texts: [String] = []
        for box in contents.keys.sorted() {
            guard let text = Self.evaluate(contents[box] ?? "", page: page, pages: pages) else { return nil }
            if !text.isEmpty { texts.append(text) }
        }
        return texts
    }

    /// A `content` value: strings, `counter(page)`, `counter(pages)`; `none`/`normal` show nothing.
    static func evaluate(_ value: String, page: Int, pages: Int) -> String? {
        var out = ""
        var index = value.startIndex
        while index < value.endIndex {
            let character = value[index]
            if character.isWhitespace {
                index = value.index(after: index)
            } else if character == "\"" || character == "'" {
                guard let (text, next) = string(in: value, from: index) else { return nil }
                out += text
                index = next
            } else {
                var end = index
                while end < value.endIndex, !value[end].isWhitespace, value[end] != "\"", value[end] != "'" {
                    end = value.index(after: end)
                }
                let word = value[index..<end].replacingOccurrences(of: " ", with: "")
                switch word {
                case "counter(page)", "counter(page,decimal)": out += String(page)
                case "counter(pages)", "counter(pages,decimal)": out += String(pages)
                case "none", "normal": break
                default: return nil
                }
                index = end
            }
        }
        return out
    }

    /// The CSS string starting at `start` (a quote), escapes decoded, and the index after it.
    static func string(in value: String, from start: String.Index) -> (String, String.Index)? {
        let quote = value[start]
        var out = ""
        var index = value.index(after: start)
        while index < value.endIndex {
            let character = value[index]
            if character == quote { return (out, value.index(after: index)) }
            if character == "\\" {
                index = value.index(after: index)
                guard index < value.endIndex else { return nil }
                var hex = ""
                while index < value.endIndex, hex.count < 6, let digit = value[index].hexDigitValue, digit >= 0 {
                    hex.append(value[index])
                    index = value.index(after: index)
                }
                if hex.isEmpty {
                    if value[index] != "\n" { out.append(value[index]) }
                    index = value.index(after: index)
                } else {
                    out.unicodeScalars.append(UInt32(hex, radix: 16).flatMap { Unicode.Scalar($0) } ?? "\u{FFFD}")
                    // One white space after a hexadecimal escape belongs to it.
                    if index < value.endIndex, value[index].isWhitespace { index = value.index(after: index) }
                }
                continue
            }
            out.append(character)
            index = value.index(after: index)
        }
        return nil
    }

    /// `name: value; …` split, names lower-cased; semicolons inside strings respected.
    static func declarations(_ text: String) -> [(name: String, value: String)] {
        var parts: [String] = []
        var current = ""
        var quote: Character?
        var escaped = false
        for character in text {
            if escaped {
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if let open = quote {
                if character == open { quote = nil }
            } else if character == "\"" || character == "'" {
                quote = character
            } else if character == ";" {
                parts.append(current)
                current = ""
                continue
            }
            current.append(character)
        }
        parts.append(current)
        return parts.compactMap { part in
            guard let colon = part.firstIndex(of: ":") else { return nil }
            let name = part[..<colon].trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
            let value = part[part.index(after: colon)...].trimmingCharacters(in: .whitespacesAndNewlines)
            return name.isEmpty ? nil : (name, value)
        }
    }

    static func withoutComments(_ css: String) -> String {
        var out = ""
        var rest = Substring(css)
        while let start = rest.range(of: "/*") {
            out += rest[..<start.lowerBound]
            guard let end = rest[start.upperBound...].range(of: "*/") else { return out }
            rest = rest[end.upperBound...]
        }
        return out + rest
    }
}

/// Page margins in points.
struct PageMargins: Equatable {
    var top: Double
    var right: Double
    var bottom: Double
    var left: Double

    /// Applies a `margin` or `margin-*` declaration (lengths in mm, cm, in, pt, pc, px or Q).
    mutating func apply(_ name: String, _ value: String) {
        let values = value.split(whereSeparator: \.isWhitespace).compactMap { Self.points(String($0)) }
        switch name {
        case "margin":
            switch values.count {
            case 1: (top, right, bottom, left) = (values[0], values[0], values[0], values[0])
            case 2: (top, right, bottom, left) = (values[0], values[1], values[0], values[1])
            case 3: (top, right, bottom, left) = (values[0], values[1], values[2], values[1])
            case 4: (top, right, bottom, left) = (values[0], values[1], values[2], values[3])
            default: break
            }
        case "margin-top": if let value = values.first { top = value }
        case "margin-right": if let value = values.first { right = value }
        case "margin-bottom": if let value = values.first { bottom = value }
        case "margin-left": if let value = values.first { left = value }
        default: break
        }
    }

    /// A CSS length in points.
    static func points(_ text: String) -> Double? {
        if text == "0" { return 0 }
        let units: [(String, Double)] = [
            ("mm", 72 / 25.4), ("cm", 72 / 2.54), ("in", 72), ("pt", 1), ("pc", 12), ("px", 0.75), ("Q", 72 / 101.6),
        ]
        for (unit, factor) in units where text.hasSuffix(unit) {
            return Double(text.dropLast(unit.count)).map { $0 * factor }
        }
        return nil
    }

    /// Whether `word` lies wholly in a margin of its page (a margin box's text).
    func holds(_ word: BBoxPages.Word, pageWidth: Double, pageHeight: Double) -> Bool {
        word.yMax <= top || word.yMin >= pageHeight - bottom || word.xMax <= left || word.xMin >= pageWidth - right
    }
}
