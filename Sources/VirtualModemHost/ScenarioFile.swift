import Foundation
import VirtualModem
import Yams

/// Reads scenario files: YAML (JSON is YAML too). The format is in `docs/virtual-modem.md`.
///
///     let scenario = try ScenarioFile.load("Fixtures/scenarios/roaming-weak-signal.yaml")
///     let modem = try VirtualModem(scenario: scenario)
public enum ScenarioFile {
    /// A file that could not be read or does not describe a scenario.
    public struct LoadError: Error, Sendable, CustomStringConvertible {
        public var path: String
        public var message: String
        public var description: String { "\(path): \(message)" }
    }

    public static func load(_ path: String) throws(LoadError) -> Scenario {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw LoadError(path: path, message: "cannot read: \(error.localizedDescription)")
        }
        return try parse(text, path: path)
    }

    public static func parse(_ text: String, path: String = "scenario") throws(LoadError) -> Scenario {
        let scenario: Scenario
        do {
            scenario = try YAMLDecoder().decode(Scenario.self, from: text)
        } catch let error as DecodingError {
            throw LoadError(path: path, message: describe(error))
        } catch {
            throw LoadError(path: path, message: "\(error)")
        }
        // Check it whole now, so a mistake is reported at load time rather than mid-run.
        do {
            _ = try scenario.configuration()
            _ = try scenario.steps()
        } catch {
            throw LoadError(path: path, message: error.description)
        }
        return scenario
    }

    static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let keys = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return keys.isEmpty ? "top level" : String(keys.drop { $0 == "." })
        }
        switch error {
        case .keyNotFound(let key, let context): return "\(path(context)): missing \(key.stringValue)"
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            return "\(path(context)): \(context.debugDescription)"
        @unknown default: return "\(error)"
        }
    }
}
