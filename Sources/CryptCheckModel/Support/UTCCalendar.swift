import Foundation

/// The Gregorian calendar in UTC, the one every date in cryptcheck is read and judged in.
/// Made once: building a Calendar per call showed in scan profiles.
public enum UTCCalendar {
    public static let gregorian: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()
}

extension UTCCalendar {
    /// `YYYY-MM-DDTHH:MM:SSZ`, the way every timestamp in cryptcheck's outputs is written.
    public static func timestamp(_ date: Date) -> String {
        let parts = gregorian.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        func two(_ value: Int?) -> String { value.map { $0 < 10 ? "0\($0)" : String($0) } ?? "00" }
        let year = parts.year.map { String(format: "%04d", $0) } ?? "0000"
        return "\(year)-\(two(parts.month))-\(two(parts.day))T\(two(parts.hour)):\(two(parts.minute)):\(two(parts.second))Z"
    }
}
