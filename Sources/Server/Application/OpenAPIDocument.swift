// The OpenAPI 3.1 document of the API, merged at start from one fragment per area of the API
// (`Resources/OpenAPI/*.json`), and the list of routes it documents.

import Foundation

/// The API's OpenAPI 3.1 document, assembled from the fragments in `Resources/OpenAPI/`:
/// `document.json` holds the header and shared components, and each other file one area's
/// `paths` and `components`, so that areas of the API are documented beside each other
/// without one large file.
public enum OpenAPIDocument {
    /// The merged document's bytes (keys sorted), or nil when the fragments are missing or clash.
    public static let data: Data? = try? assemble()

    /// The routes the document describes (`paths` × methods).
    public static func routes() throws -> [APIRoute] {
        guard let data, let root = try JSONSerialization.jsonObject(with: data) as? [String: Any],
              let paths = root["paths"] as? [String: Any]
        else { return [] }
        let methods: Set<String> = ["get", "put", "post", "delete", "patch", "head", "options"]
        return paths.flatMap { path, item -> [APIRoute] in
            guard let operations = item as? [String: Any] else { return [] }
            return operations.keys.filter(methods.contains).map { APIRoute(method: $0.uppercased(), path: path) }
        }.sorted()
    }

    /// Merges the fragments; a path or component named by two fragments is an error.
    public static func assemble() throws -> Data {
        guard let directory = Bundle.module.url(forResource: "OpenAPI", withExtension: nil, subdirectory: "Resources") else {
            throw OpenAPIAssemblyError(message: "Resources/OpenAPI is missing from the build")
        }
        let files = try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "json" }
            .sorted { ($0.lastPathComponent == "document.json" ? "" : $0.lastPathComponent) < ($1.lastPathComponent == "document.json" ? "" : $1.lastPathComponent) }
        var document: [String: Any] = [:]
        for file in files {
            guard let fragment = try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any] else {
                throw OpenAPIAssemblyError(message: "\(file.lastPathComponent) is not a JSON object")
            }
            try merge(fragment, into: &document, at: file.lastPathComponent)
        }
        return try JSONSerialization.data(withJSONObject: document, options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes])
    }

    /// Adds `fragment` to `document`: objects under `paths` and `components` merge one level
    /// down (a path's operations may not be split across files); anything else must not repeat.
    private static func merge(_ fragment: [String: Any], into document: inout [String: Any], at file: String) throws {
        for (key, value) in fragment {
            switch key {
            case "paths":
                var paths = document["paths"] as? [String: Any] ?? [:]
                try mergeUnique(value, into: &paths, what: "path", file: file)
                document["paths"] = paths
            case "components":
                var components = document["components"] as? [String: Any] ?? [:]
                for (kind, entries) in value as? [String: Any] ?? [:] {
                    var existing = components[kind] as? [String: Any] ?? [:]
                    try mergeUnique(entries, into: &existing, what: "components.\(kind)", file: file)
                    components[kind] = existing
                }
                document["components"] = components
            default:
                guard document[key] == nil else {
                    throw OpenAPIAssemblyError(message: "\(file) repeats the top-level key \(key)")
                }
                document[key] = value
            }
        }
    }

    private static func mergeUnique(_ value: Any, into target: inout [String: Any], what: String, file: String) throws {
        for (name, entry) in value as? [String: Any] ?? [:] {
            guard target[name] == nil else {
                throw OpenAPIAssemblyError(message: "\(file) documents \(what) \(name) a second time")
            }
            target[name] = entry
        }
    }

    /// Where static web files (the consoles) are.
    static var publicDirectory: String? {
        Bundle.module.url(forResource: "Public", withExtension: nil, subdirectory: "Resources")?.path
    }
}

/// Why the OpenAPI fragments could not be merged.
public struct OpenAPIAssemblyError: Error, CustomStringConvertible {
    /// What is wrong, naming the file.
    public var message: String
    public var description: String { message }
}
