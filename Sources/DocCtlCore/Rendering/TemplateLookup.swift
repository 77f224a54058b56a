import Foundation
import Mustache

/// The labels of each language as a dictionary for the templates (`{{chrome.labels.serial}}`),
/// made once per process by reflection: every page carries all of them.
final class LabelsLookup: @unchecked Sendable {
    static let shared = LabelsLookup()
    private let lock = NSLock()
    private var dictionaries: [String: (labels: Labels, dictionary: [String: Any])] = [:]

    func dictionary(_ labels: Labels) -> [String: Any] {
        lock.lock()
        defer { lock.unlock() }
        // Labels are fixed per language; the language code is a cheap key (checked against the labels).
        if let cached = dictionaries[labels.lang], cached.labels == labels { return cached.dictionary }
        var dictionary: [String: Any] = [:]
        for child in Mirror(reflecting: labels).children {
            if let label = child.label { dictionary[label] = child.value }
        }
        dictionaries[labels.lang] = (labels, dictionary)
        return dictionary
    }
}

/// A view model seen through a cache of its answers, for one rendering.
///
/// Every `{{chrome.labels.serial}}` asks the page for `chrome` again: answering copies the whole
/// ``PageChrome`` struct (and its ``Labels``, 94 strings) into a new box, retained and released
/// string by string — most of the template time after reflection was gone. A node answers each
/// name once and hands out the same (reference) answer afterwards; nested view models are nodes
/// too. Made per rendering on one thread, never shared.
final class TemplateNode: MustacheParent {
    private let base: any MustacheParent
    private var answers: [String: Any] = [:]
    private var unanswered: Set<String> = []

    init(_ base: any MustacheParent) { self.base = base }

    /// `value` as a node when it is a view model (dictionaries answer by hashing already).
    static func wrap(_ value: Any) -> Any {
        guard let parent = value as? any MustacheParent, !(value is [String: Any]), !(value is TemplateNode) else { return value }
        return TemplateNode(parent)
    }

    func child(named name: String) -> Any? {
        if let answer = answers[name] { return answer }
        if unanswered.contains(name) { return nil }
        guard let answer = base.child(named: name) else {
            unanswered.insert(name)
            return nil
        }
        let node = TemplateNode.wrap(answer)
        answers[name] = node
        return node
    }
}
