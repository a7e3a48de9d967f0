/// The rules for topic names (what a PUBLISH carries) and topic filters (what a SUBSCRIBE asks
/// for), §4.7.
///
///     try MQTTTopic.validateName("meters/42/temp")     // fine
///     try MQTTTopic.validateName("meters/+/temp")      // throws: wildcard in a topic name
///     try MQTTTopic.validateFilter("meters/+/temp")    // fine
///     try MQTTTopic.validateFilter("meters/#/temp")    // throws: '#' not last
public enum MQTTTopic {
    /// A topic name: at least one character, a valid MQTT string, no `+` or `#`.
    public static func validateName(_ topic: String) throws(MQTTViolation) {
        try validateString(topic, field: "topic name")
        if topic.isEmpty { throw .invalidTopicName(topic, reason: "empty") }
        if topic.utf8.contains(where: { $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "#") }) {
            throw .invalidTopicName(topic, reason: "wildcards are only allowed in topic filters")
        }
    }

    /// A topic filter: at least one character; `+` fills a whole level; `#` fills a whole level
    /// and is the last character.
    public static func validateFilter(_ filter: String) throws(MQTTViolation) {
        try validateString(filter, field: "topic filter")
        if filter.isEmpty { throw .invalidTopicFilter(filter, reason: "empty") }
        let levels = filter.utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false)
        for (index, level) in levels.enumerated() {
            let hasPlus = level.contains(UInt8(ascii: "+"))
            let hasHash = level.contains(UInt8(ascii: "#"))
            if (hasPlus || hasHash) && level.count != 1 {
                throw .invalidTopicFilter(filter, reason: "a wildcard must fill a whole level")
            }
            if hasHash && index != levels.count - 1 {
                throw .invalidTopicFilter(filter, reason: "'#' must be the last level")
            }
        }
    }

    /// A UTF-8 string field: at most 65 535 bytes, no U+0000 (§1.5.3). Swift strings are always
    /// valid UTF-8, so only those two are checked.
    public static func validateString(_ text: String, field: String) throws(MQTTViolation) {
        let count = text.utf8.count
        if count > Int(UInt16.max) { throw .fieldTooLong(field: field, length: count) }
        if text.utf8.contains(0) { throw .nullCharacter(field: field) }
    }
}
