import Dispatch

/// Work spread over the cores, with results in index order, so that the output never depends on
/// which thread finished first. Used for loading document folders, running the check themes,
/// digesting documents and rendering pages.
enum Parallel {
    /// `work(0..<count)` on all cores; the results in index order.
    static func map<Result>(_ count: Int, _ work: @Sendable (Int) -> Result) -> [Result] {
        var results = [Result?](repeating: nil, count: count)
        results.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let slots = buffer
            DispatchQueue.concurrentPerform(iterations: count) { index in slots[index] = work(index) }
        }
        return results.map { $0! }
    }

    /// `side` on a thread of its own while `work` runs on this one; both results once both are done.
    static func alongside<Main, Side: Sendable>(_ side: @escaping @Sendable () -> Side, _ work: () -> Main) -> (Main, Side) {
        nonisolated(unsafe) var sideResult: Side?
        let done = DispatchGroup()
        DispatchQueue.global().async(group: done) { sideResult = side() }
        let result = work()
        done.wait()
        return (result, sideResult!)
    }
}
