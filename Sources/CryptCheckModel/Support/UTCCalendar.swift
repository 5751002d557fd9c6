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
