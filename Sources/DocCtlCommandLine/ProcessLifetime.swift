/// What a command holds until the process ends.
///
/// Freeing a loaded set piece by piece (every document, section and string released in turn) only
/// to exit a moment later costs a large check or build a few per cent of its time. The commands
/// that load a set hand it here when they are done with it, and the process exits without freeing
/// it: the system takes the memory back at once.
enum ProcessLifetime {
    nonisolated(unsafe) private static var kept: [Any] = []

    /// Keeps `value` alive until the process exits (call it from the main thread, at the end of a command).
    static func keep(_ value: consuming Any) {
        kept.append(value)
    }
}
