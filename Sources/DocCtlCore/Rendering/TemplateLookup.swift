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

/// A view model whose stored properties the templates read by name, listed once as key paths in
/// `ViewModels+Lookup.swift`.
public protocol TemplateFields: MustacheParent {
    static var templateFields: TemplateFieldTable<Self> { get }
}

extension TemplateFields {
    public func child(named name: String) -> Any? { Self.templateFields.value(of: self, named: name) }
}

/// Name → stored property of a view model, made once per type from key paths: the name of each is
/// the last component of the key path's description (`\DocumentPageView.title` → `title`).
/// A nil optional answers nil, as reflection did, so Mustache goes on to the enclosing object.
public struct TemplateFieldTable<Root>: @unchecked Sendable {
    private let fields: [String: (path: PartialKeyPath<Root>, optional: Bool)]

    public init(_ paths: PartialKeyPath<Root>...) {
        var fields: [String: (path: PartialKeyPath<Root>, optional: Bool)] = [:]
        for path in paths {
            let description = String(describing: path)
            guard let dot = description.lastIndex(of: "."), description.hasPrefix("\\") else {
                preconditionFailure("a template field must be a stored property's key path, found \(description)")
            }
            let name = String(description[description.index(after: dot)...])
            precondition(fields[name] == nil, "template field \(name) listed twice")
            fields[name] = (path, type(of: path).valueType is any OptionalTemplateValue.Type)
        }
        self.fields = fields
    }

    /// The names answered (tests).
    var names: Set<String> { Set(fields.keys) }

    /// The value of the property `name` of `root`; nil for another name or a nil optional.
    public func value(of root: Root, named name: String) -> Any? {
        guard let field = fields[name] else { return nil }
        let value = root[keyPath: field.path]
        return field.optional ? (value as? any OptionalTemplateValue)?.wrappedValue : value
    }
}

/// Lets a table see through an optional property without knowing its type.
protocol OptionalTemplateValue {
    var wrappedValue: Any? { get }
}

extension Optional: OptionalTemplateValue {
    var wrappedValue: Any? { map { $0 } }
}
