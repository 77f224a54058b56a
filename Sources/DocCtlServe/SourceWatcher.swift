import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Waits for changes below a document set's folder: inotify on Linux (a watch on every folder,
/// renewed as folders come and go), or, where inotify is missing or out of watches, a comparison
/// of every file's size and modification time a few times a second.
public final class SourceWatcher: @unchecked Sendable {
    public enum Mode: String, Sendable { case inotify, polling }

    public let root: String
    public private(set) var mode: Mode
    /// Folder names below the root that are never watched (the output of a build inside the set, say).
    let ignored: Set<String>
    private var descriptor: Int32 = -1
    private var watches: [Int32: String] = [:]
    private var snapshot: [String: String] = [:]
    let pollInterval: TimeInterval

    /// `forcePolling` uses the fallback even where inotify works (tests, network file systems).
    public init(root: URL, ignoring ignored: Set<String> = [], forcePolling: Bool = false, pollInterval: TimeInterval = 0.25) {
        self.root = root.standardizedFileURL.path
        self.ignored = ignored
        self.pollInterval = pollInterval
        mode = .polling
        #if os(Linux)
        if !forcePolling {
            descriptor = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
            if descriptor >= 0 {
                mode = .inotify
                if !watchFolders() { fallBackToPolling() }
            }
        }
        #endif
        if mode == .polling { snapshot = takeSnapshot() }
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
    }

    /// Blocks until something below the root changed (then waits `settle` seconds more, so that an
    /// editor's save of several files counts once), or until `timeout` passes or `stop()` returns true.
    /// Returns whether something changed.
    public func waitForChange(timeout: TimeInterval, settle: TimeInterval = 0.02, stop: () -> Bool = { false }) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline, !stop() {
            if mode == .inotify {
                var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
                let ready = poll(&poller, 1, 100)
                if ready > 0, drainEvents() {
                    if settle > 0 { usleep(useconds_t(settle * 1_000_000)) }
                    _ = drainEvents()
                    return true
                }
            } else {
                Thread.sleep(forTimeInterval: pollInterval)
                let now = takeSnapshot()
                if now != snapshot {
                    if settle > 0 { Thread.sleep(forTimeInterval: settle) }
                    snapshot = takeSnapshot()
                    return true
                }
            }
        }
        return false
    }

    // MARK: inotify

    private func fallBackToPolling() {
        if descriptor >= 0 { close(descriptor) }
        descriptor = -1
        watches = [:]
        mode = .polling
    }

    /// Adds a watch on every folder not yet watched; false when the kernel refuses one.
    @discardableResult
    private func watchFolders() -> Bool {
        #if os(Linux)
        let watched = Set(watches.values)
        let mask = UInt32(IN_CREATE | IN_DELETE | IN_MODIFY | IN_CLOSE_WRITE | IN_MOVED_FROM | IN_MOVED_TO | IN_DELETE_SELF | IN_ATTRIB)
        for folder in folders() where !watched.contains(folder) {
            let watch = inotify_add_watch(descriptor, folder, mask)
            if watch < 0 { return false }
            watches[watch] = folder
        }
        #endif
        return true
    }

    /// Reads the pending events; true when one of them is about a file or folder of the set.
    private func drainEvents() -> Bool {
        #if os(Linux)
        var changed = false
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count <= 0 { break }
            var offset = 0
            while offset + MemoryLayout<inotify_event>.size <= count {
                let (mask, length, name) = buffer.withUnsafeBytes { bytes -> (UInt32, Int, String) in
                    let event = bytes.loadUnaligned(fromByteOffset: offset, as: inotify_event.self)
                    let start = offset + MemoryLayout<inotify_event>.size
                    let nameBytes = bytes[start..<min(start + Int(event.len), count)].prefix { $0 != 0 }
                    return (event.mask, Int(event.len), String(decoding: nameBytes, as: UTF8.self))
                }
                offset += MemoryLayout<inotify_event>.size + length
                if mask & UInt32(IN_Q_OVERFLOW) != 0 { changed = true; continue }
                // Editors' swap and backup files (.x.swp, x~, 4913) are not sources.
                if name.hasPrefix(".") || name.hasSuffix("~") || name == "4913" || ignored.contains(name) { continue }
                changed = true
            }
        }
        if changed, !watchFolders() { fallBackToPolling(); snapshot = takeSnapshot() }
        return changed
        #else
        return false
        #endif
    }

    // MARK: Listing

    /// The root and every folder below it (hidden and ignored ones left out), without following links.
    func folders() -> [String] {
        var result = [root]
        var index = 0
        while index < result.count {
            let folder = result[index]
            index += 1
            for name in ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
            where !name.hasPrefix(".") && !(folder == root && ignored.contains(name)) {
                let path = folder + "/" + name
                var status = stat()
                if lstat(path, &status) == 0, (status.st_mode & S_IFMT) == S_IFDIR { result.append(path) }
            }
        }
        return result
    }

    /// Path → "size mtime" of every file below the root.
    func takeSnapshot() -> [String: String] {
        var snapshot: [String: String] = [:]
        for folder in folders() {
            for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] where !name.hasPrefix(".") && !name.hasSuffix("~") {
                let path = folder + "/" + name
                var status = stat()
                guard lstat(path, &status) == 0 else { continue }
                // A folder counts by its presence (a new, empty folder is a change too).
                snapshot[path] = (status.st_mode & S_IFMT) == S_IFDIR ? "folder"
                    : "\(status.st_size) \(status.st_mtim.tv_sec).\(status.st_mtim.tv_nsec)"
            }
        }
        return snapshot
    }
}
