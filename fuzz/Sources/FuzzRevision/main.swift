import DocCtlCore
import FuzzSupport

// Revision marks and dates: RevisionMark (parse, next revision, next edition with skipped letters)
// and Day (parse, compare, add months, from epoch seconds). Each input line is one value; the first
// line's letters (if any) are also used as skip-letters, as docset.yaml could set them.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRevision(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard let text = FuzzInput.text(data, size) else { return 0 }
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).prefix(32).map(String.init)
    let skip = Set((lines.first ?? "").filter { $0.isASCII && $0.isUppercase }.prefix(26))
    var previous: Day? = nil
    for line in lines {
        if let mark = RevisionMark(line) {
            _ = mark.description + mark.pathComponent
            _ = mark.nextRevision
            _ = mark.nextEdition(skipping: skip)
            _ = RevisionMark(mark.description) == mark
        }
        if let day = Day(line) {
            _ = Day(day.description) == day
            if let previous { _ = previous < day }
            for months in [1, 6, 12, 120] { _ = day.adding(months: months) }
            previous = day
        }
        if let seconds = Int(line) {
            _ = Day(epochSeconds: seconds).description
        }
    }
    return 0
}
