import Foundation

/// Holds the requests for files a rebuild has not written yet.
///
/// `serve` sends the reload as soon as the documents' files are written, before the site-wide pages
/// (master list, coverage, registers) and the search index are made again. From then until the
/// rebuild ends, a request for any path not in the final set waits (without taking the server's
/// thread), so a page asked for after the reload is never the one from before the save.
public final class SiteGate: @unchecked Sendable {
    private let lock = NSLock()
    /// The paths (relative to the build folder) served at once while held; nil when open.
    private var final: Set<String>?
    private var waiting: [CheckedContinuation<Void, Never>] = []

    public init() {}

    /// From now until ``open()``, only the files at `final` are served at once.
    public func hold(except final: Set<String>) {
        lock.lock()
        defer { lock.unlock() }
        self.final = final
    }

    /// Lets every held request go on.
    public func open() {
        lock.lock()
        let held = waiting
        waiting = []
        final = nil
        lock.unlock()
        for continuation in held { continuation.resume() }
    }

    /// Whether a request for `relative` (as ``SiteFiles/relativePath(_:)`` gives it) would wait now.
    public func holds(_ relative: String) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        return mustWait(relative)
    }

    /// Returns once `relative` may be served.
    public func wait(for relative: String) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            lock.lock()
            if mustWait(relative) {
                waiting.append(continuation)
                lock.unlock()
            } else {
                lock.unlock()
                continuation.resume()
            }
        }
    }

    /// A folder's path is served as its `index.html`. Called with the lock held.
    private func mustWait(_ relative: String) -> Bool {
        guard let final else { return false }
        return !final.contains(relative) && !final.contains(relative.isEmpty ? "index.html" : relative + "/index.html")
    }
}
