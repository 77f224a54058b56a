import Foundation

/// The labels of each language as a dictionary for the templates (`{{chrome.labels.serial}}`),
/// made once per process by reflection: every page carries all of them.
final class LabelsLookup: @unchecked Sendable {
    static let shared = LabelsLookup()
    private let lock = NSLock()
    private var dictionaries: [String: [String: Any]] = [:]

    func dictionary(_ labels: Labels) -> [String: Any] {
        lock.lock()
        defer { lock.unlock() }
        // Labels are fixed per language; the language code is a cheap key.
        if let cached = dictionaries[labels.lang], cached["__labels"] as? Labels == labels { return cached }
        var dictionary: [String: Any] = ["__labels": labels]
        for child in Mirror(reflecting: labels).children {
            if let label = child.label { dictionary[label] = child.value }
        }
        dictionaries[labels.lang] = dictionary
        return dictionary
    }
}
